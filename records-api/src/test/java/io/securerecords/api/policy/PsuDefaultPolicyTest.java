package io.securerecords.api.policy;

import static io.securerecords.api.schema.FieldClass.CASE_SUMMARY;
import static io.securerecords.api.schema.FieldClass.CONTACT;
import static io.securerecords.api.schema.FieldClass.CORRESPONDENCE;
import static io.securerecords.api.schema.FieldClass.DEMOGRAPHIC;
import static io.securerecords.api.schema.FieldClass.IDENTITY;
import static io.securerecords.api.schema.FieldClass.OBSERVATIONS;
import static io.securerecords.api.schema.FieldClass.PROFESSIONAL;
import static io.securerecords.api.schema.FieldClass.SERVICE_USE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.RefusedException;
import io.securerecords.api.schema.FieldClass;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One story per clause of the notice: a request the PSU table grants and one it refuses. */
class PsuDefaultPolicyTest {

  private final DisclosurePolicy policy = PolicyTable.psuDefault();

  @Test
  void clause2_1_regulatorSeesOnlyServiceUseFromTheBasicRecord() {
    assertEquals(Set.of(SERVICE_USE),
        policy.narrow(Purpose.REGULATORY_OR_CONTRACTUAL, Set.of(SERVICE_USE)));
    assertEquals(Allowance.BASIC_RECORD_ONLY,
        policy.allowance(Purpose.REGULATORY_OR_CONTRACTUAL, SERVICE_USE));
    assertRefused("2.1", Purpose.REGULATORY_OR_CONTRACTUAL, Set.of(SERVICE_USE, CASE_SUMMARY),
        CASE_SUMMARY);
  }

  @Test
  void clause2_2_responsibleOfficerSeesOnlyServiceUse() {
    assertEquals(Set.of(SERVICE_USE),
        policy.narrow(Purpose.RESPONSIBLE_OFFICER_AWARENESS, Set.of()));
    assertEquals(Allowance.BASIC_RECORD_ONLY,
        policy.allowance(Purpose.RESPONSIBLE_OFFICER_AWARENESS, SERVICE_USE));
    assertTrue(policy.row(Purpose.RESPONSIBLE_OFFICER_AWARENESS)
        .requires(Condition.LONDON_KSS_VIA_CASE_MANAGEMENT_AND_APPEALS_TEAM));
    assertRefused("2.2", Purpose.RESPONSIBLE_OFFICER_AWARENESS, Set.of(IDENTITY), IDENTITY);
  }

  @Test
  void clause2_3_courtOrderReleasesOnlyTheClassesListed() {
    assertEquals(Set.of(CORRESPONDENCE, IDENTITY),
        policy.narrow(Purpose.LEGAL_OBLIGATION, Set.of(IDENTITY, CORRESPONDENCE)));
    assertTrue(policy.coachingReleasable(Purpose.LEGAL_OBLIGATION));
    assertWildcardRefused("2.3", Purpose.LEGAL_OBLIGATION);
  }

  @Test
  void clause2_4_safetyRiskReleasesOnlyTheClassesListed() {
    assertEquals(Set.of(CONTACT), policy.narrow(Purpose.SAFETY_RISK, Set.of(CONTACT)));
    assertFalse(policy.objectionBlocks(Purpose.SAFETY_RISK), "an objection does not stop 2.4");
    assertWildcardRefused("2.4", Purpose.SAFETY_RISK);
  }

  @Test
  void clause2_5_crimeOrPublicInterestReleasesOnlyTheClassesListed() {
    assertEquals(Set.of(CASE_SUMMARY, OBSERVATIONS),
        policy.narrow(Purpose.CRIME_OR_PUBLIC_INTEREST, Set.of(CASE_SUMMARY, OBSERVATIONS)));
    assertTrue(policy.row(Purpose.CRIME_OR_PUBLIC_INTEREST)
        .requires(Condition.APPROVED_BY_DESIGNATED_SENIOR_ROLE));
    assertWildcardRefused("2.5", Purpose.CRIME_OR_PUBLIC_INTEREST);
  }

  @Test
  void clause2_feedback_supervisorSeesOnlyAcknowledgedObservations() {
    assertEquals(Set.of(OBSERVATIONS),
        policy.narrow(Purpose.SUPERVISOR_FEEDBACK, Set.of(OBSERVATIONS)));
    assertEquals(Allowance.ACKNOWLEDGED_ONLY,
        policy.allowance(Purpose.SUPERVISOR_FEEDBACK, OBSERVATIONS));
    assertFalse(policy.coachingReleasable(Purpose.SUPERVISOR_FEEDBACK));
    assertRefused("2-feedback", Purpose.SUPERVISOR_FEEDBACK, Set.of(OBSERVATIONS, CASE_SUMMARY),
        CASE_SUMMARY);
  }

