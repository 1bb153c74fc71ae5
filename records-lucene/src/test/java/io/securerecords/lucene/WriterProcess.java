package io.securerecords.lucene;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The writer that {@link LuceneKilledWriterTest} kills: opens the store in the folder given as
 * its argument, continues the stream of {@link Batches} from the log's end, and prints each
 * batch's number after {@code write} returned (acknowledged as durable).
 */
final class WriterProcess {
  /** A bound, so that an orphaned writer ends on its own. */
  private static final int MAX_BATCHES = 20_000;

  private WriterProcess() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    try (LuceneRecordStore store = LuceneRecordStore.open(Path.of(args[0]))) {
      long start = store.logSize();
      out.println("open " + start);
      out.flush();
      for (long n = start; n < start + MAX_BATCHES; n++) {
        store.write(Batches.batch(n));
        out.println(n);
        out.flush();
      }
    }
  }
}
