package io.securerecords.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's CPU samples for {@code records-bench/profiles/}: self and
 * inclusive counts per method, of the samples whose thread name contains a given text and whose
 * stack holds a given method (the benchmark's), in the last given number of seconds of such
 * samples: a JMH run's measured iterations, which come after its warm-up.
 *
 * <p>Record from the JVM's start ({@code -XX:StartFlightRecording}) and keep only the measured iterations, rather
 * than with JMH's {@code -prof jfr}: starting a recording in a running JVM throws away its compiled
 * code, so the first measured iteration of a {@code -prof jfr} run runs interpreted and C1 code
 * (the JDK's AES-GCM then hashes in Java, {@code GHASH.blockMult}, instead of its intrinsics), and
 * that iteration dominated the earlier profiles' cryptography shares.
 *
 * <p>Usage: {@code java -cp records-bench/target/benchmarks.jar io.securerecords.bench.JfrSummary
 * FILE.jfr THREAD-TEXT LAST-SECONDS FRAME-TEXT [TOP]}, for example {@code
 * /tmp/get.jfr jmh-worker 20 StoreBenchmark.sealedGet}
 */
public final class JfrSummary {
  private JfrSummary() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 4) {
      System.err.println("usage: JfrSummary FILE.jfr THREAD-TEXT LAST-SECONDS FRAME-TEXT [TOP]");
      System.exit(2);
    }
    String thread = args[1];
    Duration window = Duration.ofMillis((long) (Double.parseDouble(args[2]) * 1000));
    String frame = args[3];
    int top = args.length > 4 ? Integer.parseInt(args[4]) : 40;
    List<List<String>> stacks = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    List<Boolean> natives = new ArrayList<>();
    Instant last = Instant.MIN;
    for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
      String type = e.getEventType().getName();
      boolean nativeSample = type.equals("jdk.NativeMethodSample");
      if (!nativeSample && !type.equals("jdk.ExecutionSample")) {
        continue;
      }
      var sampled = e.getThread("sampledThread");
      if (sampled == null || sampled.getJavaName() == null
          || !sampled.getJavaName().contains(thread) || e.getStackTrace() == null) {
        continue;
      }
      List<String> methods = new ArrayList<>();
      for (RecordedFrame f : e.getStackTrace().getFrames()) {
        methods.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
      }
      if (methods.stream().noneMatch(m -> m.contains(frame))) {
        continue;
      }
      stacks.add(methods);
      times.add(e.getStartTime());
      natives.add(nativeSample);
      if (e.getStartTime().isAfter(last)) {
        last = e.getStartTime();
      }
    }
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    int counted = 0;
    int nativeCount = 0;
    for (int i = 0; i < stacks.size(); i++) {
      if (times.get(i).isBefore(last.minus(window))) {
        continue;
      }
      List<String> methods = stacks.get(i);
      counted++;
      if (natives.get(i)) {
        nativeCount++;
      }
      self.merge(methods.get(0), 1, Integer::sum);
      for (String m : new HashSet<>(methods)) {
        inclusive.merge(m, 1, Integer::sum);
      }
    }
    System.out.printf("samples %d of which native %d (threads containing '%s', stacks containing"
        + " '%s', last %s s of those)%n", counted, nativeCount, thread, frame, args[2]);
    print("self", self, top);
    print("inclusive", inclusive, top);
  }

  private static void print(String title, Map<String, Integer> counts, int top) {
    System.out.println("--- " + title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(top)
        .forEach(c -> System.out.printf("%7d %s%n", c.getValue(), c.getKey()));
  }
}
