package io.securerecords.cli;

import io.securerecords.api.policy.Purpose;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.SecureRecords;
import io.securerecords.crypto.token.Requester;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A subject access request (notice 6, GDPR Art. 15): decides a {@code SUBJECT_ACCESS} token for
 * the client and releases everything held, with the log entries about them, as JSON or text.
 */
@Command(name = "sar", mixinStandardHelpOptions = true,
    description = "Answer a subject access request: everything held about the client and every"
        + " enquiry about them, as text or JSON (--json or --format json), to stdout or --out.")
final class SarCommand extends Base {
  @Option(names = "--client", required = true, paramLabel = "CLIENT_ID")
  String client;

  @Option(names = "--requester", required = true, paramLabel = "NAME",
      description = "The client's name, as they asked.")
  String name;

  @Option(names = "--contact", required = true, description = "Where the answer goes.")
  String contact;

  @Option(names = "--decided-by", required = true, paramLabel = "NAME")
  String decidedBy;

  @Option(names = "--format", defaultValue = "text", description = "text or json.")
  String format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the export to this file.")
  Path file;

  @Override
  int run() throws Exception {
    if (!format.equals("text") && !format.equals("json")) {
      throw new UsageException("--format is text or json");
    }
    try (Workspace ws = open()) {
      SecureRecords sr = ws.records();
      ClientId id = client(client);
      Requester self = new Requester(name, "self", "Client", contact);
      String token = sr.decide(sr.newDecision().subject(id).purpose(Purpose.SUBJECT_ACCESS)
          .audience("client").requester(self).reason("subject access request")
          .fieldClasses(EnumSet.allOf(FieldClass.class)).build(),
          new Requester(decidedBy, "PSU", "PSU duty manager", "psu"));
      Release release = sr.release(token, "client");
      String export = json() || format.equals("json") ? release.toJson() + "\n" : release.toText();
      if (file != null) {
        Path target = root().environment.resolve(file);
        Files.writeString(target, export, StandardCharsets.UTF_8);
        err().println("Subject access export written to " + target + " ("
            + release.records().size() + " records, " + release.enquiries().size()
            + " enquiries). It holds personal data: send it only to the client.");
      } else {
        out().print(export);
      }
      return PsuRecords.OK;
    }
  }
}
