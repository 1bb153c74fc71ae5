package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.index.IndexQuery;
import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.CaseworkRecord;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.psu.SharingObjection;
import io.securerecords.api.psu.Team;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.store.KeyName;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.log.Checkpoint;
import io.securerecords.crypto.token.Requester;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's rights (notice 6): see everything held, with who was told what; amend it. */
class SubjectRightsTest {
  private static final Requester DECIDER = new Requester("Dana", "PSU", "Duty Manager", "d@hee");
  private final TamperingStore store = new TamperingStore();
  private final SecureRecords records = SecureRecords.builder().store(store)
      .kek(KeyEncryptionKey.ephemeral()).clock(Fixtures.CLOCK).build();
  private final ClientId client = ClientId.random();
  private final Requester self = new Requester("Priya Patel", "self", "Client", "priya@nhs.net");
  private RecordId basic;
  private RecordId casework;

  @BeforeEach
  void aClientWithHistory() {
    basic = records.put(client, BasicRecord.builder("Priya Patel",
        Registration.parse(Register.GMC, "1112223")).email("priya@nhs.net").careerGrade("F2").build());
    casework = records.put(client, CaseworkRecord.builder(Team.CAREERS, "CAREERS-1",
        LocalDate.of(2026, 1, 10)).adviser("Cat Careers").summary("Wants to retrain.").build());
    records.put(client, new SharingObjection(casework, null, LocalDate.of(2026, 2, 1), null));
    records.logEnquiry(client, Purpose.RESPONSIBLE_OFFICER_AWARENESS,
        new Requester("Morgan Manager", "Trust", "Manager", "m@trust"), "phoned");
  }

  private String token(Purpose purpose, Requester requester, Set<FieldClass> classes) {
    return records.decide(records.newDecision().subject(client).purpose(purpose).audience("client")
        .requester(requester).reason("my grade is wrong").fieldClasses(classes).build(), DECIDER);
  }

  @Test
  void clause6_rectificationAmendsOneFieldAndKeepsTheOldValueSealedInHistory() {
    long version = records.rectify(token(Purpose.RECTIFICATION, self,
        EnumSet.of(FieldClass.PROFESSIONAL)), "client", basic, "careerGrade", "ST1");
    assertEquals(2, version);

    Release sar = records.release(token(Purpose.SUBJECT_ACCESS, self,
        EnumSet.allOf(FieldClass.class)), "client");
    ReleasedRecord now = sar.records().stream().filter(r -> r.id().equals(basic)).findFirst().orElseThrow();
    assertEquals("\"ST1\"", now.json("careerGrade"));
    ReleasedRecord history = sar.records().stream()
        .filter(r -> r.type().name().equals("psu.amendment")).findFirst().orElseThrow();
    assertEquals("\"F2\"", history.node("oldProfessional").asText());
    assertEquals("\"my grade is wrong\"", history.json("reason"));
    assertTrue(sar.enquiries().stream().anyMatch(e -> e.decision().name().equals("AMENDED")));
  }

  @Test
  void clause6_aRectifiedEmailIsFoundByItsNewValueOnlyAndItsKeysAreReadInOneRead() {
    assertEquals(List.of(basic), foundByEmail("priya@nhs.net"), "found by the old email before");
    String token = token(Purpose.RECTIFICATION, self, EnumSet.of(FieldClass.CONTACT));
    store.keyReads.clear();
    assertEquals(2, records.rectify(token, "client", basic, "email", "priya.patel@nhs.net"));
    List<KeyName> expected = new ArrayList<>(records.indexes().marks());
    expected.add(KeyName.client(client));
    expected.sort(null);
    assertEquals(List.of(expected), store.keyReads,
        "the client's key entry and every index's mark, in one read");
    assertEquals(List.of(basic), foundByEmail("Priya.Patel@nhs.net"));
    assertEquals(List.of(), foundByEmail("priya@nhs.net"));
  }

  private List<RecordId> foundByEmail(String email) {
    Requester adviser = new Requester("Cat Careers", "PSU", "Adviser", "c@hee");
    String search = records.decide(records.newDecision().subject(SecureRecords.ALL_CLIENTS)
        .purpose(Purpose.SERVICE_DELIVERY).audience("psu").requester(adviser)
        .reason("find a client").fieldClasses(EnumSet.of(FieldClass.IDENTITY, FieldClass.CONTACT))
        .build(), DECIDER);
    return records.search(search, "psu", IndexQuery.equal("email", email), null, 10).records()
        .stream().map(ReleasedRecord::id).toList();
  }

  @Test
  void clause6_rectificationIsRefusedForSomeoneElseOrAnotherClassAndValidatesTheNewValue() {
    Requester manager = new Requester("Morgan Manager", "Trust", "Manager", "m@trust");
    String notClient = token(Purpose.RECTIFICATION, manager, EnumSet.of(FieldClass.PROFESSIONAL));
    assertThrows(RefusedException.class,
        () -> records.rectify(notClient, "client", basic, "careerGrade", "ST1"));
    String wrongClass = token(Purpose.RECTIFICATION, self, EnumSet.of(FieldClass.CONTACT));
    assertThrows(RefusedException.class,
        () -> records.rectify(wrongClass, "client", basic, "careerGrade", "ST1"));
    String bad = token(Purpose.RECTIFICATION, self, EnumSet.of(FieldClass.CONTACT));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> records.rectify(bad, "client", basic, "email", "not an email \u0007"));
    assertFalse(e.getMessage().contains("not an email"));
    assertEquals(1, records.metadata(basic).version(), "nothing was written");
  }

  @Test
  void clause6_subjectAccessExportsEverythingHeldWithEveryEnquiryAndItsRecipients()
      throws Exception {
    Release sar = records.release(token(Purpose.SUBJECT_ACCESS, self,
        EnumSet.allOf(FieldClass.class)), "client");
    Set<String> types = new java.util.HashSet<>();
    sar.records().forEach(r -> types.add(r.type().name()));
    assertEquals(Set.of("psu.basic", "psu.casework", "psu.objection"), types);
    assertTrue(sar.enquiries().stream().anyMatch(e -> e.details() != null
        && "Morgan Manager".equals(e.details().path("requester").path("name").asText())));

    String json = sar.toJson();
    JsonNode root = Json.MAPPER.readTree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(client.value(), root.get("client").asText());
    assertEquals("Priya Patel", root.at("/records/psu.basic/0/fields/fullName").asText());
    assertEquals("Wants to retrain.", root.at("/records/psu.casework/0/fields/summary").asText());
    assertTrue(root.get("enquiries").size() >= 2);
    String text = sar.toText();
    assertTrue(text.contains("Wants to retrain."), text);
    assertTrue(text.contains("Morgan Manager"), text);
    assertFalse(sar.toString().contains("Priya"), sar.toString());
    assertTrue(records.verifyLog(Checkpoint.EMPTY).intact());
  }

  @Test
  void clause6_subjectAccessIsRefusedToAnyoneButTheClient() {
    String token = token(Purpose.SUBJECT_ACCESS,
        new Requester("Priya Patell", "self", "Client", "priya@nhs.net"),
        EnumSet.allOf(FieldClass.class));
    RefusedException e = assertThrows(RefusedException.class, () -> records.release(token, "client"));
    assertEquals("6", e.clause());
  }
}
