package io.securerecords.crypto.disclosure;

import static io.securerecords.crypto.disclosure.PsuUnit.CALDICOTT;
import static io.securerecords.crypto.disclosure.PsuUnit.COURT;
import static io.securerecords.crypto.disclosure.PsuUnit.HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Condition;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.PsuSchemas;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.SecureRecords;
import io.securerecords.crypto.token.AccessTokenClaims;
import io.securerecords.crypto.token.Approval;
import io.securerecords.crypto.token.Requester;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Clauses 2.3 to 2.5, the "restricted, rare circumstances": the Casework Record too, coaching
 * included, but only with the classes listed, a recorded basis and a designated senior approver.
 */
class ExceptionalDisclosuresTest {
  private static final Requester SAFEGUARDING = new Requester("Sally Safeguard",
      "Trust Safeguarding Team", "Safeguarding Lead", "safeguarding@nhs.net");
  private static final Requester POLICE = new Requester("Pat Constable", "Metropolitan Police",
      "Detective Constable", "pat.constable@met.police.uk");

  private final PsuUnit psu = new PsuUnit();
  private final PsuUnit.Client client = psu.trainee();

  private AccessTokenClaims.Builder legal(FieldClass... classes) {
    return psu.decision(client.id(), Purpose.LEGAL_OBLIGATION, COURT, "family-court", classes);
  }

  @Test
  void clause2_3_refusedWithoutSeniorApproval() {
    RefusedException e = psu.assertRefusedAndLogged("2.3", () -> psu.decide(
        legal(FieldClass.CASE_SUMMARY).legalReference("Children Act 1989 s.31 order 2026/123")));
    assertEquals(Condition.APPROVED_BY_DESIGNATED_SENIOR_ROLE.description(), e.condition());
  }

  @Test
  void clause2_3_refusedWhenTheApproverIsNotInADesignatedRole() {
    RefusedException e = psu.assertRefusedAndLogged("2.3", () -> psu.decide(
        legal(FieldClass.CASE_SUMMARY).legalReference("Children Act 1989 s.31 order 2026/123")
            .approval(new Approval("Lee Line", "Line Manager"))));
    assertEquals(Condition.APPROVED_BY_DESIGNATED_SENIOR_ROLE.description(), e.condition());
  }

  @Test
  void clause2_3_refusedWithoutLegalReference() {
    RefusedException e = psu.assertRefusedAndLogged("2.3",
        () -> psu.decide(legal(FieldClass.CASE_SUMMARY).approval(HEAD)));
    assertEquals(Condition.COURT_ORDER_OR_STATUTE_RECORDED.description(), e.condition());
  }

  @Test
  void clause2_3_grantedWithLegalReferenceAndSeniorApproval_onlyTheListedClasses() {
    String token = psu.decide(legal(FieldClass.IDENTITY, FieldClass.CASE_SUMMARY)
        .legalReference("Children Act 1989 s.31 order 2026/123").approval(HEAD));
    Release release = psu.records.release(token, "family-court");

    assertEquals(Map.of(
            client.basic(), Set.of("fullName", "registration"),
            client.ist(), Set.of("summary"),
            client.coaching(), Set.of("summary")),
        PsuUnit.fieldsByRecord(release));
    assertEquals("\"" + PsuUnit.COACHING_SUMMARY + "\"",
        PsuUnit.released(release, client.coaching()).json("summary"));
  }

  @Test
  void clause2_3_approvalRoleIsComparedAsPeopleWriteIt() {
    String token = psu.decide(legal(FieldClass.OBSERVATIONS)
        .legalReference("Coroners and Justice Act 2009 sch.5")
        .approval(new Approval("Gil Guardian", "  caldicott   GUARDIAN")));
    Release release = psu.records.release(token, "family-court");
    assertEquals(Set.of(client.ist(), client.coaching()), PsuUnit.fieldsByRecord(release).keySet());
  }

