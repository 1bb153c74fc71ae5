package io.securerecords.cli;

import static io.securerecords.cli.CliTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.cli.CliTesting.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rotation stopped part-way is resumed by running it again, and nothing is half-rotated. */
class RotateResumeTest {
  @TempDir
  Path dir;

  @Test
  void anInterruptedDataKeyRotationResumesWhereItStopped() {
    CliTesting.importFixtures(dir);
    Result interrupted = run(dir, done -> {
      if (done == 2) {
        throw new IllegalStateException("simulated kill after 2 clients");
      }
    }, "rotate", "data-keys");
    assertEquals(PsuRecords.REFUSED, interrupted.code(), interrupted.toString());
    assertTrue(interrupted.err().contains("stopped after 2 of 4 clients"), interrupted.toString());
    assertTrue(interrupted.err().contains("Run the same command again to resume"));
    assertTrue(Files.exists(dir.resolve("psu-data/rotate-data-keys.state")));

    // Between the two runs the store is fully usable.
    assertEquals(PsuRecords.OK, run(dir, "log", "verify").code());

    Result resumed = run(dir, "--json", "rotate", "data-keys");
    assertEquals(PsuRecords.OK, resumed.code(), resumed.toString());
    assertTrue(resumed.err().contains("resuming"), resumed.toString());
    assertEquals(2, resumed.json().get("count").asInt(), "only the two clients left");
    assertTrue(!Files.exists(dir.resolve("psu-data/rotate-data-keys.state")));

    Result again = run(dir, "--json", "rotate", "data-keys");
    assertEquals(4, again.json().get("count").asInt(), "a new run starts over");

    String amira = CliTesting.clientOf(dir, "4711");
    Result sar = run(dir, "--json", "sar", "--client", amira, "--requester", "Dr Amira Osei",
        "--contact", "amira.osei@nhs.net", "--decided-by", "Dana Duty");
    assertEquals(PsuRecords.OK, sar.code(), sar.toString());
    assertEquals("Objectives agreed.", sar.json().get("records").get("psu.casework").get(0)
        .get("fields").get("summary").asText());
  }

  @Test
  void anInterruptedIndexRotationResumes() {
    CliTesting.importFixtures(dir);
    CliTesting.write(dir.resolve("psu-data/rotate-index-keys.state"), "team\n");
    // As if a run had started rotating the team index and was killed during the re-index.
    Result resumed = run(dir, "rotate", "index-keys");
    assertEquals(PsuRecords.OK, resumed.code(), resumed.toString());
    assertTrue(resumed.err().contains("resuming"), resumed.toString());
    assertTrue(!Files.exists(dir.resolve("psu-data/rotate-index-keys.state")));
  }
}
