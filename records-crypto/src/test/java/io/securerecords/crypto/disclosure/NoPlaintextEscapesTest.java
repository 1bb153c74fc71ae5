package io.securerecords.crypto.disclosure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.PolicyTable;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.Profession;
import io.securerecords.api.psu.ProgrammeRegion;
import io.securerecords.api.psu.TrainingStatus;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.Enquiry;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.ReleasedRecord;
import io.securerecords.crypto.token.AccessTokenClaims;
import io.securerecords.crypto.token.Requester;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No plaintext escapes through what a caller prints or logs: refusal messages, {@code
 * Release.toString}, {@code ReleasedRecord.toString} and {@code Enquiry.toString} never contain a
 * value that was sealed, whatever the purpose, the requester and the outcome.
 */
class NoPlaintextEscapesTest {
  private static final List<Requester> REQUESTERS = List.of(PsuUnit.THE_RO,
      PsuUnit.CASE_MANAGER, PsuUnit.REGULATOR, PsuUnit.ADVISER, PsuUnit.ADMINISTRATOR,
      PsuUnit.COACH_REQUESTER, PsuUnit.STRANGER, PsuUnit.COURT, PsuUnit.THE_CLIENT);

  private static final Set<Purpose> EXCEPTIONAL = EnumSet.of(Purpose.LEGAL_OBLIGATION,
      Purpose.SAFETY_RISK, Purpose.CRIME_OR_PUBLIC_INTEREST);
  private static final boolean[] BOTH = {false, true};
  private static final boolean[] UNAPPROVED = {false};

  private final PsuUnit psu = new PsuUnit();

  @Test
  void noSealedValueInAnyMessageOrToStringAcrossEveryPurposeAndRequester() {
    List<PsuUnit.Client> clients = List.of(psu.trainee(),
        psu.client(Profession.DOCTOR, TrainingStatus.POSTGRADUATE_TRAINING,
            ProgrammeRegion.LONDON),
        psu.client(Profession.NURSE, TrainingStatus.NOT_IN_TRAINING, null));
    List<String> printed = new ArrayList<>();
    int releases = 0;
    int refusals = 0;
    for (PsuUnit.Client client : clients) {
      for (Purpose purpose : Purpose.values()) {
        Set<FieldClass> row = PolicyTable.psuDefault().releasableClasses(purpose);
        Set<FieldClass> asked = row.isEmpty() ? EnumSet.of(FieldClass.IDENTITY) : row;
        for (Requester requester : REQUESTERS) {
          boolean exceptional = EXCEPTIONAL.contains(purpose);
          for (boolean approved : exceptional ? BOTH : UNAPPROVED) {
            AccessTokenClaims.Builder decision = psu.decision(client.id(), purpose, requester,
                "recipient", asked.toArray(FieldClass[]::new));
            if (approved) {
              decision.legalReference("Senior Courts Act 1981 s.33").approval(PsuUnit.HEAD);
            }
            try {
              Release release = psu.records.release(psu.decide(decision), "recipient");
              printed.add(release.toString());
              release.records().forEach(r -> printed.add(r.toString()));
              release.enquiries().forEach(e -> printed.add(e.toString()));
              releases++;
            } catch (RefusedException e) {
              printed.add(e.getMessage());
              printed.add(e.condition());
              printed.add(String.valueOf(e));
              refusals++;
            }
          }
        }
      }
      // Token refusals too: wrong recipient, expired, used up.
      String token = psu.decide(psu.decision(client.id(), Purpose.SUBJECT_ACCESS,
          PsuUnit.THE_CLIENT, "the-client", FieldClass.values()));
      printed.add(refusal(() -> psu.records.release(token, "not-the-client")));
      Release access = psu.records.release(token, "the-client");
      assertTrue(access.records().size() == 3 && !access.enquiries().isEmpty());
      access.records().forEach(r -> printed.add(r.toString()));
      access.enquiries().forEach(e -> printed.add(e.toString()));
      printed.add(access.toString());
      printed.add(refusal(() -> psu.records.release(token, "the-client")));
    }
    String expiring = psu.decide(psu.decision(clients.get(0).id(), Purpose.SUBJECT_ACCESS,
        PsuUnit.THE_CLIENT, "the-client", FieldClass.values()));
    psu.clock.advance(Duration.ofHours(1));
    printed.add(refusal(() -> psu.records.release(expiring, "the-client")));

    assertTrue(releases > 20 && refusals > 80, releases + " releases, " + refusals + " refusals");
    for (String text : printed) {
      for (String canary : PsuUnit.CANARIES) {
        assertFalse(text.contains(canary), () -> "'" + text + "' shows a sealed value");
      }
    }
  }

  @Test
  void releasedValuesAreThereForTheRecipient_soTheCanariesAreRealValues() {
    PsuUnit.Client client = psu.trainee();
    Release access = psu.subjectAccess(client.id());
    StringBuilder all = new StringBuilder();
    for (ReleasedRecord r : access.records()) {
      r.fieldNames().forEach(f -> all.append(r.json(f)));
    }
    for (Enquiry e : access.enquiries()) {
      all.append(e.details());
    }
    for (String canary : PsuUnit.CANARIES) {
      assertTrue(all.toString().contains(canary), canary);
    }
  }

  private static String refusal(org.junit.jupiter.api.function.Executable action) {
    try {
      action.execute();
    } catch (RefusedException e) {
      return e.getMessage();
    } catch (Throwable t) {
      throw new AssertionError("expected a refusal", t);
    }
    throw new AssertionError("expected a refusal");
  }
}
