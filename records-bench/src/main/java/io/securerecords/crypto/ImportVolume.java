package io.securerecords.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How many bytes benchmark 6's imports make H2 write: one import of {@code RECORDS} records
 * (sealed, the indexed twin with the library's ids, or the indexed twin with short ids), then the
 * bytes this process wrote to storage ({@code write_bytes} of {@code /proc/self/io}, Linux only)
 * and the size of the H2 file it left. MVStore appends every changed page to a new chunk, so the
 * bytes written against the data kept show how often pages are rewritten. Not a benchmark: one
 * run, no warm-up; its time is printed only as a guide.
 *
 * <p>Usage: {@code java -Xmx512m -cp records-bench/target/benchmarks.jar
 * io.securerecords.crypto.ImportVolume RECORDS sealed|twin|twin-short}
 */
public final class ImportVolume {
  private ImportVolume() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ImportVolume RECORDS sealed|twin|twin-short");
      System.exit(2);
    }
    ImportBenchmark b = new ImportBenchmark();
    b.records = Integer.parseInt(args[0]);
    b.h2Settings = "";
    b.twinIds = args[1].equals("twin-short") ? "short" : "library";
    b.setUp();
    try {
      long before = writeBytes();
      long start = System.nanoTime();
      switch (args[1]) {
        case "sealed" -> b.sealedPut();
        case "twin", "twin-short" -> b.plainBatchIndexed();
        default -> throw new IllegalArgumentException("sealed, twin or twin-short");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long written = writeBytes() - before;
      long file = fileBytes(b.dir);
      System.out.printf("%s, %,d records: %.1f s, %,d bytes written, H2 file %,d bytes,"
          + " %,d bytes written a record%n", args[1], b.records, seconds, written, file,
          written / b.records);
    } finally {
      b.tearDown();
    }
  }

  /** Bytes this process has caused to be written to storage, from {@code /proc/self/io}. */
  static long writeBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
      if (line.startsWith("write_bytes:")) {
        return Long.parseLong(line.substring("write_bytes:".length()).trim());
      }
    }
    throw new IOException("/proc/self/io has no write_bytes");
  }

  private static long fileBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
