package io.securerecords.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/** Runs psu-records in-process, in a working folder, as a user would type it. */
final class CliTesting {
  /** What a run printed and returned. */
  record Result(int code, String out, String err) {
    JsonNode json() {
      try {
        return Base.JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + out + err, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  private CliTesting() {}

  static Result run(Path dir, String... args) {
    return run(new Environment(dir), args);
  }

  static Result run(Path dir, IntConsumer afterEachUnit, String... args) {
    return run(new Environment(dir, afterEachUnit, false), args);
  }

  private static Result run(Environment env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PsuRecords.run(env, new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  static final String MAPPING = """
      {
        "sourceSystem": "legacy-crm",
        "sourceId": "row_id",
        "client": "person_id",
        "typeColumn": "kind",
        "types": {"person": "psu.basic", "case": "psu.casework"},
        "defaultRegister": "GMC",
        "fields": {
          "psu.basic": {"fullName": "name", "registration": "register_no", "email": "email",
            "profession": "profession", "careerGrade": "grade", "trainingStatus": "training",
            "programmeRegion": "region", "responsibleOfficer": "ro", "ethnicity": "ethnicity"},
          "psu.casework": {"team": "team", "service": "service", "opened": "opened",
            "adviser": "adviser", "summary": "summary", "observations": "observations"}
        }
      }
      """;

  /** Four good people (lines 2 to 5), then three bad lines (6, 7, 8-9). */
  static final String PEOPLE_CSV = String.join("\n",
      "row_id,person_id,kind,name,register_no,email,profession,grade,training,region,ro,ethnicity",
      "p1,4711,person,Dr Amira Osei,GMC 7654321,amira.osei@nhs.net,DOCTOR,ST3,POSTGRADUATE_TRAINING,"
          + "OTHER,\"{\"\"name\"\":\"\"Dr Rob Officer\"\",\"\"designatedBody\"\":\"\"HEE London\"\"}\","
          + "prefer not to say",
      "p2,4712,person,\"Nurse, Ben\",NMC 12A3456E,,NURSE,,,,,",
      "p3,4713,person,Dr Chloe Martin,1234567,chloe@nhs.net,DOCTOR,CT1,POSTGRADUATE_TRAINING,"
          + "LONDON,,White British",
      "p4,4714,person,Mr Dev Patel,4567890,,DOCTOR,Consultant,NOT_IN_TRAINING,OTHER,,Asian British",
      "p5,4715,person,Dr Wrong Number,GMC 99,,DOCTOR,,,,,",
      "p6,4716,person,Dr Bad Profession,7777777,,SURGEON,,,,,",
      "p7,4717,person,\"Dr Multi",
      "Line\",7777778,,DOCTOR,,,,",
      "");

  /** Two good casework rows (lines 1, 2), then bad lines 3 (not JSON), 4 (team), 5 (no date). */
  static final String CASES_JSONL = String.join("\n",
      "{\"row_id\":\"c1\",\"person_id\":\"4711\",\"kind\":\"case\",\"team\":\"IST\","
          + "\"service\":\"IST-PERF\",\"opened\":\"2026-03-04\",\"adviser\":\"Alex Adviser\","
          + "\"summary\":\"Objectives agreed.\",\"observations\":\"Calm and clear.\"}",
      "{\"row_id\":\"c2\",\"person_id\":\"4712\",\"kind\":\"case\",\"team\":\"COACHING\","
          + "\"service\":\"COACH-1\",\"opened\":\"2026-02-01\",\"adviser\":\"Casey Coach\"}",
      "{\"row_id\":\"c3\", \"person_id\": \"4713\", SECRET-NOTE",
      "{\"row_id\":\"c4\",\"person_id\":\"4713\",\"kind\":\"case\",\"team\":\"SURGERY\","
          + "\"service\":\"X\",\"opened\":\"2026-02-01\"}",
      "{\"row_id\":\"c5\",\"person_id\":\"4713\",\"kind\":\"case\",\"team\":\"IST\","
          + "\"service\":\"IST-PERF\",\"summary\":\"Confidential words here\"}",
      "");

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Imports the four people and two cases; returns nothing, asserts nothing. */
  static void importFixtures(Path dir) {
    write(dir.resolve("mapping.json"), MAPPING);
    write(dir.resolve("people.csv"), PEOPLE_CSV);
    write(dir.resolve("cases.jsonl"), CASES_JSONL);
    run(dir, "import", "people.csv", "--mapping", "mapping.json");
    run(dir, "import", "cases.jsonl", "--mapping", "mapping.json");
  }

  static String clientOf(Path dir, String sourceClient) {
    Result r = run(dir, "--json", "find", "--source-system", "legacy-crm", "--source-client",
        sourceClient);
    return r.json().get("client").asText();
  }

  static String recordOf(Path dir, String client, String type) {
    for (JsonNode n : run(dir, "--json", "find", "--client", client).json().get("records")) {
      if (n.get("type").asText().equals(type)) {
        return n.get("id").asText();
      }
    }
    throw new AssertionError("no " + type + " for " + client);
  }
}
