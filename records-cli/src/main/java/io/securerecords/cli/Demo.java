package io.securerecords.cli;

import io.securerecords.api.error.RefusedException;
import io.securerecords.api.error.TamperedException;
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
import io.securerecords.api.psu.SharingObjection;
import io.securerecords.api.psu.Supervisor;
import io.securerecords.api.psu.TransferConsent;
import io.securerecords.api.psu.Team;
import io.securerecords.api.psu.TrainingStatus;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.EqualityReport;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.ReleasedRecord;
import io.securerecords.crypto.SecureRecords;
import io.securerecords.crypto.log.Checkpoint;
import io.securerecords.crypto.log.LogVerification;
import io.securerecords.crypto.token.Approval;
import io.securerecords.crypto.token.Requester;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The project's main job: a walkthrough of the PSU notice on a real store. It seals four
 * clients' records, finds them, and answers one requester per situation of the notice with a
 * decision, a token and a release (or a logged refusal), printing what each requester saw, never
 * a value; it erases a client and verifies the enquiry log; then it changes one stored byte of a
 * record and one of the log, and shows the record open and the log verification catching each.
 * Run it with {@code psu-records demo}.
 */
final class Demo {
  private static final Requester DECIDER =
      new Requester("Dana Duty", "PSU", "Duty Manager", "psu.lase@hee.nhs.uk");

  private final SecureRecords records;
  private final DataSource database;
  private final PrintWriter out;
  private final List<String[]> rows = new ArrayList<>();
  private String ackDigest;

  /**
   * @param records a fresh instance over the store
   * @param database the H2 database under the store, to tamper with at the end
   */
  Demo(PrintWriter out, SecureRecords records, DataSource database) {
    this.out = out;
    this.records = records;
    this.database = database;
  }

