package io.securerecords.cli;

import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * What a run depends on beyond its arguments: the working folder (where {@code ./psu-data} is)
 * and, for tests, a hook called after each unit of a long job (to interrupt it part-way).
 */
final class Environment {
  private final Path workingDir;
  private final IntConsumer afterEachUnit;
  private final boolean terminal;

  Environment(Path workingDir) {
    this(workingDir, done -> {}, false);
  }

  Environment(Path workingDir, IntConsumer afterEachUnit, boolean terminal) {
    this.workingDir = workingDir;
    this.afterEachUnit = afterEachUnit;
    this.terminal = terminal;
  }

  /** Whether progress goes to a terminal (a redrawn bar) or not (plain lines). */
  boolean terminal() {
    return terminal;
  }

  Path resolve(Path path) {
    return workingDir.resolve(path).toAbsolutePath().normalize();
  }

  /** Called with the number of units done so far after each unit of a long job. */
  void unitDone(int done) {
    afterEachUnit.accept(done);
  }
}