  @Test
  void clause2_3_to_2_5_classesMustBeListed_thereIsNoWildcard() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> legal().fieldClasses(Set.of()).build());
    assertTrue(e.getMessage().contains("fieldClasses"), e.getMessage());
  }

  @Test
  void clause2_4_coachingCaseworkReleasedForASafetyRiskWithCaldicottApproval() {
    String token = psu.decide(psu.decision(client.id(), Purpose.SAFETY_RISK, SAFEGUARDING,
        "trust-safeguarding", FieldClass.CASE_SUMMARY, FieldClass.OBSERVATIONS)
        .approval(CALDICOTT));
    Release release = psu.records.release(token, "trust-safeguarding");
    assertEquals(Map.of(
            client.ist(), Set.of("summary", "observations"),
            client.coaching(), Set.of("summary", "observations")),
        PsuUnit.fieldsByRecord(release));
    assertEquals("\"" + PsuUnit.COACHING_OBSERVATIONS + "\"",
        PsuUnit.released(release, client.coaching()).json("observations"));
  }

  @Test
  void clause2_4_refusedWithoutSeniorApproval() {
    RefusedException e = psu.assertRefusedAndLogged("2.4", () -> psu.decide(psu.decision(
        client.id(), Purpose.SAFETY_RISK, SAFEGUARDING, "trust-safeguarding",
        FieldClass.CASE_SUMMARY)));
    assertEquals(Condition.APPROVED_BY_DESIGNATED_SENIOR_ROLE.description(), e.condition());
  }

  @Test
  void clause2_5_grantedWithLawfulBasisAndSeniorApproval() {
    String token = psu.decide(psu.decision(client.id(), Purpose.CRIME_OR_PUBLIC_INTEREST, POLICE,
            "met-police", FieldClass.IDENTITY, FieldClass.CONTACT)
        .legalReference("Data Protection Act 2018 sch.2 para.2").approval(HEAD));
    Release release = psu.records.release(token, "met-police");
    assertEquals(Map.of(client.basic(),
            PsuUnit.fieldsOf(PsuSchemas.basic(), FieldClass.IDENTITY, FieldClass.CONTACT)),
        PsuUnit.fieldsByRecord(release));
  }

  @Test
  void clause2_5_refusedWithoutLawfulBasis() {
    RefusedException e = psu.assertRefusedAndLogged("2.5", () -> psu.decide(psu.decision(
        client.id(), Purpose.CRIME_OR_PUBLIC_INTEREST, POLICE, "met-police",
        FieldClass.IDENTITY).approval(HEAD)));
    assertEquals(Condition.LAWFUL_BASIS_AND_REASON_RECORDED.description(), e.condition());
  }

  @ParameterizedTest
  @EnumSource(value = Purpose.class,
      names = {"LEGAL_OBLIGATION", "SAFETY_RISK", "CRIME_OR_PUBLIC_INTEREST"})
  void clause2_3_to_2_5_approvalIsCheckedAgainAtRelease(Purpose purpose) {
    // The same store and keys, but the release side designates other senior roles: a token
    // approved by a Head of PSU must not pass where only a Caldicott Guardian is designated.
    String token = psu.decide(psu.decision(client.id(), purpose, COURT, "family-court",
            FieldClass.CASE_SUMMARY)
        .legalReference("Children Act 1989 s.31 order 2026/123").approval(HEAD));
    try (SecureRecords stricter = SecureRecords.builder().store(psu.store).kek(psu.kek)
        .clock(psu.clock).seniorRoles(Set.of(SecureRecords.CALDICOTT_GUARDIAN)).build()) {
      RefusedException e = assertThrows(RefusedException.class,
          () -> stricter.release(token, "family-court"));
      assertEquals(purpose.clause(), e.clause());
      assertEquals(Condition.APPROVED_BY_DESIGNATED_SENIOR_ROLE.description(), e.condition());
    }
  }
}
