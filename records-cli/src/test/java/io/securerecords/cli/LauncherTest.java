package io.securerecords.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool as a user runs it, in its own process: the main class with the exit code it returns,
 * and the launcher script's message when the jar is not built. (The built jar through the
 * launcher, the README's own command, runs in {@code LauncherIT} during {@code verify}.)
 */
class LauncherTest {
  @TempDir
  Path dir;

  @Test
  void theMainClassRunsTheDemoInItsOwnProcessAndExitsZero() throws Exception {
    Process p = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
        "io.securerecords.cli.PsuRecords", "demo")
        .directory(dir.toFile()).redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), printed);
    assertTrue(printed.contains("Demo complete"), printed);
    try (var left = Files.list(dir)) {
      assertEquals(List.of(), left.toList(), "the default demo leaves nothing behind");
    }
  }

  @Test
  void theMainClassExitsTwoOnBadUsage() throws Exception {
    Process p = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
        "io.securerecords.cli.PsuRecords", "decide").directory(dir.toFile())
        .redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), printed);
    assertTrue(printed.contains("Missing required option"), printed);
  }

  @Test
  void theLauncherSaysHowToBuildWhenTheJarIsMissing() throws Exception {
    Path launcher = Path.of("psu-records").toAbsolutePath();
    ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "demo")
        .directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("PSU_RECORDS_JAR", dir.resolve("missing.jar").toString());
    Process p = pb.start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), printed);
    assertTrue(printed.contains("is not built yet")
        && printed.contains("./mvnw -q -pl records-cli -am package -DskipTests"), printed);
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\'
        ? ".exe" : "")).toString();
  }
}
