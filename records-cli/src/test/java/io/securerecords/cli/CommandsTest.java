package io.securerecords.cli;

import static io.securerecords.cli.CliTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.securerecords.cli.CliTesting.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command, in-process, against the default store: a real H2 file in {@code ./psu-data} of
 * a temporary working folder, loaded with {@code import}.
 */
class CommandsTest {
  private static final String[] ALEX = {"--requester", "Alex Adviser", "--organisation", "PSU",
      "--role", "Adviser", "--contact", "alex@hee.nhs.uk"};
  private static final String[] AMIRA = {"--requester", "Dr Amira Osei", "--organisation", "self",
      "--role", "Client", "--contact", "amira.osei@nhs.net"};

  @TempDir
  Path dir;
  String amira;

  @BeforeEach
  void load() {
    Result init = run(dir, "init");
    assertEquals(PsuRecords.OK, init.code(), init.toString());
    assertTrue(init.err().contains("NOT for production"), init.toString());
    assertTrue(Files.exists(dir.resolve("psu-data/records.mv.db")));
    assertTrue(Files.exists(dir.resolve("psu-data/kek-development.json")));
    CliTesting.importFixtures(dir);
    amira = CliTesting.clientOf(dir, "4711");
  }

  private String decide(String client, String purpose, String recipient, String classes,
      String[] requester, String... more) {
    String[] base = {"decide", "--client", client, "--purpose", purpose, "--recipient", recipient,
        "--reason", "test", "--classes", classes, "--decided-by", "Dana Duty"};
    String[] args = concat(concat(base, requester), more);
    Result r = run(dir, args);
    assertEquals(PsuRecords.OK, r.code(), r.toString());
    return r.out().strip();
  }

  @Test
  void decideAndReleaseShowOnlyWhatThePolicyAllowsAndATokenIsSingleUse() {
    String token = decide(amira, "SERVICE_DELIVERY", "psu-ist", "IDENTITY,CASE_SUMMARY", ALEX);
    Result release = run(dir, "--json", "release", "--token", token, "--recipient", "psu-ist");
    assertEquals(PsuRecords.OK, release.code(), release.toString());
    JsonNode records = release.json().get("records");
    assertEquals("Dr Amira Osei",
        records.get("psu.basic").get(0).get("fields").get("fullName").asText());
    assertFalse(records.get("psu.basic").get(0).get("fields").has("email"), "CONTACT not asked");

    Result again = run(dir, "release", "--token", token, "--recipient", "psu-ist");
    assertEquals(PsuRecords.REFUSED, again.code(), again.toString());
    assertTrue(again.err().contains("no uses left"), again.toString());
    assertFalse(again.err().contains(token), "a refusal never quotes the token");

    Result court = run(dir, concat(new String[] {"decide", "--client", amira, "--purpose",
        "LEGAL_OBLIGATION", "--recipient", "court", "--reason", "order", "--classes", "IDENTITY",
        "--legal-reference", "Order 1", "--decided-by", "Dana Duty"}, ALEX));
    assertEquals(PsuRecords.REFUSED, court.code(), court.toString());
    assertTrue(court.err().contains("approved by a designated senior role"), court.toString());

    Result text = run(dir, "release", "--token",
        decide(amira, "SERVICE_DELIVERY", "psu-ist", "CASE_SUMMARY", ALEX), "--recipient", "psu-ist");
    assertTrue(text.out().contains("summary: \"Objectives agreed.\""), text.toString());
  }

  @Test
  void enquiryLogShowAndVerifyWithACheckpoint() {
    Result enquiry = run(dir, concat(new String[] {"enquiry", "--client", amira, "--reason",
        "phoned"}, ALEX));
    assertEquals(PsuRecords.OK, enquiry.code(), enquiry.toString());
    Result show = run(dir, "--json", "log", "show");
    JsonNode entries = show.json();
    assertEquals("NOTHING_DISCLOSED", entries.get(entries.size() - 1).get("decision").asText());
    assertFalse(show.out().contains("Alex"), "log show prints no requester");
    Result verify = run(dir, "log", "verify", "--save-checkpoint", "cp.txt");
    assertEquals(PsuRecords.OK, verify.code(), verify.toString());
    assertTrue(verify.out().contains("verified intact"), verify.toString());
    Result anchored = run(dir, "--json", "log", "verify", "--checkpoint", "cp.txt");
    assertTrue(anchored.json().get("intact").asBoolean(), anchored.toString());
    assertEquals(PsuRecords.BAD_INPUT, run(dir, "log", "verify", "--checkpoint", "nope").code());
  }

