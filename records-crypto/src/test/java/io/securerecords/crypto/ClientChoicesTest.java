package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.CaseworkRecord;
import io.securerecords.api.psu.FeedbackAcknowledgement;
import io.securerecords.api.psu.Profession;
import io.securerecords.api.psu.ProgrammeRegion;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.psu.SharingObjection;
import io.securerecords.api.psu.Supervisor;
import io.securerecords.api.psu.Team;
import io.securerecords.api.psu.TrainingStatus;
import io.securerecords.api.psu.TransferConsent;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.token.Approval;
import io.securerecords.crypto.token.Requester;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's side (3.2 consent, 3.3 objections, feedback acknowledgements) and the releases
 * that depend on it: internal transfer, pseudonymised internal advice, supervisor feedback.
 */
class ClientChoicesTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
  private static final Requester DECIDER = new Requester("Dana", "PSU", "Duty Manager", "d@hee");
  private final SecureRecords records = SecureRecords.builder().store(new InMemoryRecordStore())
      .kek(KeyEncryptionKey.ephemeral()).clock(Fixtures.CLOCK).build();
  private final ClientId zoe = ClientId.random();
  private RecordId ist;
  private RecordId sccls;
  private RecordId coaching;

  @BeforeEach
  void aLondonTraineeWithThreeServices() {
    records.put(zoe, BasicRecord.builder("Dr Zoë Smith-Jones",
            Registration.parse(Register.GMC, "GMC 1234567"))
        .email("zoe.sj@nhs.net").profession(Profession.DOCTOR)
        .trainingStatus(TrainingStatus.POSTGRADUATE_TRAINING)
        .programmeRegion(ProgrammeRegion.LONDON)
        .supervisor(new Supervisor("Dr Sue Pervisor", "sue@nhs.net")).build());
    ist = records.put(zoe, CaseworkRecord.builder(Team.IST, "IST-1", TODAY.minusMonths(2))
        .adviser("Alex Adviser")
        .summary("ZOE SMITH-JONES (gmc 1234567, Zoe.SJ@nhs.net) asked about exams. Zoe is keen.")
        .build());
    sccls = records.put(zoe, CaseworkRecord.builder(Team.SCCLS, "SCCLS-LANG", TODAY.minusMonths(1))
        .adviser("Lee Linguist").observations("Clear explanations; work on pace.").build());
    coaching = records.put(zoe, CaseworkRecord.builder(Team.COACHING, "COACH", TODAY.minusDays(9))
        .adviser("Casey Coach").summary("Coaching conversation.").build());
  }

  private String decide(Purpose purpose, Requester requester, Set<FieldClass> classes,
      String ackDigest) {
    var claims = records.newDecision().subject(zoe).purpose(purpose).audience("psu")
        .requester(requester).reason("story").fieldClasses(classes);
    if (ackDigest != null) {
      claims.ackDigest(ackDigest);
    }
    return records.decide(claims.build(), DECIDER);
  }

  @Test
  void clause3_2_transferNeedsTheClientsAgreementToThatTeamAndStopsWhenWithdrawn() {
    Requester careers = new Requester("Cat Careers", "CAREERS", "Adviser", "cat@hee");
    Set<FieldClass> wanted = EnumSet.of(FieldClass.IDENTITY, FieldClass.CASE_SUMMARY);
    String early = decide(Purpose.INTERNAL_TRANSFER, careers, wanted, null);
    RefusedException e = assertThrows(RefusedException.class, () -> records.release(early, "psu"));
    assertEquals("3.2", e.clause());

    RecordId consent = records.put(zoe, new TransferConsent(Team.CAREERS, TODAY.minusDays(1), null));
    Release release = records.release(decide(Purpose.INTERNAL_TRANSFER, careers, wanted, null), "psu");
    assertTrue(release.records().stream().anyMatch(r -> r.id().equals(ist)));
    assertFalse(release.records().stream().anyMatch(r -> r.id().equals(coaching)),
        "coaching casework never leaves under 3.2");
    assertFalse(release.records().stream().anyMatch(r -> r.type().name().equals("psu.consent")),
        "the client's choices go only to the client");

    String another = decide(Purpose.INTERNAL_TRANSFER,
        new Requester("Sam Spoc", "SPOC", "Adviser", "s@hee"), wanted, null);
    assertThrows(RefusedException.class, () -> records.release(another, "psu"),
        "agreement to Careers is not agreement to SPOC");

    records.update(consent, new TransferConsent(Team.CAREERS, TODAY.minusDays(1), TODAY), 1);
    String after = decide(Purpose.INTERNAL_TRANSFER, careers, wanted, null);
    assertThrows(RefusedException.class, () -> records.release(after, "psu"),
        "a withdrawn agreement stops the release even for a token made before");
  }

  @Test
  void clause3_3_anObjectionBlocksInternalSharingOfThatAspectOnlyAndNotSafetyRisk() {
    records.put(zoe, new TransferConsent(Team.CAREERS, TODAY.minusDays(1), null));
    records.put(zoe, new SharingObjection(ist, FieldClass.CASE_SUMMARY, TODAY.minusDays(1), null));
    Requester careers = new Requester("Cat Careers", "CAREERS", "Adviser", "cat@hee");
    Release transfer = records.release(decide(Purpose.INTERNAL_TRANSFER, careers,
        EnumSet.of(FieldClass.SERVICE_USE, FieldClass.CASE_SUMMARY), null), "psu");
    ReleasedRecord istOut = transfer.records().stream().filter(r -> r.id().equals(ist))
        .findFirst().orElseThrow();
    assertFalse(istOut.fieldNames().contains("summary"));
    assertTrue(istOut.fieldNames().contains("team"));

    var safety = records.newDecision().subject(zoe).purpose(Purpose.SAFETY_RISK).audience("psu")
        .requester(new Requester("Dr Risk", "Trust", "Medical Director", "r@trust"))
        .reason("risk to patients on ward 3").fieldClasses(EnumSet.of(FieldClass.CASE_SUMMARY))
        .approval(new Approval("Grace", SecureRecords.CALDICOTT_GUARDIAN)).build();
    Release risk = records.release(records.decide(safety, DECIDER), "psu");
    assertTrue(risk.records().stream().anyMatch(r -> r.id().equals(ist)
        && r.fieldNames().contains("summary")), "2.4 is not blocked by an objection");
  }

  @Test
  void clause3_1_adviceIsPseudonymisedRedactedAndNeverHoldsTheBasicRecord() {
    Requester careers = new Requester("Cat Careers", "CAREERS", "Adviser", "cat@hee");
    Set<FieldClass> wanted = EnumSet.of(FieldClass.CASE_SUMMARY, FieldClass.OBSERVATIONS);
    Release first = records.release(decide(Purpose.INTERNAL_ADVICE, careers, wanted, null), "psu");
    Release second = records.release(decide(Purpose.INTERNAL_ADVICE, careers, wanted, null), "psu");
    assertNull(first.client());
    assertNotEquals(first.pseudonym(), second.pseudonym());
    assertFalse(first.records().isEmpty());
    for (ReleasedRecord r : first.records()) {
      assertEquals("psu.casework", r.type().name());
      assertFalse(Set.of(ist, sccls, coaching).contains(r.id()), "record ids are pseudonymous");
      String summary = r.json("summary");
      if (summary != null && !"null".equals(summary)) {
        assertFalse(summary.toLowerCase().contains("zoe"), summary);
        assertFalse(summary.contains("1234567"), summary);
        assertFalse(summary.toLowerCase().contains("nhs.net"), summary);
        assertTrue(summary.contains("asked about exams"), summary);
        assertFalse(summary.contains("Coaching"), "coaching casework never leaves under 3.1");
      }
    }
    assertEquals(2, first.records().size(), "IST and SCCLS, not coaching");
  }

  @Test
  void supervisorFeedbackReleasesOnlyAcknowledgedContentAndAnEditNeedsANewAcknowledgement() {
    Requester sue = new Requester("Dr Sue Pervisor", "St Elsewhere", "Supervisor", "sue@nhs.net");
    Set<FieldClass> obs = EnumSet.of(FieldClass.OBSERVATIONS);
    String unacknowledged = decide(Purpose.SUPERVISOR_FEEDBACK, sue, obs,
        "A".repeat(43));
    assertThrows(RefusedException.class, () -> records.release(unacknowledged, "psu"));

    FeedbackAcknowledgement ack = records.acknowledgeFeedback(sccls, TODAY);
    Release feedback = records.release(decide(Purpose.SUPERVISOR_FEEDBACK, sue, obs, ack.digest()),
        "psu");
    assertEquals(1, feedback.records().size());
    assertEquals(sccls, feedback.records().get(0).id());
    assertEquals(Set.of("observations"), feedback.records().get(0).fieldNames());

    String notSupervisor = decide(Purpose.SUPERVISOR_FEEDBACK,
        new Requester("Morgan Manager", "St Elsewhere", "Manager", "m@trust"), obs, ack.digest());
    assertThrows(RefusedException.class, () -> records.release(notSupervisor, "psu"));

    var current = records.metadata(sccls);
    records.update(sccls, CaseworkRecord.builder(Team.SCCLS, "SCCLS-LANG", TODAY.minusMonths(1))
        .adviser("Lee Linguist").observations("Edited: needs more work.").build(),
        current.version());
    String stale = decide(Purpose.SUPERVISOR_FEEDBACK, sue, obs, ack.digest());
    RefusedException e = assertThrows(RefusedException.class, () -> records.release(stale, "psu"));
    assertTrue(e.condition().contains("acknowledged"), e.condition());
  }
}