  /**
   * Runs the walkthrough.
   *
   * @return true when the log verified before tampering and both tamperings were caught
   */
  boolean run() {
    ClientId amira = ClientId.random();
    RecordId amiraBasic = records.put(amira, BasicRecord.builder("Dr Amira Osei",
            Registration.parse(Register.GMC, "GMC 7654321"))
        .email("amira.osei@nhs.net")
        .profession(Profession.DOCTOR)
        .careerGrade("ST3")
        .employer("St Elsewhere NHS Trust")
        .responsibleOfficer(new ResponsibleOfficer("Dr Rob Officer", "HEE London"))
        .trainingStatus(TrainingStatus.POSTGRADUATE_TRAINING)
        .programmeRegion(ProgrammeRegion.OTHER)
        .servicesAccessed(List.of("IST-PERF"))
        .appointments(List.of(new Appointment(LocalDate.of(2026, 3, 4), Team.IST)))
        .ethnicity("prefer not to say")
        .build());
    RecordId amiraIst = records.put(amira, CaseworkRecord.builder(Team.IST, "IST-PERF",
            LocalDate.of(2026, 3, 4))
        .adviser("Alex Adviser")
        .administrator("Sam Admin")
        .summary("Objectives: exam preparation; progress good.")
        .correspondence(List.of(new Message(LocalDate.of(2026, 3, 5), "Alex Adviser",
            "Dr Amira Osei", "Next steps", "Thank you for meeting today.")))
        .build());
    ClientId ben = ClientId.random();
    records.put(ben, BasicRecord.builder("Ben Nurse", Registration.parse(Register.NMC, "12A3456E"))
        .profession(Profession.NURSE)
        .build());
    RecordId benCoaching = records.put(ben, CaseworkRecord.builder(Team.COACHING, "COACH-1",
            LocalDate.of(2026, 2, 1))
        .adviser("Casey Coach")
        .summary("Coaching conversation notes.")
        .build());

    ClientId chloe = ClientId.random();
    records.put(chloe, BasicRecord.builder("Dr Chloé Martin",
            Registration.parse(Register.GMC, "1234567"))
        .email("chloe.martin@nhs.net").profession(Profession.DOCTOR).careerGrade("CT1")
        .responsibleOfficer(new ResponsibleOfficer("Dr Lena Officer", "HEE London"))
        .trainingStatus(TrainingStatus.POSTGRADUATE_TRAINING)
        .programmeRegion(ProgrammeRegion.LONDON)
        .supervisor(new Supervisor("Dr Sue Pervisor", "sue@nhs.net"))
        .ethnicity("White British").build());
    RecordId chloeSccls = records.put(chloe, CaseworkRecord.builder(Team.SCCLS, "SCCLS-LANG",
            LocalDate.of(2026, 1, 12))
        .adviser("Lee Linguist")
        .summary("Chloe Martin (GMC 1234567) wants to work on consultation pace.")
        .observations("Clear explanations; slow down when giving results.")
        .build());
    records.put(chloe, new TransferConsent(Team.CAREERS, LocalDate.of(2026, 2, 1), null));

    ClientId dev = ClientId.random();
    records.put(dev, BasicRecord.builder("Mr Dev Patel", Registration.parse(Register.GMC, "4567890"))
        .profession(Profession.DOCTOR).careerGrade("Consultant")
        .employer("Northshire Hospitals NHS Trust")
        .trainingStatus(TrainingStatus.NOT_IN_TRAINING).programmeRegion(ProgrammeRegion.OTHER)
        .ethnicity("Asian British").build());
    RecordId devIst = records.put(dev, CaseworkRecord.builder(Team.IST, "IST-RETURN",
            LocalDate.of(2026, 2, 10))
        .adviser("Alex Adviser")
        .summary("Return to practice plan agreed with the GMC.")
        .build());

    out.printf("Sealed 9 records for 4 clients; the store holds only ciphertext.%n");
    out.printf("Found by client: %s holds %d records (metadata only, nothing decrypted).%n%n",
        "client 1", records.records(amira).size());

    ask("Adviser Alex (IST), service delivery (4)", amira, Purpose.SERVICE_DELIVERY,
        new Requester("Alex Adviser", "PSU", "Adviser", "alex@hee.nhs.uk"), "psu-ist",
        EnumSet.of(FieldClass.IDENTITY, FieldClass.SERVICE_USE, FieldClass.CASE_SUMMARY), null, null);
    ask("Regulator (GMC), undertakings require it (2.1)", dev,
        Purpose.REGULATORY_OR_CONTRACTUAL,
        new Requester("Case Examiner", "General Medical Council", "Case Examiner", "ce@gmc.example"),
        "gmc", EnumSet.of(FieldClass.SERVICE_USE), "GMC undertakings, paragraph 4", null);
    ask("Regulator (GMC), no requirement recorded (2.1)", dev, Purpose.REGULATORY_OR_CONTRACTUAL,
        new Requester("Case Examiner", "General Medical Council", "Case Examiner", "ce@gmc.example"),
        "gmc", EnumSet.of(FieldClass.SERVICE_USE), null, null);
    ask("Responsible Officer, awareness (2.2)", amira, Purpose.RESPONSIBLE_OFFICER_AWARENESS,
        new Requester("Dr Rob Officer", "HEE London", "Responsible Officer", "ro@hee.nhs.uk"),
        "ro-office", EnumSet.of(FieldClass.SERVICE_USE), null, null);
    ask("Line manager asks for the case summary (2.2)", amira,
        Purpose.RESPONSIBLE_OFFICER_AWARENESS,
        new Requester("Morgan Manager", "St Elsewhere NHS Trust", "Manager", "m@trust.nhs.uk"),
        "trust", EnumSet.of(FieldClass.CASE_SUMMARY), null, null);
    ask("London trainee's RO asks directly (2.2)", chloe, Purpose.RESPONSIBLE_OFFICER_AWARENESS,
        new Requester("Dr Lena Officer", "HEE London", "Responsible Officer", "lena@hee.nhs.uk"),
        "ro-office", EnumSet.of(FieldClass.SERVICE_USE), null, null);
    ask("Same, via Case Management and Appeals Team (2.2)", chloe,
        Purpose.RESPONSIBLE_OFFICER_AWARENESS,
        new Requester("Dr Lena Officer", "HEE London", "Responsible Officer", "lena@hee.nhs.uk"),
        SecureRecords.CASE_MANAGEMENT_TEAM, EnumSet.of(FieldClass.SERVICE_USE), null, null);
    ask("Court order without senior approval (2.3)", amira, Purpose.LEGAL_OBLIGATION,
        new Requester("Clerk", "County Court", "Clerk", "clerk@court.example"), "court",
        EnumSet.of(FieldClass.IDENTITY), "Order 2026/123", null);
    ask("Court order approved by the Caldicott Guardian (2.3)", amira, Purpose.LEGAL_OBLIGATION,
        new Requester("Clerk", "County Court", "Clerk", "clerk@court.example"), "court",
        EnumSet.of(FieldClass.IDENTITY, FieldClass.SERVICE_USE), "Order 2026/123",
        new Approval("Dr Grace Guardian", SecureRecords.CALDICOTT_GUARDIAN));
    ask("Safety concern, Head of PSU approved (2.4)", dev, Purpose.SAFETY_RISK,
        new Requester("Medical Director", "Northshire Hospitals NHS Trust", "Medical Director",
            "md@northshire.example"), "trust-md",
        EnumSet.of(FieldClass.IDENTITY, FieldClass.CASE_SUMMARY), null,
        new Approval("Dr Helen Head", SecureRecords.HEAD_OF_PSU));
    ask("Ben's coach, service delivery of coaching (4)", ben, Purpose.SERVICE_DELIVERY,
        new Requester("Casey Coach", "PSU", "Coach", "casey@hee.nhs.uk"), "psu-coaching",
        EnumSet.of(FieldClass.CASE_SUMMARY), null, null);
    ask("IST adviser asks for Ben's coaching notes (4)", ben, Purpose.SERVICE_DELIVERY,
        new Requester("Alex Adviser", "PSU", "Adviser", "alex@hee.nhs.uk"), "psu-ist",
        EnumSet.of(FieldClass.CASE_SUMMARY), null, null);
    ask("Careers adviser, transfer Chloe agreed to (3.2)", chloe, Purpose.INTERNAL_TRANSFER,
        new Requester("Cat Careers", "CAREERS", "Adviser", "cat@hee.nhs.uk"), "psu-careers",
        EnumSet.of(FieldClass.IDENTITY, FieldClass.CASE_SUMMARY), null, null);
    ask("Coaching asks for a transfer Chloe never agreed (3.2)", chloe, Purpose.INTERNAL_TRANSFER,
        new Requester("Casey Coach", "COACHING", "Coach", "casey@hee.nhs.uk"), "psu-coaching",
        EnumSet.of(FieldClass.IDENTITY), null, null);
    ask("IST colleague, advice on Chloe's case (3.1)", chloe, Purpose.INTERNAL_ADVICE,
        new Requester("Alex Adviser", "IST", "Adviser", "alex@hee.nhs.uk"), "psu-ist",
        EnumSet.of(FieldClass.CASE_SUMMARY), null, null);
    records.put(chloe, new SharingObjection(chloeSccls, FieldClass.CASE_SUMMARY,
        LocalDate.of(2026, 3, 1), null));
    ask("IST colleague again, after Chloe objected (3.3)", chloe, Purpose.INTERNAL_ADVICE,
        new Requester("Alex Adviser", "IST", "Adviser", "alex@hee.nhs.uk"), "psu-ist",
        EnumSet.of(FieldClass.CASE_SUMMARY), null, null);
    ask("Supervisor, feedback before Chloe saw it (2)", chloe, Purpose.SUPERVISOR_FEEDBACK,
        new Requester("Dr Sue Pervisor", "St Elsewhere", "Supervisor", "sue@nhs.net"),
        "supervisor", EnumSet.of(FieldClass.OBSERVATIONS), null, null);
    String digest = records.acknowledgeFeedback(chloeSccls, LocalDate.of(2026, 3, 1)).digest();
    ackDigest = digest;
    ask("Supervisor, feedback Chloe acknowledged (2)", chloe, Purpose.SUPERVISOR_FEEDBACK,
        new Requester("Dr Sue Pervisor", "St Elsewhere", "Supervisor", "sue@nhs.net"),
        "supervisor", EnumSet.of(FieldClass.OBSERVATIONS), null, null);
    ackDigest = null;
    records.logEnquiry(amira, null,
        new Requester("Morgan Manager", "St Elsewhere NHS Trust", "Manager", "m@trust.nhs.uk"),
        "phoned to ask whether the trainee is being seen");
    rows.add(new String[] {"Manager phones; told nothing (1.3)", "logged", "nothing disclosed"});
    ask("Amira asks for everything held (6)", amira, Purpose.SUBJECT_ACCESS,
        new Requester("Dr Amira Osei", "self", "Client", "amira.osei@nhs.net"), "client",
        EnumSet.allOf(FieldClass.class), null, null);

    Requester chloeSelf = new Requester("Dr Chloé Martin", "self", "Client", "chloe.martin@nhs.net");
    String fix = decide(chloe, Purpose.RECTIFICATION, chloeSelf, "client",
        EnumSet.of(FieldClass.PROFESSIONAL), null, null);
    records.rectify(fix, "client", basicOf(chloe), "careerGrade", "CT2");
    rows.add(new String[] {"Chloe corrects her grade (6)", "amended (6)",
        "careerGrade; old value kept, sealed, in history"});
    ask("Chloe asks for everything held (6)", chloe, Purpose.SUBJECT_ACCESS, chloeSelf, "client",
        EnumSet.allOf(FieldClass.class), null, null);

    printTable();

    Requester analyst = new Requester("Ana Lyst", "HEE", "Equality analyst", "ana@hee.nhs.uk");
    String counts = records.decide(records.newDecision().subject(SecureRecords.ALL_CLIENTS)
        .purpose(Purpose.EQUALITY_MONITORING).audience("equality").requester(analyst)
        .reason("annual equality report").fieldClasses(EnumSet.of(FieldClass.DEMOGRAPHIC))
        .build(), DECIDER);
    out.printf("%nEquality monitoring (4), counts only, small numbers suppressed (*):%n%s",
        records.equalityStatistics(counts, "equality", EqualityReport.GroupBy.TEAM,
            EqualityReport.Demographic.ETHNICITY).toText());

    String token = decide(amira, Purpose.SERVICE_DELIVERY,
        new Requester("Alex Adviser", "PSU", "Adviser", "alex@hee.nhs.uk"), "psu-ist",
        EnumSet.of(FieldClass.IDENTITY), null, null);
    records.release(token, "psu-ist");
    try {
      records.release(token, "psu-ist");
    } catch (RefusedException e) {
      out.printf("%nThe same single-use token presented twice: %s%n", e.getMessage());
    }

    records.erase(ben);
    out.printf("Erased client 2 (crypto-shredding): their key is destroyed.%n");
    LogVerification verification = records.verifyLog(Checkpoint.EMPTY);
    out.printf("Enquiry log: %d entries, %s.%n", verification.entries(),
        verification.intact() ? "verified intact (chain and signatures)" : "NOT intact "
            + verification.problems());
    out.printf("Records %s and %s were sealed field by field; nothing above left the core without"
        + " a token.%n", amiraBasic.value().substring(0, 8), amiraIst.value().substring(0, 8));
    out.printf("(coaching record %s is gone with its client)%n", benCoaching.value().substring(0, 8));
    return verification.intact() & tamper(dev, devIst);
  }