  @Test
  void clientChoicesAndTheirWithdrawals() {
    Result consent = run(dir, "--json", "consent", "--client", amira, "--team", "CAREERS",
        "--given", "2026-03-01");
    assertEquals(PsuRecords.OK, consent.code(), consent.toString());
    String consentId = consent.json().get("record").asText();
    Result withdrawn = run(dir, "--json", "consent", "withdraw", "--record", consentId, "--team",
        "CAREERS", "--given", "2026-03-01");
    assertEquals(2, withdrawn.json().get("version").asInt(), withdrawn.toString());

    Result object = run(dir, "--json", "object", "--client", amira, "--class", "CASE_SUMMARY");
    assertEquals(PsuRecords.OK, object.code(), object.toString());
    Result unobject = run(dir, "--json", "object", "withdraw", "--record",
        object.json().get("record").asText(), "--class", "CASE_SUMMARY", "--given",
        java.time.LocalDate.now().toString());
    assertEquals(2, unobject.json().get("version").asInt(), unobject.toString());

    String casework = CliTesting.recordOf(dir, amira, "psu.casework");
    Result ack = run(dir, "--json", "acknowledge", "--casework", casework, "--given", "2026-03-05");
    assertEquals(PsuRecords.OK, ack.code(), ack.toString());
    String digest = ack.json().get("digest").asText();
    assertEquals(43, digest.length());
    Result unack = run(dir, "--json", "acknowledge", "withdraw", "--record",
        ack.json().get("record").asText(), "--casework", casework, "--digest", digest, "--given",
        "2026-03-05");
    assertEquals(2, unack.json().get("version").asInt(), unack.toString());

    Result noTeam = run(dir, "consent", "--client", amira);
    assertEquals(PsuRecords.BAD_INPUT, noTeam.code(), noTeam.toString());
  }

  @Test
  void rectifyThenSubjectAccessShowsTheNewValueAndTheEnquiries() throws Exception {
    String basic = CliTesting.recordOf(dir, amira, "psu.basic");
    String fix = decide(amira, "RECTIFICATION", "client", "PROFESSIONAL", AMIRA);
    Result rectify = run(dir, "rectify", "--token", fix, "--recipient", "client", "--record", basic,
        "--field", "careerGrade", "--value", "ST4");
    assertEquals(PsuRecords.OK, rectify.code(), rectify.toString());

    Result sar = run(dir, "sar", "--client", amira, "--requester", "Dr Amira Osei", "--contact",
        "amira.osei@nhs.net", "--decided-by", "Dana Duty", "--format", "json");
    assertEquals(PsuRecords.OK, sar.code(), sar.toString());
    JsonNode export = sar.json();
    assertEquals("ST4", export.get("records").get("psu.basic").get(0).get("fields")
        .get("careerGrade").asText());
    assertTrue(export.get("enquiries").size() >= 2, sar.toString());

    Result toFile = run(dir, "sar", "--client", amira, "--requester", "Dr Amira Osei", "--contact",
        "amira.osei@nhs.net", "--decided-by", "Dana Duty", "--out", "sar.txt");
    assertEquals(PsuRecords.OK, toFile.code(), toFile.toString());
    assertTrue(Files.readString(dir.resolve("sar.txt")).contains("Enquiries about you"));
    assertEquals("", toFile.out(), "the export goes to the file only");
  }

  @Test
  void findByClientAndThroughABlindIndexAndEqualityStatistics() {
    Result byClient = run(dir, "find", "--client", amira);
    assertTrue(byClient.out().contains("nothing was decrypted"), byClient.toString());
    String token = decide(amira, "SERVICE_DELIVERY", "psu-ist", "SERVICE_USE", ALEX);
    Result search = run(dir, "--json", "find", "--token", token, "--recipient", "psu-ist",
        "--index", "team", "--value", "IST");
    assertEquals(PsuRecords.OK, search.code(), search.toString());
    assertEquals(1, search.json().get("records").size(), search.toString());

    String counts = decide("all", "EQUALITY_MONITORING", "equality", "DEMOGRAPHIC",
        new String[] {"--requester", "Ana Lyst", "--organisation", "HEE", "--role", "Analyst",
            "--contact", "ana@hee.nhs.uk"});
    Result stats = run(dir, "stats", "equality", "--token", counts, "--recipient", "equality",
        "--group-by", "team");
    assertEquals(PsuRecords.OK, stats.code(), stats.toString());
    assertTrue(stats.out().contains("total"), stats.toString());
    assertFalse(stats.out().contains("Amira"), stats.toString());
  }

