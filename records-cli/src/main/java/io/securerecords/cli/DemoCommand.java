package io.securerecords.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The project's main job: the notice walked through on a fresh embedded store. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Walk through the PSU notice on a fresh embedded H2 store: clients loaded, each"
        + " requester of the notice answered (granted or refused, and exactly which fields they"
        + " saw), an erasure, the log verified, then one stored byte tampered with and caught."
        + " Exit 0 when everything was caught as it should be.")
final class DemoCommand extends Base {
  @Option(names = "--dir", paramLabel = "FOLDER",
      description = "Where to create the fresh store (must be absent or empty). Default: a"
          + " temporary folder, deleted afterwards unless --keep.")
  Path dir;

  @Option(names = "--keep", description = "Keep the store to explore it afterwards.")
  boolean keep;

  @Override
  int run() throws IOException {
    Path folder;
    if (dir != null) {
      folder = root().environment.resolve(dir);
      if (Files.exists(folder)) {
        try (Stream<Path> entries = Files.list(folder)) {
          if (entries.findAny().isPresent()) {
            throw new UsageException("--dir " + folder + " is not empty: the demo needs a fresh"
                + " store");
          }
        }
      }
    } else {
      folder = Files.createTempDirectory("psu-records-demo");
    }
    boolean ok;
    try (Workspace ws = Workspace.h2(folder, err())) {
      out().println("secure-records demo: the PSU confidentiality notice, on a fresh embedded H2"
          + " store");
      out().println();
      ok = new Demo(out(), ws.records(), ws.h2Database()).run();
    } finally {
      if (dir == null && !keep) {
        deleteTree(folder);
      }
    }
    if (keep || dir != null) {
      out().println();
      out().println("The store is kept in " + folder + " (tampered). Explore it with:");
      out().println("  psu-records --store jdbc:h2:file:" + folder.resolve(Workspace.H2_NAME)
          + " --dev-kek " + folder.resolve(Workspace.DEV_KEK_FILE) + " log show");
    }
    out().println(ok ? "\nDemo complete: every check behaved as the notice promises."
        : "\nDemo FAILED: a check did not behave as expected.");
    return ok ? PsuRecords.OK : PsuRecords.REFUSED;
  }

  static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
