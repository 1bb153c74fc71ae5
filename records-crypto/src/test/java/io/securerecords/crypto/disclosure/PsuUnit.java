package io.securerecords.crypto.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.Appointment;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.CaseworkRecord;
import io.securerecords.api.psu.Message;
import io.securerecords.api.psu.Profession;
import io.securerecords.api.psu.ProgrammeRegion;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.psu.ResponsibleOfficer;
import io.securerecords.api.psu.Supervisor;
import io.securerecords.api.psu.Team;
import io.securerecords.api.psu.TrainingStatus;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.crypto.Enquiry;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.ReleasedRecord;
import io.securerecords.crypto.SecureRecords;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.log.Checkpoint;
import io.securerecords.crypto.log.Decision;
import io.securerecords.crypto.log.SealedEnquiry;
import io.securerecords.crypto.token.AccessTokenClaims;
import io.securerecords.crypto.token.Approval;
import io.securerecords.crypto.token.Requester;
import io.securerecords.crypto.token.TestClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.function.Executable;

/**
 * One PSU in memory for the disclosure tests: an instance on a store the test can read (for the
 * clear headers of the log), a clock the test moves, the people of the notice, and clients whose
 * every sealed value is a canary that must never appear where it was not released.
 */
final class PsuUnit {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final String CASE_MANAGEMENT_TEAM = "London and KSS Case Management and Appeals Team";

  // The client's sealed values: distinctive, so a leak is found by a plain substring search.
  static final String CLIENT_NAME = "Dr Amira Qoxvel";
  static final String GMC_NUMBER = "7654321";
  static final String CLIENT_EMAIL = "amira.qoxvel@nhs.net";
  static final String ADDRESS = "17 Qoxvel Mews, Lambeth";
  static final String GRADE = "ST3 Qoxgrade";
  static final String EMPLOYER = "St Qoxvel NHS Trust";
  static final String RO_NAME = "Dr Rob Officer";
  static final String DESIGNATED_BODY = "HEE Qoxbody";
  static final String SUPERVISOR_NAME = "Dr Sue Qoxsupervisor";
  static final String ETHNICITY = "Qoxethnic background";
  static final String QUALIFIED_AT = "University of Qoxford";
  static final String DISABILITY = "Qoxdisability";
  static final String IST_ADVISER = "Alex Adviser";
  static final String IST_ADMIN = "Sam Admin";
  static final String COACH = "Cora Coach";
  static final String COACHING_ADMIN = "Cal Coordinator";
  static final String IST_SUMMARY = "IST summary: exam preparation Qoxsummary";
  static final String IST_OBSERVATIONS = "IST observations Qoxobserved";
  static final String IST_EMAIL_BODY = "IST email body Qoxmail";
  static final String COACHING_SUMMARY = "Coaching conversation Qoxcoach confidential";
  static final String COACHING_OBSERVATIONS = "Coaching observations Qoxcoachobs";

  /** Every value sealed about a client made by {@link #client}; none may leak unreleased. */
  static final List<String> CANARIES = List.of(CLIENT_NAME, GMC_NUMBER, CLIENT_EMAIL, ADDRESS,
      GRADE, EMPLOYER, RO_NAME, DESIGNATED_BODY, SUPERVISOR_NAME, ETHNICITY, QUALIFIED_AT,
      DISABILITY, IST_ADVISER, IST_ADMIN, COACH, COACHING_ADMIN, IST_SUMMARY, IST_OBSERVATIONS,
      IST_EMAIL_BODY, COACHING_SUMMARY, COACHING_OBSERVATIONS, "Qox");

  static final Requester DECIDER =
      new Requester("Dana Duty", "Professional Support Unit", "Duty Manager",
          "psu.lase@hee.nhs.uk");
  static final Requester THE_RO =
      new Requester(RO_NAME, EMPLOYER, "Responsible Officer", "rob.officer@nhs.net");
  static final Requester CASE_MANAGER = new Requester("Casey Manager", CASE_MANAGEMENT_TEAM,
      "Case Manager", "case.management@hee.nhs.uk");
  static final Requester REGULATOR = new Requester("Gail Regulator", "General Medical Council",
      "Investigation Officer", "gail.regulator@gmc-uk.org");
  static final Requester ADVISER =
      new Requester(IST_ADVISER, "Professional Support Unit", "Adviser", "alex@hee.nhs.uk");
  static final Requester ADMINISTRATOR =
      new Requester(IST_ADMIN, "Professional Support Unit", "Administrator", "sam@hee.nhs.uk");
  static final Requester COACH_REQUESTER =
      new Requester(COACH, "Professional Support Unit", "Coach", "cora@hee.nhs.uk");
  static final Requester STRANGER =
      new Requester("Zed Stranger", "Another Trust", "Manager", "zed@example.org");
  static final Requester COURT = new Requester("Colin Clerk", "Central Family Court",
      "Court Officer", "clerk@justice.gov.uk");
  static final Requester THE_CLIENT =
      new Requester(CLIENT_NAME, "self", "Client", CLIENT_EMAIL);
  static final Approval HEAD = new Approval("Harriet Head", SecureRecords.HEAD_OF_PSU);
  static final Approval CALDICOTT = new Approval("Gil Guardian", SecureRecords.CALDICOTT_GUARDIAN);

  final TestClock clock = new TestClock(START);
  final InMemoryRecordStore store = new InMemoryRecordStore();
  final KeyEncryptionKey kek = KeyEncryptionKey.ephemeral();
  final SecureRecords records =
      SecureRecords.builder().store(store).kek(kek).clock(clock).build();

  /** A client's ids: the Basic Record, the IST casework and the coaching casework. */
  record Client(ClientId id, RecordId basic, RecordId ist, RecordId coaching) {}

