package io.securerecords.cli;

import static io.securerecords.cli.CliTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.securerecords.cli.CliTesting.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import}: good lines in, bad lines reported by number without values, re-runs add nothing. */
class ImportCommandTest {
  @TempDir
  Path dir;

  @Test
  void csvAndJsonLinesWithBadLinesRunTwiceWithoutDuplicates() {
    CliTesting.write(dir.resolve("mapping.json"), CliTesting.MAPPING);
    CliTesting.write(dir.resolve("people.csv"), CliTesting.PEOPLE_CSV);
    CliTesting.write(dir.resolve("cases.jsonl"), CliTesting.CASES_JSONL);

    Result people = run(dir, "--json", "import", "people.csv", "--mapping", "mapping.json");
    assertEquals(PsuRecords.BAD_INPUT, people.code(), people.toString());
    JsonNode p = people.json();
    assertEquals(4, p.get("imported").asInt(), people.toString());
    assertEquals(List.of(6, 7, 8), lines(p));
    assertTrue(people.err().contains("import: 7/7"), "plain progress lines: " + people.err());

    Result cases = run(dir, "import", "cases.jsonl", "--mapping", "mapping.json");
    assertEquals(PsuRecords.BAD_INPUT, cases.code(), cases.toString());
    assertTrue(cases.out().contains("line 3: not valid JSON"), cases.out());
    assertTrue(cases.out().contains("line 4: team: is not a valid value"), cases.out());
    assertTrue(cases.out().lines().anyMatch(l -> l.startsWith("line 5: ") && l.contains("opened")),
        cases.out());
    assertTrue(cases.out().contains("Imported 2 records"), cases.out());

    for (Result r : List.of(people, cases)) {
      String printed = r.out() + r.err();
      for (String value : List.of("Wrong Number", "GMC 99", "SURGEON", "Multi", "SECRET-NOTE",
          "SURGERY", "Confidential", "7777777")) {
        assertFalse(printed.contains(value), "a rejected value was echoed: " + value + "\n" + r);
      }
    }

    Result again = run(dir, "--json", "import", "people.csv", "--mapping", "mapping.json");
    assertEquals(0, again.json().get("imported").asInt(), again.toString());
    assertEquals(4, again.json().get("alreadyImported").asInt());
    assertEquals(List.of(6, 7, 8), lines(again.json()));
    Result casesAgain = run(dir, "--json", "import", "cases.jsonl", "--mapping", "mapping.json");
    assertEquals(0, casesAgain.json().get("imported").asInt(), casesAgain.toString());
    assertEquals(2, casesAgain.json().get("alreadyImported").asInt());

    String amira = CliTesting.clientOf(dir, "4711");
    JsonNode records = run(dir, "--json", "find", "--client", amira).json().get("records");
    assertEquals(2, records.size(), "one basic and one casework record, not duplicated");
    assertTrue(amira.startsWith("src-") && !amira.contains("4711"), "the source id is blinded");

    // A fixed line added to the file goes in on the next run; nothing else does.
    CliTesting.write(dir.resolve("fixed.csv"), CliTesting.PEOPLE_CSV.lines().findFirst().get()
        + "\np5,4715,person,Dr Right Number,GMC 7777779,,DOCTOR,,,,,\n");
    Result fixed = run(dir, "--json", "import", "fixed.csv", "--mapping", "mapping.json");
    assertEquals(PsuRecords.OK, fixed.code(), fixed.toString());
    assertEquals(1, fixed.json().get("imported").asInt());
  }

  @Test
  void aMissingMappingOrFileIsBadInput() {
    CliTesting.write(dir.resolve("mapping.json"), "{\"sourceSystem\": \"x\"}");
    CliTesting.write(dir.resolve("people.csv"), CliTesting.PEOPLE_CSV);
    Result r = run(dir, "import", "people.csv", "--mapping", "mapping.json");
    assertEquals(PsuRecords.BAD_INPUT, r.code(), r.toString());
    assertTrue(r.err().contains("\"sourceId\" is required"), r.toString());
    Result missing = run(dir, "import", "nope.csv", "--mapping", "mapping.json");
    assertEquals(PsuRecords.BAD_INPUT, missing.code(), missing.toString());
  }

  private static List<Integer> lines(JsonNode result) {
    List<Integer> out = new ArrayList<>();
    result.get("rejected").forEach(n -> out.add(n.get("line").asInt()));
    return out;
  }
}