  @Test
  void rotationsKeepEverythingReadableAndTheLogIntact() {
    Result data = run(dir, "--json", "rotate", "data-keys");
    assertEquals(PsuRecords.OK, data.code(), data.toString());
    assertEquals(4, data.json().get("count").asInt(), data.toString());
    Result kek = run(dir, "rotate", "kek");
    assertEquals(PsuRecords.OK, kek.code(), kek.toString());
    Result index = run(dir, "rotate", "index-keys");
    assertEquals(PsuRecords.OK, index.code(), index.toString());
    assertEquals(PsuRecords.OK, run(dir, "rotate", "token-keys").code());

    String token = decide(amira, "SERVICE_DELIVERY", "psu-ist", "SERVICE_USE", ALEX);
    Result search = run(dir, "--json", "find", "--token", token, "--recipient", "psu-ist",
        "--index", "team", "--value", "IST");
    assertEquals(1, search.json().get("records").size(), "search works under the new index key");
    assertEquals(PsuRecords.OK, run(dir, "log", "verify").code());
    assertEquals(PsuRecords.OK, run(dir, "init").code(), "the store opens with the rotated KEK");
    assertFalse(Files.exists(dir.resolve("psu-data/rotate-data-keys.state")));
  }

  @Test
  void eraseNeedsConfirmationThenNothingOfTheClientOpens() {
    assertEquals(PsuRecords.BAD_INPUT, run(dir, "erase", "--client", amira).code());
    Result erase = run(dir, "--json", "erase", "--client", amira, "--yes");
    assertEquals(PsuRecords.OK, erase.code(), erase.toString());
    assertEquals(2, erase.json().get("recordsDeleted").asInt());
    Result after = run(dir, "decide", "--client", amira, "--purpose", "SERVICE_DELIVERY",
        "--recipient", "psu-ist", "--reason", "x", "--classes", "IDENTITY", "--decided-by", "D",
        ALEX[0], ALEX[1], ALEX[2], ALEX[3], ALEX[4], ALEX[5], ALEX[6], ALEX[7]);
    if (after.code() == PsuRecords.OK) {
      Result release = run(dir, "release", "--token", after.out().strip(), "--recipient", "psu-ist");
      assertEquals(PsuRecords.REFUSED, release.code(), release.toString());
    } else {
      assertEquals(PsuRecords.REFUSED, after.code(), after.toString());
    }
    assertEquals(PsuRecords.OK, run(dir, "log", "verify").code());
  }

  @Test
  void policyKeysHelpAndUsageErrors() throws Exception {
    Result policy = run(dir, "policy");
    assertTrue(policy.out().contains("SUBJECT_ACCESS") || policy.out().contains("6"), policy.toString());
    assertTrue(run(dir, "--json", "policy").json().isArray());
    Result jwks = run(dir, "keys", "jwks");
    assertEquals("EC", jwks.json().get("keys").get(0).get("kty").asText(), jwks.toString());
    assertFalse(jwks.out().contains("\"d\""), "no private part");

    Result help = run(dir, "--help");
    assertEquals(PsuRecords.OK, help.code());
    for (String command : new String[] {"demo", "init", "import", "find", "decide", "release",
        "enquiry", "consent", "object", "acknowledge", "log", "sar", "rectify", "erase", "rotate",
        "stats", "policy", "keys"}) {
      assertTrue(help.out().contains("  " + command + " "), command + " in --help");
      assertEquals(PsuRecords.OK, run(dir, command, "--help").code(), command + " --help");
    }
    assertEquals(PsuRecords.BAD_INPUT, run(dir, "no-such-command").code());
    assertEquals(PsuRecords.BAD_INPUT, run(dir, "decide", "--client", amira).code());
    Result badId = run(dir, "find", "--client", "not a valid id!");
    assertEquals(PsuRecords.BAD_INPUT, badId.code(), badId.toString());
    Result forged = run(dir, "release", "--token", "eyJhbGciOiJub25lIn0.e30.", "--recipient", "x");
    assertEquals(PsuRecords.REFUSED, forged.code(), forged.toString());
    Result jdbcWithoutKek = run(dir, "--store", "jdbc:h2:mem:x", "init");
    assertEquals(PsuRecords.BAD_INPUT, jdbcWithoutKek.code(), jdbcWithoutKek.toString());
  }

  @Test
  void aLuceneFolderAndAJdbcUrlAreStoresToo() {
    Result lucene = run(dir, "--store", "lucene-store", "init");
    assertEquals(PsuRecords.OK, lucene.code(), lucene.toString());
    assertTrue(lucene.out().contains("Lucene folder"), lucene.toString());
    Result jdbc = run(dir, "--store", "jdbc:h2:file:" + dir.resolve("other/db"), "--dev-kek",
        "other-kek.json", "init");
    assertEquals(PsuRecords.OK, jdbc.code(), jdbc.toString());
    Result wrongKek = run(dir, "--dev-kek", "other-kek.json", "init");
    assertEquals(PsuRecords.REFUSED, wrongKek.code(), wrongKek.toString());
    assertTrue(wrongKek.err().contains("not the one this store's keys were wrapped with"),
        wrongKek.toString());
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