  /** The Basic Record of the standard client, in a given training situation. */
  static BasicRecord basicRecord(Profession profession, TrainingStatus training,
      ProgrammeRegion region) {
    return BasicRecord.builder(CLIENT_NAME, Registration.parse(Register.GMC, "GMC " + GMC_NUMBER))
        .email(CLIENT_EMAIL)
        .postalAddress(ADDRESS)
        .profession(profession)
        .careerGrade(GRADE)
        .employer(EMPLOYER)
        .responsibleOfficer(new ResponsibleOfficer(RO_NAME, DESIGNATED_BODY))
        .supervisor(new Supervisor(SUPERVISOR_NAME, "sue.supervisor@nhs.net"))
        .trainingStatus(training)
        .programmeRegion(region)
        .servicesAccessed(List.of("IST-PERF", "COACH-1"))
        .appointments(List.of(new Appointment(LocalDate.of(2026, 2, 4), Team.IST),
            new Appointment(LocalDate.of(2026, 2, 18), Team.COACHING)))
        .ethnicity(ETHNICITY)
        .primaryQualificationPlace(QUALIFIED_AT)
        .disability(DISABILITY)
        .build();
  }

  /** A client with a Basic Record, IST casework and coaching casework. */
  Client client(Profession profession, TrainingStatus training, ProgrammeRegion region) {
    ClientId id = ClientId.random();
    RecordId basic = records.put(id, basicRecord(profession, training, region));
    RecordId ist = records.put(id, CaseworkRecord.builder(Team.IST, "IST-PERF",
            LocalDate.of(2026, 2, 4))
        .adviser(IST_ADVISER)
        .administrator(IST_ADMIN)
        .summary(IST_SUMMARY)
        .correspondence(List.of(new Message(LocalDate.of(2026, 2, 5), IST_ADVISER, CLIENT_NAME,
            "Next steps", IST_EMAIL_BODY)))
        .observations(IST_OBSERVATIONS)
        .build());
    RecordId coaching = records.put(id, CaseworkRecord.builder(Team.COACHING, "COACH-1",
            LocalDate.of(2026, 2, 18))
        .adviser(COACH)
        .administrator(COACHING_ADMIN)
        .summary(COACHING_SUMMARY)
        .observations(COACHING_OBSERVATIONS)
        .build());
    return new Client(id, basic, ist, coaching);
  }

  /** A doctor in postgraduate training on a programme outside London and KSS. */
  Client trainee() {
    return client(Profession.DOCTOR, TrainingStatus.POSTGRADUATE_TRAINING, ProgrammeRegion.OTHER);
  }

  /** A decision with the usual reason; the caller adds legal reference or approval. */
  AccessTokenClaims.Builder decision(ClientId client, Purpose purpose, Requester requester,
      String recipient, FieldClass... classes) {
    return records.newDecision()
        .subject(client)
        .purpose(purpose)
        .audience(recipient)
        .requester(requester)
        .reason("enquiry under " + purpose.clause())
        .fieldClasses(classes.length == 0 ? EnumSet.allOf(FieldClass.class) : Set.of(classes));
  }

  String decide(AccessTokenClaims.Builder decision) {
    return records.decide(decision.build(), DECIDER);
  }

  /** The client's own subject-access release of everything, with the log entries about them. */
  Release subjectAccess(ClientId client) {
    String token = decide(decision(client, Purpose.SUBJECT_ACCESS, THE_CLIENT, "the-client"));
    return records.release(token, "the-client");
  }

  /** The clear, signed header of one log entry: readable without any decryption key. */
  SealedEnquiry logEntry(long sequence) {
    return SealedEnquiry.parse(sequence, store.log(sequence, 1).get(0).sealed());
  }

  long logSize() {
    return store.logSize();
  }

  /**
   * Runs {@code refused}, expects a {@link RefusedException} under {@code clause}, and checks
   * that exactly one entry was logged for it, as REFUSED, and that the log still verifies.
   */
  RefusedException assertRefusedAndLogged(String clause, Executable refused) {
    long before = logSize();
    RefusedException e = assertThrows(RefusedException.class, refused);
    assertEquals(clause, e.clause(), e.getMessage());
    assertEquals(before + 1, logSize(), "one log entry per refusal");
    assertEquals(Decision.REFUSED, logEntry(before).decision());
    assertTrue(records.verifyLog(Checkpoint.EMPTY).intact());
    return e;
  }

  /** Released field names by record id. */
  static Map<RecordId, Set<String>> fieldsByRecord(Release release) {
    Map<RecordId, Set<String>> out = new LinkedHashMap<>();
    for (ReleasedRecord r : release.records()) {
      out.put(r.id(), Set.copyOf(r.fieldNames()));
    }
    return out;
  }

  /** The released record with this id, or null. */
  static ReleasedRecord released(Release release, RecordId id) {
    return release.records().stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
  }

  /** Subject-access enquiries with this decision whose details say {@code key} = {@code value}. */
  static List<Enquiry> enquiries(Release access, Decision decision,
      Function<JsonNode, String> key, String value) {
    return access.enquiries().stream()
        .filter(e -> e.decision() == decision)
        .filter(e -> e.details() != null && value.equals(key.apply(e.details())))
        .toList();
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** The names of the fields of a schema whose class is one of {@code classes}. */
  static Set<String> fieldsOf(io.securerecords.api.schema.RecordSchema schema,
      FieldClass... classes) {
    Set<FieldClass> wanted = Set.of(classes);
    return schema.fields().stream()
        .filter(f -> wanted.contains(f.fieldClass()))
        .map(io.securerecords.api.schema.FieldSpec::name)
        .collect(java.util.stream.Collectors.toSet());
  }
}