  /**
   * Flips one stored byte of a record's ciphertext and one of a log entry, straight in the
   * database, and shows that opening the record and verifying the log each catch it.
   */
  private boolean tamper(ClientId client, RecordId record) {
    out.printf("%nTampering: one byte of record %s changed in the database...%n",
        record.value().substring(0, 8));
    flipLastByte("sr_record", "sealed_fields", "id", record.value());
    boolean recordCaught;
    try {
      String token = decide(client, Purpose.SUBJECT_ACCESS,
          new Requester("Mr Dev Patel", "self", "Client", "dev@nhs.example"), "client",
          EnumSet.allOf(FieldClass.class), null, null);
      records.release(token, "client");
      recordCaught = false;
      out.printf("  NOT caught: the record opened.%n");
    } catch (TamperedException e) {
      recordCaught = true;
      out.printf("  caught when the record is opened: %s%n", e.getMessage());
    }
    long entry = records.verifyLog(Checkpoint.EMPTY).entries() / 2;
    out.printf("Tampering: one byte of enquiry-log entry #%d changed in the database...%n", entry);
    flipLastByte("sr_log", "sealed", "sequence", entry);
    LogVerification after = records.verifyLog(Checkpoint.EMPTY);
    if (after.intact()) {
      out.printf("  NOT caught: the log still verifies.%n");
    } else {
      out.printf("  caught by log verify: %s%n", after.problems().get(0));
    }
    return recordCaught && !after.intact();
  }

