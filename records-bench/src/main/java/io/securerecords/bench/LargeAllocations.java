package io.securerecords.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's allocations outside TLABs of at least a given size, by their
 * innermost frames: where a benchmark makes the arrays G1 treats as humongous (half a region or
 * more: 512 KB in a 512 MB heap, whose regions are 1 MB), each of which may start a concurrent
 * mark cycle.
 *
 * <p>Record with {@code jdk.ObjectAllocationOutsideTLAB} enabled, which JDK 17's own settings
 * files leave off: a settings file holding only that event, {@code enabled} and {@code stackTrace}
 * true (BENCHMARKS.md gives it), passed as {@code -XX:StartFlightRecording=settings=FILE,...}.
 *
 * <p>Usage: {@code java -cp records-bench/target/benchmarks.jar
 * io.securerecords.bench.LargeAllocations FILE.jfr MIN-BYTES [FRAMES] [TOP]}, for example {@code
 * /tmp/import.jfr 524288 6}
 */
public final class LargeAllocations {
  private LargeAllocations() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: LargeAllocations FILE.jfr MIN-BYTES [FRAMES] [TOP]");
      System.exit(2);
    }
    long min = Long.parseLong(args[1]);
    int frames = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    int top = args.length > 3 ? Integer.parseInt(args[3]) : 15;
    Map<String, long[]> byStack = new HashMap<>();
    long count = 0;
    long bytes = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!e.getEventType().getName().equals("jdk.ObjectAllocationOutsideTLAB")) {
        continue;
      }
      long size = e.getLong("allocationSize");
      if (size < min) {
        continue;
      }
      List<String> methods = new ArrayList<>();
      if (e.getStackTrace() != null) {
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
          if (methods.size() == frames) {
            break;
          }
          methods.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
        }
      }
      long[] sum = byStack.computeIfAbsent(String.join(" <- ", methods), k -> new long[2]);
      sum[0]++;
      sum[1] += size;
      count++;
      bytes += size;
    }
    System.out.printf("%d allocations outside TLABs of %d bytes or more, %.1f MB in all%n",
        count, min, bytes / 1e6);
    byStack.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
        .limit(top)
        .forEach(s -> System.out.printf("%7d %9.1f MB  %s%n", s.getValue()[0],
            s.getValue()[1] / 1e6, s.getKey()));
  }
}
