package io.securerecords.cli;

import static io.securerecords.cli.CliTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.policy.Purpose;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.cli.CliTesting.Result;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.SecureRecords;
import io.securerecords.crypto.token.Requester;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rotate data-keys} in its own JVM, stopped for real part-way (SIGTERM, as Ctrl-C's
 * shutdown path, and SIGKILL; sent through ProcessHandle, which leaves the output readable), then
 * resumed in-process: every record of every client opens and every client's fields are under its
 * current primary data key.
 */
class RotateKillTest {
  private static final int CLIENTS = 40;
  private static final Pattern PROGRESS = Pattern.compile("rotate data-keys: (\\d+)/(\\d+)");

  @TempDir
  Path dir;

  private String[] store() {
    return new String[] {"--store",
        "jdbc:h2:file:" + dir.resolve("store/records") + ";TRACE_LEVEL_FILE=0", "--dev-kek",
        dir.resolve("store/kek-development.json").toString()};
  }

  private String[] args(String... more) {
    String[] s = store();
    String[] all = new String[s.length + more.length];
    System.arraycopy(s, 0, all, 0, s.length);
    System.arraycopy(more, 0, all, s.length, more.length);
    return all;
  }

  @Test
  void sigtermPartWayThenResume() throws Exception {
    String printed = interruptThenResume(p -> p.toHandle().destroy());
    assertTrue(printed.contains(RotateCommand.RESUME), "SIGTERM says how to resume:\n" + printed);
  }

  @Test
  void sigkillPartWayThenResume() throws Exception {
    interruptThenResume(p -> p.toHandle().destroyForcibly());
  }

  private String interruptThenResume(Consumer<Process> stop) throws Exception {
    load();
    Path state = dir.resolve(".psu-records/rotate-data-keys.state");

    List<String> command = new ArrayList<>(List.of(LauncherTest.javaBin(), "-cp",
        System.getProperty("java.class.path"), "io.securerecords.cli.PsuRecords"));
    command.addAll(List.of(args("rotate", "data-keys")));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    StringBuilder printed = new StringBuilder();
    int doneWhenStopped = -1;
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        printed.append(line).append('\n');
        Matcher m = PROGRESS.matcher(line);
        if (m.find() && Integer.parseInt(m.group(1)) >= 1) {
          doneWhenStopped = Integer.parseInt(m.group(1));
          stop.accept(p);
          break;
        }
      }
      // Drain what the stopping process still prints (the resume hint on SIGTERM).
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        printed.append(line).append('\n');
      }
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), printed.toString());
    assertTrue(doneWhenStopped >= 1, "no progress line before the end:\n" + printed);
    assertTrue(doneWhenStopped < CLIENTS, "the job finished before it could be stopped:\n"
        + printed);
    assertNotEquals(0, p.exitValue(), "it was stopped, not finished:\n" + printed);
    assertTrue(Files.exists(state), "the checkpoint of the stopped run is there:\n" + printed);

    // Run the same command again, to completion.
    Result resumed = run(dir, args("--json", "rotate", "data-keys"));
    assertEquals(PsuRecords.OK, resumed.code(), printed + "\n" + resumed);
    assertTrue(resumed.err().contains("resuming"), resumed.toString());
    int left = resumed.json().get("count").asInt();
    assertTrue(left >= 1 && left <= CLIENTS - doneWhenStopped,
        left + " clients left after " + doneWhenStopped + " done:\n" + printed);
    assertTrue(Files.notExists(state));

    Result verify = run(dir, args("log", "verify"));
    assertEquals(PsuRecords.OK, verify.code(), verify.toString());

    // Every record of every client opens, and nothing is left under an older data key.
    StringWriter warnings = new StringWriter();
    PsuRecords options = new PsuRecords(new Environment(dir));
    options.store = store()[1];
    options.devKek = Path.of(store()[3]);
    try (Workspace ws = Workspace.open(options, new PrintWriter(warnings))) {
      SecureRecords sr = ws.records();
      List<ClientId> clients = RotateCommand.liveClients(ws.store());
      assertEquals(CLIENTS, clients.size());
      Requester duty = new Requester("Dana Duty", "PSU", "PSU duty manager", "psu");
      Requester alex = new Requester("Alex Adviser", "PSU", "Adviser", "alex@hee.nhs.uk");
      for (ClientId c : clients) {
        assertEquals(0, sr.reseal(c), "a record of " + c.value() + " was under an older key");
        String token = sr.decide(sr.newDecision().subject(c).purpose(Purpose.SERVICE_DELIVERY)
            .audience("psu-ist").requester(alex).reason("check")
            .fieldClasses(EnumSet.of(FieldClass.IDENTITY, FieldClass.CASE_SUMMARY)).build(), duty);
        Release release = sr.release(token, "psu-ist");
        assertEquals(2, release.records().size(), release.toText());
        assertEquals(sr.records(c).size(), release.records().size());
        String text = release.toText();
        assertTrue(text.contains("Summary of case") && text.contains("Client "), text);
      }
    }
    return printed.toString();
  }

  /** {@value #CLIENTS} clients, each with a person and a casework record. */
  private void load() {
    StringBuilder people = new StringBuilder(
        "row_id,person_id,kind,name,register_no,email,profession,grade,training,region,ro,"
            + "ethnicity\n");
    StringBuilder cases = new StringBuilder();
    for (int i = 0; i < CLIENTS; i++) {
      people.append("p").append(i).append(',').append(8000 + i).append(",person,Client ")
          .append(i).append(',').append(3000000 + i).append(",,DOCTOR,,,,,\n");
      cases.append("{\"row_id\":\"c").append(i).append("\",\"person_id\":\"").append(8000 + i)
          .append("\",\"kind\":\"case\",\"team\":\"IST\",\"service\":\"IST-PERF\",")
          .append("\"opened\":\"2026-03-04\",\"adviser\":\"Alex Adviser\",")
          .append("\"summary\":\"Summary of case ").append(i).append("\"}\n");
    }
    CliTesting.write(dir.resolve("mapping.json"), CliTesting.MAPPING);
    CliTesting.write(dir.resolve("people.csv"), people.toString());
    CliTesting.write(dir.resolve("cases.jsonl"), cases.toString());
    for (String file : List.of("people.csv", "cases.jsonl")) {
      Result r = run(dir, args("import", file, "--mapping", "mapping.json"));
      assertEquals(PsuRecords.OK, r.code(), r.toString());
    }
  }
}