  private void flipLastByte(String table, String column, String key, Object value) {
    try (Connection c = database.getConnection();
        PreparedStatement read = c.prepareStatement(
            "SELECT " + column + " FROM " + table + " WHERE " + key + " = ?")) {
      read.setObject(1, value);
      byte[] bytes;
      try (ResultSet rs = read.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("nothing to tamper with in " + table);
        }
        bytes = rs.getBytes(1);
      }
      bytes[bytes.length - 1] ^= 0x01;
      try (PreparedStatement write = c.prepareStatement(
          "UPDATE " + table + " SET " + column + " = ? WHERE " + key + " = ?")) {
        write.setBytes(1, bytes);
        write.setObject(2, value);
        write.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not tamper with the demo database", e);
    }
  }

  private RecordId basicOf(ClientId client) {
    return records.records(client).stream().filter(m -> m.type().name().equals("psu.basic"))
        .findFirst().orElseThrow().id();
  }

  private String decide(ClientId client, Purpose purpose, Requester requester, String recipient,
      Set<FieldClass> classes, String legalReference, Approval approval) {
    var claims = records.newDecision().subject(client).purpose(purpose).audience(recipient)
        .requester(requester).reason("demo: " + purpose.name().toLowerCase())
        .fieldClasses(classes);
    if (legalReference != null) {
      claims.legalReference(legalReference);
    }
    if (approval != null) {
      claims.approval(approval);
    }
    if (ackDigest != null) {
      claims.ackDigest(ackDigest);
    }
    return records.decide(claims.build(), DECIDER);
  }

