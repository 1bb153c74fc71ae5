package io.securerecords.crypto.disclosure;

import io.securerecords.crypto.SecureRecords;

import static io.securerecords.crypto.disclosure.PsuUnit.CASE_MANAGER;
import static io.securerecords.crypto.disclosure.PsuUnit.STRANGER;
import static io.securerecords.crypto.disclosure.PsuUnit.THE_RO;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Condition;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.Profession;
import io.securerecords.api.psu.ProgrammeRegion;
import io.securerecords.api.psu.TrainingStatus;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.log.Decision;
import io.securerecords.crypto.token.Requester;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Clause 2.2: the Responsible Officer of a doctor in postgraduate training may be made aware that
 * the doctor is accessing support (services and appointment dates only); for programmes aligned
 * to London and KSS this goes through the Case Management and Appeals Team.
 */
class ResponsibleOfficerAwarenessTest {
  private static final Set<String> SERVICE_DATES = Set.of("servicesAccessed", "appointments");
  private final PsuUnit psu = new PsuUnit();

  private String decide(PsuUnit.Client client, Requester requester, String recipient) {
    return psu.decide(psu.decision(client.id(), Purpose.RESPONSIBLE_OFFICER_AWARENESS, requester,
        recipient, FieldClass.SERVICE_USE));
  }

  @Test
  void clause2_2_roSeesOnlyServiceDatesOfBasicRecord() {
    PsuUnit.Client client = psu.trainee();
    Release release = psu.records.release(decide(client, THE_RO, "ro-office"), "ro-office");
    assertEquals(Map.of(client.basic(), SERVICE_DATES), PsuUnit.fieldsByRecord(release));
    assertEquals(Decision.GRANTED, psu.logEntry(release.logSequence()).decision());
  }

  @Test
  void clause2_2_officerNameIsComparedAsPeopleWriteIt() {
    PsuUnit.Client client = psu.trainee();
    Requester sameOfficer = new Requester("  dr ROB   officer ", THE_RO.organisation(),
        THE_RO.role(), THE_RO.contact());
    Release release = psu.records.release(decide(client, sameOfficer, "ro-office"), "ro-office");
    assertEquals(Map.of(client.basic(), SERVICE_DATES), PsuUnit.fieldsByRecord(release));
  }

  @Test
  void clause2_2_refusedWhenNotInTraining() {
    PsuUnit.Client client = psu.client(Profession.DOCTOR, TrainingStatus.NOT_IN_TRAINING,
        ProgrammeRegion.OTHER);
    String token = decide(client, THE_RO, "ro-office");
    RefusedException e = psu.assertRefusedAndLogged("2.2",
        () -> psu.records.release(token, "ro-office"));
    assertEquals(Condition.CLIENT_IS_DOCTOR_IN_POSTGRADUATE_TRAINING.description(), e.condition());
  }

  @ParameterizedTest
  @EnumSource(value = Profession.class, names = "DOCTOR", mode = EnumSource.Mode.EXCLUDE)
  void clause2_2_refusedWhenNotADoctor(Profession profession) {
    PsuUnit.Client client = psu.client(profession, TrainingStatus.POSTGRADUATE_TRAINING,
        ProgrammeRegion.OTHER);
    String token = decide(client, THE_RO, "ro-office");
    RefusedException e = psu.assertRefusedAndLogged("2.2",
        () -> psu.records.release(token, "ro-office"));
    assertEquals(Condition.CLIENT_IS_DOCTOR_IN_POSTGRADUATE_TRAINING.description(), e.condition());
  }

  @Test
  void clause2_2_refusedToAnyoneButTheRecordedOfficer() {
    PsuUnit.Client client = psu.trainee();
    String token = decide(client, STRANGER, "ro-office");
    RefusedException e = psu.assertRefusedAndLogged("2.2",
        () -> psu.records.release(token, "ro-office"));
    assertEquals(Condition.REQUESTER_IS_RECORDED_RESPONSIBLE_OFFICER.description(),
        e.condition());
  }

  @Test
  void clause2_2_refusedForEveryClassButServiceUse() {
    PsuUnit.Client client = psu.trainee();
    psu.assertRefusedAndLogged("2.2", () -> psu.decide(psu.decision(client.id(),
        Purpose.RESPONSIBLE_OFFICER_AWARENESS, THE_RO, "ro-office", FieldClass.SERVICE_USE,
        FieldClass.PROFESSIONAL)));
  }

  @ParameterizedTest
  @EnumSource(value = ProgrammeRegion.class, names = {"LONDON", "KSS"})
  void clause2_2_londonMustGoViaCaseManagementTeam(ProgrammeRegion region) {
    PsuUnit.Client client = psu.client(Profession.DOCTOR, TrainingStatus.POSTGRADUATE_TRAINING,
        region);

    String direct = decide(client, THE_RO, "ro-office");
    RefusedException e = psu.assertRefusedAndLogged("2.2",
        () -> psu.records.release(direct, "ro-office"));
    assertEquals(Condition.LONDON_KSS_VIA_CASE_MANAGEMENT_AND_APPEALS_TEAM.description(),
        e.condition());

    // Even the officer's own request must be addressed to the team.
    Release viaTeam = psu.records.release(
        decide(client, THE_RO, SecureRecords.CASE_MANAGEMENT_TEAM), SecureRecords.CASE_MANAGEMENT_TEAM);
    assertEquals(Map.of(client.basic(), SERVICE_DATES), PsuUnit.fieldsByRecord(viaTeam));
  }

  @Test
  void clause2_2_conditionsAreCheckedAtReleaseNotOnlyWhenDecided() {
    PsuUnit.Client client = psu.trainee();
    String token = decide(client, THE_RO, "ro-office");
    // Between decision and release the client completes training: the release must stop.
    BasicRecord finished = PsuUnit.basicRecord(Profession.DOCTOR, TrainingStatus.NOT_IN_TRAINING,
        ProgrammeRegion.OTHER);
    psu.records.update(client.basic(), finished, psu.records.metadata(client.basic()).version());
    RefusedException e = psu.assertRefusedAndLogged("2.2",
        () -> psu.records.release(token, "ro-office"));
    assertEquals(Condition.CLIENT_IS_DOCTOR_IN_POSTGRADUATE_TRAINING.description(), e.condition());
  }

  @Test
  void clause2_2_caseManagementTeamIsNoWayRoundForProgrammesOutsideLondonAndKss() {
    PsuUnit.Client client = psu.trainee();
    String token = decide(client, CASE_MANAGER, "lkss-cmat");
    RefusedException e = psu.assertRefusedAndLogged("2.2",
        () -> psu.records.release(token, "lkss-cmat"));
    assertEquals(Condition.REQUESTER_IS_RECORDED_RESPONSIBLE_OFFICER.description(),
        e.condition());
  }
}
