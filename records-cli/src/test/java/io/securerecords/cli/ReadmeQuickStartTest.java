package io.securerecords.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.CaseworkRecord;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.psu.Team;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.ReleasedRecord;
import io.securerecords.crypto.SecureRecords;
import io.securerecords.crypto.log.Checkpoint;
import io.securerecords.crypto.token.Requester;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start, as written, and the demo, run to the end. */
class ReadmeQuickStartTest {
  @Test
  void theQuickStartReleasesOnlyWhatThePolicyAndTokenAllow() {
    SecureRecords records = SecureRecords.inMemory();
    ClientId amira = ClientId.random();
    RecordId basic = records.put(amira, BasicRecord.builder("Dr Amira Osei",
            Registration.parse(Register.GMC, "GMC 7654321")).email("amira.osei@nhs.net").build());
    records.put(amira, CaseworkRecord.builder(Team.IST, "IST-PERF", LocalDate.of(2026, 3, 4))
            .adviser("Alex Adviser").summary("Objectives agreed.").build());

    Requester alex = new Requester("Alex Adviser", "PSU", "Adviser", "alex@hee.nhs.uk");
    String token = records.decide(records.newDecision()
            .subject(amira).purpose(Purpose.SERVICE_DELIVERY).audience("psu-ist").requester(alex)
            .reason("next session").fieldClasses(Set.of(FieldClass.IDENTITY, FieldClass.CASE_SUMMARY))
            .build(), alex);
    Release release = records.release(token, "psu-ist");
    Map<String, Set<String>> seen = new HashMap<>();
    for (ReleasedRecord r : release.records()) {
      seen.put(r.type().name(), r.fieldNames());
      if (r.id().equals(basic)) {
        assertEquals("\"Dr Amira Osei\"", r.json("fullName"));
      }
    }
    assertEquals(Set.of("fullName", "registration"), seen.get("psu.basic"));
    assertEquals(Set.of("summary"), seen.get("psu.casework"));
    assertTrue(records.verifyLog(Checkpoint.EMPTY).intact());
  }

  @Test
  void theDemoRunsToAVerifiedLogOnAnH2FileAndCatchesTheTampering(@TempDir Path dir) {
    StringWriter bytes = new StringWriter();
    int code = PsuRecords.run(new Environment(dir), new PrintWriter(bytes), new PrintWriter(
        new StringWriter()), "demo", "--dir", "demo-store");
    String printed = bytes.toString();
    assertEquals(PsuRecords.OK, code, printed);
    assertTrue(Files.exists(dir.resolve("demo-store/records.mv.db")), "a real H2 file store");
    assertTrue(printed.contains("verified intact"), printed);
    assertTrue(printed.lines().anyMatch(l -> l.startsWith("  caught when the record is opened")),
        printed);
    assertTrue(printed.lines().anyMatch(l -> l.startsWith("  caught by log verify")), printed);
    assertTrue(printed.lines().anyMatch(l -> l.startsWith("Same, via Case Management")
        && l.contains("granted")), printed);
    assertTrue(printed.lines().anyMatch(l -> l.startsWith("London trainee's RO asks directly")
        && l.contains("refused (2.2)")), printed);
    assertTrue(printed.lines().anyMatch(l -> l.startsWith("Court order without senior approval")
        && l.contains("refused (2.3)") && l.contains("approved by a designated senior role")), printed);
    assertTrue(printed.lines().anyMatch(l -> l.startsWith("Supervisor, feedback Chloe acknowledged")
        && l.contains("granted") && l.contains("[observations]")), printed);
    assertTrue(printed.contains("the token has no uses left"), printed);
    // The demo prints what was released by field name, never a value.
    assertTrue(!printed.contains("Amira Osei") && !printed.contains("7654321"), printed);
  }
}