  private void ask(String who, ClientId client, Purpose purpose, Requester requester,
      String recipient, Set<FieldClass> classes, String legalReference, Approval approval) {
    try {
      String token = decide(client, purpose, requester, recipient, classes, legalReference, approval);
      Release release = records.release(token, recipient);
      StringBuilder saw = new StringBuilder();
      for (ReleasedRecord r : release.records()) {
        if (saw.length() > 0) {
          saw.append("; ");
        }
        saw.append(r.type().name()).append(" ").append(r.fieldNames());
      }
      if (!release.enquiries().isEmpty()) {
        saw.append("; ").append(release.enquiries().size()).append(" log entries about them");
      }
      rows.add(new String[] {who, "granted (" + purpose.clause() + ")",
          saw.length() == 0 ? "nothing held that the policy allows" : saw.toString()});
    } catch (RefusedException e) {
      rows.add(new String[] {who, "refused (" + e.clause() + ")", e.condition()});
    }
  }

  private void printTable() {
    int[] widths = {10, 8, 10};
    String[] header = {"requester and question", "decision", "what they saw"};
    List<String[]> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (String[] row : all) {
      for (int i = 0; i < 3; i++) {
        widths[i] = Math.min(Math.max(widths[i], row[i].length()), i == 2 ? 90 : 52);
      }
    }
    for (String[] row : all) {
      out.printf("%-" + widths[0] + "s | %-" + widths[1] + "s | %s%n", cut(row[0], widths[0]),
          cut(row[1], widths[1]), cut(row[2], widths[2]));
      if (row == header) {
        out.println("-".repeat(widths[0]) + "-+-" + "-".repeat(widths[1]) + "-+-"
            + "-".repeat(widths[2]));
      }
    }
  }

  private static String cut(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }
}
