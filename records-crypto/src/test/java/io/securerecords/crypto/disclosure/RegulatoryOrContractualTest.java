package io.securerecords.crypto.disclosure;

import static org.junit.jupiter.api.Assertions.assertThrows;

import static io.securerecords.crypto.disclosure.PsuUnit.REGULATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Condition;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.PsuSchemas;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.ReleasedRecord;
import io.securerecords.crypto.log.Decision;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Clause 2.1: a regulatory or contractual requirement may learn "the services you have accessed
 * with the dates of appointments" from the Basic Record, and nothing else.
 */
class RegulatoryOrContractualTest {
  /** The regulatory or contractual requirement, recorded as the decision's legal reference. */
  private static final String REQUIREMENT = "GMC Fitness to Practise Rules 2004, rule 7";

  private final PsuUnit psu = new PsuUnit();
  private final PsuUnit.Client client = psu.trainee();

  @Test
  void clause2_1_regulatorSeesOnlyServicesAndAppointmentDatesOfTheBasicRecord() {
    String token = psu.decide(psu.decision(client.id(), Purpose.REGULATORY_OR_CONTRACTUAL,
        REGULATOR, "gmc-ftp", FieldClass.SERVICE_USE).legalReference(REQUIREMENT));
    Release release = psu.records.release(token, "gmc-ftp");

    assertEquals(Map.of(client.basic(), Set.of("servicesAccessed", "appointments")),
        PsuUnit.fieldsByRecord(release));
    ReleasedRecord basic = release.records().get(0);
    assertEquals("[\"IST-PERF\",\"COACH-1\"]", basic.json("servicesAccessed"));
    assertTrue(basic.json("appointments").contains("2026-02-04"), basic.json("appointments"));
    assertEquals(Decision.GRANTED, psu.logEntry(release.logSequence()).decision());
    assertEquals(Purpose.REGULATORY_OR_CONTRACTUAL,
        psu.logEntry(release.logSequence()).purpose());
  }

  @Test
  void clause2_1_refusedWhenTheRequirementIsNotRecorded() {
    RefusedException e = assertThrows(RefusedException.class, () -> psu.decide(psu.decision(
        client.id(), Purpose.REGULATORY_OR_CONTRACTUAL, REGULATOR, "gmc-ftp",
        FieldClass.SERVICE_USE)));
    assertEquals("2.1", e.clause());
    assertEquals(Condition.REQUESTER_ORGANISATION_AND_REQUIREMENT_RECORDED.description(),
        e.condition());
  }

  @ParameterizedTest
  @EnumSource(value = FieldClass.class, names = "SERVICE_USE", mode = EnumSource.Mode.EXCLUDE)
  void clause2_1_refusedForEveryClassButServiceUse(FieldClass asked) {
    RefusedException e = psu.assertRefusedAndLogged("2.1", () -> psu.decide(psu.decision(
        client.id(), Purpose.REGULATORY_OR_CONTRACTUAL, REGULATOR, "gmc-ftp",
        FieldClass.SERVICE_USE, asked)));
    assertTrue(e.condition().contains(asked.name()), e.condition());
  }

  @Test
  void clause2_1_releasesNothingFromCaseworkEvenWhenTheTokenNamesOnlyCasework() {
    String token = psu.decide(psu.decision(client.id(), Purpose.REGULATORY_OR_CONTRACTUAL,
            REGULATOR, "gmc-ftp", FieldClass.SERVICE_USE).legalReference(REQUIREMENT)
        .records(Set.of(client.ist(), client.coaching())));
    Release release = psu.records.release(token, "gmc-ftp");
    assertEquals(Map.of(), PsuUnit.fieldsByRecord(release),
        "the casework's team, adviser and dates are SERVICE_USE too, but not Basic Record");
  }

  @Test
  void clause2_1_theSchemaPutsOnlyServicesAndAppointmentsInServiceUse() {
    // Guards the expectation above: if the Basic Record gains a SERVICE_USE field, 2.1 releases it.
    assertEquals(Set.of("servicesAccessed", "appointments"),
        PsuUnit.fieldsOf(PsuSchemas.basic(), FieldClass.SERVICE_USE));
    assertEquals(Set.of(Condition.REQUESTER_ORGANISATION_AND_REQUIREMENT_RECORDED),
        Set.copyOf(psu.records.policy().row(Purpose.REGULATORY_OR_CONTRACTUAL).conditions()));
  }
}
