package io.securerecords.crypto.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.Profession;
import io.securerecords.api.psu.ProgrammeRegion;
import io.securerecords.api.psu.TrainingStatus;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.log.Checkpoint;
import io.securerecords.crypto.log.Decision;
import io.securerecords.crypto.token.Requester;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The special purposes fail closed when their conditions are unmet: supervisor feedback without
 * an acknowledgement of that content, internal advice (3.1) from a requester who is not PSU
 * staff of a named team, internal transfer (3.2) without the client's agreement; equality
 * monitoring and rectification are never releases of records (they have their own operations).
 * Each is refused under its own clause at release, logged, and visible to the client. The
 * granted stories are in {@code ClientChoicesTest}, {@code SubjectRightsTest} and {@code
 * EqualityStatisticsProperties}.
 */
class UnmetSpecialPurposesTest {
  private static final Requester SUPERVISOR = new Requester(PsuUnit.SUPERVISOR_NAME,
      "St Qoxvel NHS Trust", "Educational Supervisor", "sue.supervisor@nhs.net");
  private static final Requester CAREERS_ADVISER = new Requester("Carla Careers",
      "Professional Support Unit", "Careers Adviser", "carla@hee.nhs.uk");
  private static final Requester EQUALITY_OFFICER = new Requester("Eve Equality",
      "Professional Support Unit", "Equality Lead", "eve@hee.nhs.uk");

  private final PsuUnit psu = new PsuUnit();

  static Stream<Arguments> notYetSupported() {
    return Stream.of(
        Arguments.of(Purpose.SUPERVISOR_FEEDBACK, SUPERVISOR, Set.of(FieldClass.OBSERVATIONS)),
        Arguments.of(Purpose.INTERNAL_ADVICE, CAREERS_ADVISER,
            Set.of(FieldClass.CASE_SUMMARY, FieldClass.OBSERVATIONS)),
        Arguments.of(Purpose.INTERNAL_TRANSFER, CAREERS_ADVISER,
            Set.of(FieldClass.IDENTITY, FieldClass.CASE_SUMMARY)),
        Arguments.of(Purpose.EQUALITY_MONITORING, EQUALITY_OFFICER,
            Set.of(FieldClass.DEMOGRAPHIC)),
        Arguments.of(Purpose.RECTIFICATION, PsuUnit.THE_CLIENT, Set.of(FieldClass.CONTACT)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notYetSupported")
  void refusedAtReleaseUnderItsOwnClauseAndLogged(Purpose purpose, Requester requester,
      Set<FieldClass> classes) {
    // The most favourable client for feedback: a London doctor in training.
    PsuUnit.Client client = psu.client(Profession.DOCTOR, TrainingStatus.POSTGRADUATE_TRAINING,
        ProgrammeRegion.LONDON);
    String token = psu.decide(psu.decision(client.id(), purpose, requester, "psu-recipient",
        classes.toArray(FieldClass[]::new)));
    RefusedException e = psu.assertRefusedAndLogged(purpose.clause(),
        () -> psu.records.release(token, "psu-recipient"));
    String condition = e.condition();
    assertTrue(psu.records.policy().row(purpose).conditions().stream()
            .anyMatch(c -> c.description().equals(condition)),
        "refusal names a condition of the row: " + condition);

    Release access = psu.subjectAccess(client.id());
    assertEquals(1, PsuUnit.enquiries(access, Decision.REFUSED,
        d -> PsuUnit.text(d, "purpose"), purpose.name()).size());
    assertTrue(psu.records.verifyLog(Checkpoint.EMPTY).intact());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notYetSupported")
  void refusedWhateverClassesTheTokenNames(Purpose purpose, Requester requester,
      Set<FieldClass> ignored) {
    PsuUnit.Client client = psu.client(Profession.DOCTOR, TrainingStatus.POSTGRADUATE_TRAINING,
        ProgrammeRegion.KSS);
    for (FieldClass fieldClass : EnumSet.allOf(FieldClass.class)) {
      RefusedException e = assertThrows(RefusedException.class, () -> {
        String token = psu.decide(psu.decision(client.id(), purpose, requester, "psu-recipient",
            fieldClass));
        psu.records.release(token, "psu-recipient");
      }, purpose + " " + fieldClass);
      assertEquals(purpose.clause(), e.clause());
    }
  }

  @Test
  void theOrdinaryAndTheSpecialPurposesCoverEveryRowOfTheTable() {
    // The supported purposes have their own granted and refused stories; these are the rest.
    Set<Purpose> supported = EnumSet.of(Purpose.REGULATORY_OR_CONTRACTUAL,
        Purpose.RESPONSIBLE_OFFICER_AWARENESS, Purpose.LEGAL_OBLIGATION, Purpose.SAFETY_RISK,
        Purpose.CRIME_OR_PUBLIC_INTEREST, Purpose.SERVICE_DELIVERY, Purpose.SUBJECT_ACCESS);
    Set<Purpose> covered = EnumSet.copyOf(supported);
    notYetSupported().forEach(a -> assertTrue(covered.add((Purpose) a.get()[0])));
    assertEquals(EnumSet.allOf(Purpose.class), covered);
  }
}
