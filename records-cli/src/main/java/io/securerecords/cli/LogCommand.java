package io.securerecords.cli;

import io.securerecords.api.store.LogEntry;
import io.securerecords.crypto.log.Checkpoint;
import io.securerecords.crypto.log.LogVerification;
import io.securerecords.crypto.log.SealedEnquiry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The enquiry log (notice 1.3): its clear, signed headers, and its verification. */
@Command(name = "log", mixinStandardHelpOptions = true,
    description = "The enquiry log.", subcommands = {LogCommand.Show.class, LogCommand.Verify.class})
final class LogCommand extends Base {
  @Override
  int run() {
    spec.commandLine().usage(out());
    return PsuRecords.BAD_INPUT;
  }

  /** {@code log show}: the clear part of each entry; who and why stay sealed. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "List entries: position, time, purpose, clause, decision. The client and the"
          + " details stay sealed (the client sees them in `sar`).")
  static final class Show extends Base {
    @Option(names = "--from", defaultValue = "0", description = "First position (default 0).")
    long from;

    @Option(names = "--limit", defaultValue = "100")
    int limit;

    @Override
    int run() {
      try (Workspace ws = open()) {
        List<LogEntry> entries = ws.store().log(from, limit);
        List<List<String>> rows = new ArrayList<>();
        var list = JSON.createArrayNode();
        for (LogEntry e : entries) {
          String time;
          String purpose;
          String clause;
          String decision;
          try {
            SealedEnquiry s = SealedEnquiry.parse(e.sequence(), e.sealed());
            time = s.time().toString();
            purpose = s.purpose() == null ? "-" : s.purpose().name();
            clause = s.purpose() == null ? "-" : s.purpose().clause();
            decision = s.decision().name();
          } catch (RuntimeException unreadable) {
            time = "?";
            purpose = "?";
            clause = "?";
            decision = "UNREADABLE (run log verify)";
          }
          rows.add(List.of("#" + e.sequence(), time, clause, purpose, decision));
          var item = list.addObject();
          item.put("sequence", e.sequence());
          item.put("time", time);
          item.put("purpose", purpose);
          item.put("clause", clause);
          item.put("decision", decision);
        }
        if (json()) {
          printJson(list);
        } else {
          printTable(List.of("entry", "time", "clause", "purpose", "decision"), rows);
          out().println(entries.size() + " of " + ws.store().logSize() + " entries shown");
        }
        return PsuRecords.OK;
      }
    }
  }

  /** {@code log verify}: chain and signatures, optionally against a saved checkpoint. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Verify every entry is in place, unaltered, chained and signed (exit 1 if"
          + " not). With --checkpoint, also detect truncation or rewritten history before it.")
  static final class Verify extends Base {
    @Option(names = "--checkpoint", paramLabel = "FILE",
        description = "A checkpoint saved by an earlier --save-checkpoint.")
    Path checkpoint;

    @Option(names = "--save-checkpoint", paramLabel = "FILE",
        description = "Save the checkpoint of this verification, if intact.")
    Path save;

    @Override
    int run() throws Exception {
      Checkpoint anchor = checkpoint == null ? Checkpoint.EMPTY
          : readCheckpoint(root().environment.resolve(checkpoint));
      try (Workspace ws = open()) {
        LogVerification v = ws.records().verifyLog(anchor);
        if (v.intact() && save != null) {
          Files.writeString(root().environment.resolve(save), v.head().size() + " "
              + HexFormat.of().formatHex(v.head().head()) + "\n", StandardCharsets.UTF_8);
        }
        if (json()) {
          var o = object();
          o.put("intact", v.intact());
          o.put("entries", v.entries());
          o.put("head", HexFormat.of().formatHex(v.head().head()));
          var problems = o.putArray("problems");
          v.problems().forEach(problems::add);
          printJson(o);
        } else if (v.intact()) {
          out().println("Enquiry log verified intact: " + v.entries()
              + " entries, chain and signatures.");
        } else {
          out().println("Enquiry log NOT intact (" + v.entries() + " entries checked):");
          v.problems().forEach(p -> out().println("  " + p));
        }
        return v.intact() ? PsuRecords.OK : PsuRecords.REFUSED;
      }
    }

    static Checkpoint readCheckpoint(Path file) {
      try {
        String[] parts = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
        return new Checkpoint(Long.parseLong(parts[0]), HexFormat.of().parseHex(parts[1]));
      } catch (java.io.IOException | RuntimeException e) {
        throw new UsageException("--checkpoint: not a readable checkpoint file", e);
      }
    }
  }
}
