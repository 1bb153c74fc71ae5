package io.securerecords.cli;

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
import io.securerecords.api.psu.Team;
import io.securerecords.api.psu.TrainingStatus;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.ReleasedRecord;
import io.securerecords.crypto.SecureRecords;
import io.securerecords.crypto.log.Checkpoint;
import io.securerecords.crypto.log.LogVerification;
import io.securerecords.crypto.token.Approval;
import io.securerecords.crypto.token.Requester;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The project's main job: a walkthrough of the PSU notice in memory. It seals two clients'
 * records, finds them, and answers one requester per situation with a decision, a token and a
 * release (or a logged refusal), printing what each requester saw; it ends by erasing a client
 * and verifying the enquiry log.
 */
public final class Demo {
  private static final Requester DECIDER =
      new Requester("Dana Duty", "PSU", "Duty Manager", "psu.lase@hee.nhs.uk");

  private final SecureRecords records = SecureRecords.inMemory();
  private final PrintStream out;
  private final List<String[]> rows = new ArrayList<>();

  Demo(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    new Demo(System.out).run();
  }

  void run() {
    out.println("secure-records demo: the PSU confidentiality notice, in memory");
    out.println();
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

    out.printf("Sealed 4 records for 2 clients; the store holds only ciphertext.%n");
    out.printf("Found by client: %s holds %d records (metadata only, nothing decrypted).%n%n",
        "client 1", records.records(amira).size());

    ask("Adviser Alex (IST), service delivery (4)", amira, Purpose.SERVICE_DELIVERY,
        new Requester("Alex Adviser", "PSU", "Adviser", "alex@hee.nhs.uk"), "psu-ist",
        EnumSet.of(FieldClass.IDENTITY, FieldClass.SERVICE_USE, FieldClass.CASE_SUMMARY), null, null);
    ask("Responsible Officer, awareness (2.2)", amira, Purpose.RESPONSIBLE_OFFICER_AWARENESS,
        new Requester("Dr Rob Officer", "HEE London", "Responsible Officer", "ro@hee.nhs.uk"),
        "ro-office", EnumSet.of(FieldClass.SERVICE_USE), null, null);
    ask("Line manager asks for the case summary (2.2)", amira,
        Purpose.RESPONSIBLE_OFFICER_AWARENESS,
        new Requester("Morgan Manager", "St Elsewhere NHS Trust", "Manager", "m@trust.nhs.uk"),
        "trust", EnumSet.of(FieldClass.CASE_SUMMARY), null, null);
    ask("Court order without senior approval (2.3)", amira, Purpose.LEGAL_OBLIGATION,
        new Requester("Clerk", "County Court", "Clerk", "clerk@court.example"), "court",
        EnumSet.of(FieldClass.IDENTITY), "Order 2026/123", null);
    ask("Court order approved by the Caldicott Guardian (2.3)", amira, Purpose.LEGAL_OBLIGATION,
        new Requester("Clerk", "County Court", "Clerk", "clerk@court.example"), "court",
        EnumSet.of(FieldClass.IDENTITY, FieldClass.SERVICE_USE), "Order 2026/123",
        new Approval("Dr Grace Guardian", SecureRecords.CALDICOTT_GUARDIAN));
    ask("Ben's coach, service delivery of coaching (4)", ben, Purpose.SERVICE_DELIVERY,
        new Requester("Casey Coach", "PSU", "Coach", "casey@hee.nhs.uk"), "psu-coaching",
        EnumSet.of(FieldClass.CASE_SUMMARY), null, null);
    ask("IST adviser asks for Ben's coaching notes (4)", ben, Purpose.SERVICE_DELIVERY,
        new Requester("Alex Adviser", "PSU", "Adviser", "alex@hee.nhs.uk"), "psu-ist",
        EnumSet.of(FieldClass.CASE_SUMMARY), null, null);
    records.logEnquiry(amira, null,
        new Requester("Morgan Manager", "St Elsewhere NHS Trust", "Manager", "m@trust.nhs.uk"),
        "phoned to ask whether the trainee is being seen");
    rows.add(new String[] {"Manager phones; told nothing (1.3)", "logged", "nothing disclosed"});
    ask("Amira asks for everything held (6)", amira, Purpose.SUBJECT_ACCESS,
        new Requester("Dr Amira Osei", "self", "Client", "amira.osei@nhs.net"), "client",
        EnumSet.allOf(FieldClass.class), null, null);

    printTable();

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
    if (!verification.intact()) {
      throw new IllegalStateException("the enquiry log did not verify");
    }
    out.printf("Records %s and %s were sealed field by field; nothing above left the core without"
        + " a token.%n", amiraBasic.value().substring(0, 8), amiraIst.value().substring(0, 8));
    out.printf("(coaching record %s is gone with its client)%n", benCoaching.value().substring(0, 8));
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
