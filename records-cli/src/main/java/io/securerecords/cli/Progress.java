package io.securerecords.cli;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Progress of a long job on stderr: a redrawn bar with rate and ETA on a terminal, a plain line
 * at most every two seconds otherwise. While the job runs, a shutdown hook says how to resume if
 * the process is interrupted (Ctrl-C, kill).
 */
final class Progress implements AutoCloseable {
  private final String job;
  private final long total;
  private final PrintWriter err;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private final Thread hook;
  private long lastPrinted;
  private volatile long done;
  private volatile boolean finished;

  Progress(String job, long total, PrintWriter err, boolean terminal, String resumeHint) {
    this.job = job;
    this.total = total;
    this.err = err;
    this.terminal = terminal;
    this.hook = new Thread(() -> {
      if (!finished) {
        err.println();
        err.println(job + ": interrupted after " + done + " of " + total + ". " + resumeHint);
        err.flush();
      }
    }, "psu-records-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  void step(long doneSoFar) {
    this.done = doneSoFar;
    long now = System.nanoTime();
    if (doneSoFar < total && now - lastPrinted < (terminal ? 100_000_000L : 2_000_000_000L)) {
      return;
    }
    lastPrinted = now;
    double seconds = Math.max((now - started) / 1e9, 1e-3);
    double rate = doneSoFar / seconds;
    String eta = rate <= 0 ? "?" : format(Duration.ofSeconds((long) ((total - doneSoFar) / rate)));
    if (terminal) {
      int width = 30;
      int filled = total == 0 ? width : (int) (width * doneSoFar / total);
      err.print("\r" + job + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
          + doneSoFar + "/" + total + String.format(" %.1f/s ETA %s ", rate, eta));
    } else {
      err.println(job + ": " + doneSoFar + "/" + total + String.format(" (%.1f/s, ETA %s)", rate,
          eta));
    }
    err.flush();
  }

  private static String format(Duration d) {
    return d.toHours() > 0 ? d.toHours() + "h" + d.toMinutesPart() + "m"
        : d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s" : d.toSeconds() + "s";
  }

  /** The job ended (done or failed): no resume hint at exit. */
  @Override
  public void close() {
    finished = true;
    if (terminal) {
      err.println();
      err.flush();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting: the hook runs or has run.
    }
  }
}
