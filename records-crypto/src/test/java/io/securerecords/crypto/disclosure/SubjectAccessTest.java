package io.securerecords.crypto.disclosure;

import static io.securerecords.crypto.disclosure.PsuUnit.ADVISER;
import static io.securerecords.crypto.disclosure.PsuUnit.STRANGER;
import static io.securerecords.crypto.disclosure.PsuUnit.THE_CLIENT;
import static io.securerecords.crypto.disclosure.PsuUnit.THE_RO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Condition;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.Profession;
import io.securerecords.api.psu.ProgrammeRegion;
import io.securerecords.api.psu.PsuSchemas;
import io.securerecords.api.psu.TrainingStatus;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.Enquiry;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.log.Decision;
import io.securerecords.crypto.token.Requester;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Clause 6 with 1.3: the client sees everything held about them, coaching included, and every
 * enquiry about them with its recipients (GDPR Art. 15(1)(c)), refused ones too.
 */
class SubjectAccessTest {
  private final PsuUnit psu = new PsuUnit();
  private final PsuUnit.Client client = psu.trainee();

  @Test
  void clause6_clientSeesEveryFieldOfEveryRecord() {
    Release access = psu.subjectAccess(client.id());
    assertEquals(Map.of(
            client.basic(), PsuUnit.fieldsOf(PsuSchemas.basic(), FieldClass.values()),
            client.ist(), PsuUnit.fieldsOf(PsuSchemas.casework(), FieldClass.values()),
            client.coaching(), PsuUnit.fieldsOf(PsuSchemas.casework(), FieldClass.values())),
        PsuUnit.fieldsByRecord(access));
    assertEquals("\"" + PsuUnit.DISABILITY + "\"",
        PsuUnit.released(access, client.basic()).json("disability"));
  }

  @Test
  void clause6_includesEarlierEnquiriesIncludingRefusedOnesWithTheirRecipients() {
    // A manager calls: nothing disclosed, but logged (1.3).
    psu.records.logEnquiry(client.id(), null, STRANGER, "called about the trainee");
    // A stranger claims to be the RO: refused at release, logged with its recipient.
    String claimed = psu.decide(psu.decision(client.id(), Purpose.RESPONSIBLE_OFFICER_AWARENESS,
        STRANGER, "zed-inbox", FieldClass.SERVICE_USE));
    RefusedException refused = psu.assertRefusedAndLogged("2.2",
        () -> psu.records.release(claimed, "zed-inbox"));
    // The RO is told: granted.
    String ro = psu.decide(psu.decision(client.id(), Purpose.RESPONSIBLE_OFFICER_AWARENESS,
        THE_RO, "ro-office", FieldClass.SERVICE_USE));
    Release told = psu.records.release(ro, "ro-office");

    Release access = psu.subjectAccess(client.id());

    List<Enquiry> calls = PsuUnit.enquiries(access, Decision.NOTHING_DISCLOSED,
        d -> PsuUnit.text(d.get("requester"), "name"), "Zed Stranger");
    assertEquals(1, calls.size(), access.enquiries().toString());
    assertEquals("called about the trainee", PsuUnit.text(calls.get(0).details(), "reason"));

    List<Enquiry> refusals = PsuUnit.enquiries(access, Decision.REFUSED,
        d -> PsuUnit.text(d, "recipient"), "zed-inbox");
    assertEquals(1, refusals.size(), access.enquiries().toString());
    JsonNode refusal = refusals.get(0).details().get("refusal");
    assertNotNull(refusal);
    assertEquals("2.2", PsuUnit.text(refusal, "clause"));
    assertEquals(refused.condition(), PsuUnit.text(refusal, "condition"));
    assertEquals(Purpose.RESPONSIBLE_OFFICER_AWARENESS, refusals.get(0).purpose());

    List<Enquiry> grants = PsuUnit.enquiries(access, Decision.GRANTED,
        d -> PsuUnit.text(d, "recipient"), "ro-office");
    assertEquals(1, grants.size(), access.enquiries().toString());
    assertEquals(told.logSequence(), grants.get(0).sequence());
    assertEquals(told.digestText(), PsuUnit.text(grants.get(0).details(), "digest"));
    assertEquals(PsuUnit.RO_NAME,
        PsuUnit.text(grants.get(0).details().get("requester"), "name"));

    // Both decisions are there too, and every entry about the client is open.
    assertEquals(2, PsuUnit.enquiries(access, Decision.DECIDED,
        d -> PsuUnit.text(d, "purpose"), Purpose.RESPONSIBLE_OFFICER_AWARENESS.name()).size());
    assertTrue(access.enquiries().stream().allMatch(e -> "open".equals(e.state())),
        access.enquiries().toString());
  }

  @Test
  void clause6_doesNotIncludeEnquiriesAboutOtherClients() {
    PsuUnit.Client other = psu.client(Profession.DOCTOR, TrainingStatus.POSTGRADUATE_TRAINING,
        ProgrammeRegion.OTHER);
    psu.records.logEnquiry(other.id(), null, STRANGER, "called about someone else");
    Release access = psu.subjectAccess(client.id());
    for (Enquiry e : access.enquiries()) {
      assertEquals(client.id().value(), PsuUnit.text(e.details(), "client"), e.toString());
    }
  }

  @Test
  void clause6_refusedWhenTheRequesterIsNotTheClient() {
    String token = psu.decide(psu.decision(client.id(), Purpose.SUBJECT_ACCESS, ADVISER,
        "the-client", FieldClass.IDENTITY));
    RefusedException e = psu.assertRefusedAndLogged("6",
        () -> psu.records.release(token, "the-client"));
    assertEquals(Condition.REQUESTER_IS_CLIENT.description(), e.condition());
  }

  @Test
  void clause6_refusedWhenTheContactIsNotTheRecordedEmail() {
    Requester impostor = new Requester(PsuUnit.CLIENT_NAME, "self", "Client",
        "amira.impostor@example.org");
    String token = psu.decide(psu.decision(client.id(), Purpose.SUBJECT_ACCESS, impostor,
        "the-client", FieldClass.IDENTITY));
    RefusedException e = psu.assertRefusedAndLogged("6",
        () -> psu.records.release(token, "the-client"));
    assertEquals(Condition.REQUESTER_IS_CLIENT.description(), e.condition());
  }

  @Test
  void clause6_theClientsOwnNarrowRequestIsHonoured() {
    String token = psu.decide(psu.decision(client.id(), Purpose.SUBJECT_ACCESS, THE_CLIENT,
        "the-client", FieldClass.DEMOGRAPHIC));
    Release access = psu.records.release(token, "the-client");
    assertEquals(Map.of(client.basic(), Set.of("ethnicity", "primaryQualificationPlace",
        "disability")), PsuUnit.fieldsByRecord(access));
  }
}
