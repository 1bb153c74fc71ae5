package io.securerecords.cli;

import io.securerecords.api.psu.FeedbackAcknowledgement;
import io.securerecords.api.psu.SharingObjection;
import io.securerecords.api.psu.Team;
import io.securerecords.api.psu.TransferConsent;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.SecureRecords;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The client's choices, as sealed records of the client: agreement to an internal transfer
 * (3.2), objection to internal sharing (3.3) and acknowledgement of feedback (notice 2), each
 * with its withdrawal. A withdrawal updates the record with a withdrawn date; since nothing is
 * decrypted without a token, it is given the record's original content again.
 */
final class ChoiceCommands {
  private ChoiceCommands() {}

  static void printRecorded(Base command, String what, RecordId id, long version, String extra) {
    if (command.json()) {
      var o = command.object();
      o.put("record", id.value());
      o.put("version", version);
      if (extra != null) {
        o.put("digest", extra);
      }
      command.printJson(o);
    } else {
      command.out().println(what + ": record " + id.value() + " (version " + version + ")"
          + (extra == null ? "" : "\nDigest for the supervisor-feedback decision: " + extra));
    }
  }

  /**
   * A withdrawal: the choice's record updated with its original content and a withdrawn date.
   * Each kind names the content it needs and what it reports.
   */
  abstract static class Withdrawal extends Base {
    @Option(names = "--record", required = true, paramLabel = "RECORD_ID")
    String record;

    @Option(names = "--given", required = true, paramLabel = "DATE")
    LocalDate given;

    @Option(names = "--on", paramLabel = "DATE", description = "Default: today.")
    LocalDate on;

    /** The record's content, withdrawn on {@code withdrawnOn}. */
    abstract Object withdrawn(LocalDate withdrawnOn);

    /** What the command reports, e.g. "Objection withdrawn". */
    abstract String what();

    @Override
    int run() {
      try (Workspace ws = open()) {
        RecordId id = record("--record", record);
        SecureRecords sr = ws.records();
        long version = sr.update(id, withdrawn(on != null ? on : LocalDate.now()),
            sr.metadata(id).version());
        printRecorded(this, what(), id, version, null);
        return PsuRecords.OK;
      }
    }
  }

  /** {@code consent}: the client agrees to a transfer to a named team (3.2). */
  @Command(name = "consent", mixinStandardHelpOptions = true,
      description = "Record the client's agreement to an internal transfer to a team (3.2).",
      subcommands = Consent.Withdraw.class)
  static final class Consent extends Base {
    @Option(names = "--client", paramLabel = "CLIENT_ID")
    String client;

    @Option(names = "--team", paramLabel = "TEAM", description = "${COMPLETION-CANDIDATES}")
    Team team;

    @Option(names = "--given", paramLabel = "DATE", description = "Default: today.")
    LocalDate given;

    @Override
    int run() {
      if (team == null) {
        throw new UsageException("--team is required");
      }
      try (Workspace ws = open()) {
        RecordId id = ws.records().put(client(client),
            new TransferConsent(team, given != null ? given : LocalDate.now(), null));
        printRecorded(this, "Agreement to transfer recorded", id, 1, null);
        return PsuRecords.OK;
      }
    }

    /** {@code consent withdraw}. */
    @Command(name = "withdraw", mixinStandardHelpOptions = true,
        description = "Withdraw an agreement: give its record, team and date given.")
    static final class Withdraw extends Withdrawal {
      @Option(names = "--team", required = true)
      Team team;

      @Override
      Object withdrawn(LocalDate withdrawnOn) {
        return new TransferConsent(team, given, withdrawnOn);
      }

      @Override
      String what() {
        return "Agreement withdrawn";
      }
    }
  }

  /** {@code object}: the client objects to internal sharing of an aspect (3.3). */
  @Command(name = "object", mixinStandardHelpOptions = true,
      description = "Record the client's objection to internal sharing (3.3) of a casework record,"
          + " a class, or both.",
      subcommands = Objection.Withdraw.class)
  static final class Objection extends Base {
    @Option(names = "--client", paramLabel = "CLIENT_ID")
    String client;

    @Option(names = "--casework", paramLabel = "RECORD_ID",
        description = "The casework record (default: all their casework).")
    String casework;

    @Option(names = "--class", paramLabel = "CLASS", description = "The class (default: all).")
    FieldClass fieldClass;

    @Option(names = "--given", paramLabel = "DATE", description = "Default: today.")
    LocalDate given;

    @Override
    int run() {
      try (Workspace ws = open()) {
        RecordId id = ws.records().put(client(client), new SharingObjection(
            casework == null ? null : RecordId.of(casework), fieldClass,
            given != null ? given : LocalDate.now(), null));
        printRecorded(this, "Objection recorded", id, 1, null);
        return PsuRecords.OK;
      }
    }

    /** {@code object withdraw}. */
    @Command(name = "withdraw", mixinStandardHelpOptions = true,
        description = "Withdraw an objection: give its record and its original content.")
    static final class Withdraw extends Withdrawal {
      @Option(names = "--casework", paramLabel = "RECORD_ID")
      String casework;

      @Option(names = "--class", paramLabel = "CLASS")
      FieldClass fieldClass;

      @Override
      Object withdrawn(LocalDate withdrawnOn) {
        return new SharingObjection(casework == null ? null : RecordId.of(casework),
            fieldClass, given, withdrawnOn);
      }

      @Override
      String what() {
        return "Objection withdrawn";
      }
    }
  }

  /** {@code acknowledge}: the client has seen the feedback in a casework record (notice 2). */
  @Command(name = "acknowledge", mixinStandardHelpOptions = true,
      description = "Record the client's acknowledgement of the feedback (observations) of a"
          + " casework record as it stands now; prints the digest a supervisor-feedback decision"
          + " needs (--ack-digest).",
      subcommands = Acknowledge.Withdraw.class)
  static final class Acknowledge extends Base {
    @Option(names = "--casework", paramLabel = "RECORD_ID")
    String casework;

    @Option(names = "--given", paramLabel = "DATE", description = "Default: today.")
    LocalDate given;

    @Override
    int run() {
      try (Workspace ws = open()) {
        SecureRecords sr = ws.records();
        RecordId caseworkId = record("--casework", casework);
        FeedbackAcknowledgement ack =
            sr.acknowledgeFeedback(caseworkId, given != null ? given : LocalDate.now());
        RecordId id = sr.records(sr.metadata(caseworkId).client()).stream()
            .filter(m -> m.type().name().equals("psu.acknowledgement"))
            .max(java.util.Comparator.comparing(m -> m.created()))
            .orElseThrow().id();
        printRecorded(this, "Acknowledgement recorded", id, 1, ack.digest());
        return PsuRecords.OK;
      }
    }

    /** {@code acknowledge withdraw}. */
    @Command(name = "withdraw", mixinStandardHelpOptions = true,
        description = "Withdraw an acknowledgement: give its record, casework, digest and date.")
    static final class Withdraw extends Withdrawal {
      @Option(names = "--casework", required = true, paramLabel = "RECORD_ID")
      String casework;

      @Option(names = "--digest", required = true)
      String digest;

      @Override
      Object withdrawn(LocalDate withdrawnOn) {
        return new FeedbackAcknowledgement(RecordId.of(casework), digest, given,
            withdrawnOn);
      }

      @Override
      String what() {
        return "Acknowledgement withdrawn";
      }
    }
  }
}