  @Test
  void clause3_1_internalAdviceIsPseudonymisedAndWithoutTheBasicRecord() {
    assertEquals(Set.of(CASE_SUMMARY, OBSERVATIONS),
        policy.narrow(Purpose.INTERNAL_ADVICE, Set.of()));
    assertEquals(Allowance.PSEUDONYMISED, policy.allowance(Purpose.INTERNAL_ADVICE, CASE_SUMMARY));
    assertTrue(policy.objectionBlocks(Purpose.INTERNAL_ADVICE));
    assertFalse(policy.coachingReleasable(Purpose.INTERNAL_ADVICE));
    assertRefused("3.1", Purpose.INTERNAL_ADVICE, Set.of(CASE_SUMMARY, IDENTITY, SERVICE_USE),
        IDENTITY, SERVICE_USE);
  }

  @Test
  void clause3_2_internalTransferSharesEverythingButDemographics() {
    assertEquals(Set.of(IDENTITY, CONTACT, CASE_SUMMARY),
        policy.narrow(Purpose.INTERNAL_TRANSFER, Set.of(IDENTITY, CONTACT, CASE_SUMMARY)));
    assertTrue(policy.objectionBlocks(Purpose.INTERNAL_TRANSFER));
    assertFalse(policy.coachingReleasable(Purpose.INTERNAL_TRANSFER));
    assertRefused("3.2", Purpose.INTERNAL_TRANSFER, Set.of(IDENTITY, DEMOGRAPHIC), DEMOGRAPHIC);
  }

  @Test
  void clause4_serviceDeliveryToTheOwningTeamExcludesDemographics() {
    assertEquals(EnumSet.complementOf(EnumSet.of(DEMOGRAPHIC)),
        policy.narrow(Purpose.SERVICE_DELIVERY, Set.of()));
    assertTrue(policy.coachingReleasable(Purpose.SERVICE_DELIVERY));
    assertTrue(policy.row(Purpose.SERVICE_DELIVERY).requires(Condition.OWN_TEAM_CASEWORK_ONLY));
    assertRefused("4", Purpose.SERVICE_DELIVERY, Set.of(DEMOGRAPHIC), DEMOGRAPHIC);
  }

  @Test
  void clause4_equalityMonitoringSeesOnlyDemographicAggregates() {
    assertEquals(Set.of(DEMOGRAPHIC), policy.narrow(Purpose.EQUALITY_MONITORING, Set.of()));
    assertEquals(Allowance.AGGREGATES_ONLY,
        policy.allowance(Purpose.EQUALITY_MONITORING, DEMOGRAPHIC));
    assertTrue(policy.row(Purpose.EQUALITY_MONITORING)
        .requires(Condition.SMALL_NUMBERS_SUPPRESSED));
    assertRefused("4-equality", Purpose.EQUALITY_MONITORING, Set.of(DEMOGRAPHIC, PROFESSIONAL),
        PROFESSIONAL);
  }

  @Test
  void clause6_subjectAccessSeesEverythingHeldIncludingTheLog() {
    assertEquals(EnumSet.allOf(FieldClass.class), policy.narrow(Purpose.SUBJECT_ACCESS, Set.of()));
    assertEquals(Set.of(DEMOGRAPHIC),
        policy.narrow(Purpose.SUBJECT_ACCESS, Set.of(DEMOGRAPHIC)));
    assertTrue(policy.row(Purpose.SUBJECT_ACCESS)
        .requires(Condition.INCLUDES_ENQUIRY_LOG_ENTRIES));
    assertTrue(policy.coachingReleasable(Purpose.SUBJECT_ACCESS));
    // Every class of the client's own record is theirs to see: no class request is refused.
    assertFalse(policy.objectionBlocks(Purpose.SUBJECT_ACCESS));
  }

  @Test
  void clause6_rectificationWritesAnyClassButReadsNothing() {
    assertEquals(Set.of(CONTACT), policy.narrow(Purpose.RECTIFICATION, Set.of(CONTACT)));
    for (FieldClass fieldClass : FieldClass.values()) {
      assertEquals(Allowance.WRITE, policy.allowance(Purpose.RECTIFICATION, fieldClass));
    }
    assertFalse(policy.coachingReleasable(Purpose.RECTIFICATION),
        "rectification writes; it releases no coaching casework");
    assertTrue(policy.row(Purpose.RECTIFICATION).requires(Condition.OLD_VALUE_AND_REASON_KEPT));
  }

  private void assertRefused(String clause, Purpose purpose, Set<FieldClass> requested,
      FieldClass... named) {
    RefusedException refused =
        assertThrows(RefusedException.class, () -> policy.narrow(purpose, requested));
    assertEquals(clause, refused.clause());
    for (FieldClass fieldClass : named) {
      assertTrue(refused.condition().contains(fieldClass.name()), refused.condition());
    }
    for (FieldClass fieldClass : requested) {
      if (policy.allowance(purpose, fieldClass).granted()) {
        assertFalse(refused.condition().contains(fieldClass.name()),
            "only the widening classes are named: " + refused.condition());
      }
    }
  }

  private void assertWildcardRefused(String clause, Purpose purpose) {
    RefusedException refused =
        assertThrows(RefusedException.class, () -> policy.narrow(purpose, Set.of()));
    assertEquals(clause, refused.clause());
    assertEquals("classes listed explicitly in the token (no wildcard)", refused.condition());
  }
}
