package io.securerecords.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main-job command as a user runs it, after {@code package}: the {@code
 * psu-records} launcher finds the shaded jar and runs the demo, then a few commands on the
 * default store in a fresh folder. Run by maven-failsafe during {@code verify}.
 */
class LauncherIT {
  @TempDir
  Path dir;

  private String run(int expectedExit, String... args) throws Exception {
    String[] command = new String[args.length + 2];
    command[0] = "bash";
    command[1] = Path.of("psu-records").toAbsolutePath().toString();
    System.arraycopy(args, 0, command, 2, args.length);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true);
    pb.environment().remove("PSU_RECORDS_JAR");
    Process p = pb.start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "finished");
    assertEquals(expectedExit, p.exitValue(), printed);
    return printed;
  }

  @Test
  void theReadmeCommandRunsTheDemoThroughTheLauncherAndTheJar() throws Exception {
    // Only under failsafe, after package (an explicit -Dtest would also hand it to surefire).
    assumeTrue(Boolean.getBoolean("psu.records.it"), "run by maven-failsafe after package");
    assertTrue(Files.exists(Path.of("target/psu-records.jar")), "package built the shaded jar");
    String demo = run(0, "demo");
    assertTrue(demo.contains("caught by log verify") && demo.contains("Demo complete"), demo);

    String init = run(0, "init");
    assertTrue(init.contains("NOT for production"), init);
    assertTrue(run(0, "--json", "log", "verify").contains("\"intact\" : true"));
    run(2, "erase", "--client", "nobody");
    run(1, "erase", "--client", "nobody", "--yes");
  }
}
