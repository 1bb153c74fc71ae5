package io.securerecords.cli;

import io.securerecords.api.policy.Purpose;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Logs an enquiry where nothing was disclosed (notice 1.3). */
@Command(name = "enquiry", mixinStandardHelpOptions = true,
    description = "Log an enquiry about a client where nothing was disclosed (notice 1.3: a"
        + " manager who phones is logged even if told nothing).")
final class EnquiryCommand extends Base {
  @Option(names = "--client", required = true, paramLabel = "CLIENT_ID")
  String client;

  @Option(names = "--purpose", paramLabel = "PURPOSE",
      description = "The purpose the requester claimed, if any.")
  Purpose purpose;

  @Mixin
  RequesterOptions requester;

  @Option(names = "--reason", required = true, description = "What they asked.")
  String reason;

  @Override
  int run() {
    try (Workspace ws = open()) {
      long sequence = ws.records().logEnquiry(client(client), purpose, requester(requester), reason);
      if (json()) {
        var o = object();
        o.put("logSequence", sequence);
        o.put("decision", "NOTHING_DISCLOSED");
        printJson(o);
      } else {
        out().println("Logged as enquiry-log entry #" + sequence + ": nothing disclosed.");
      }
      return PsuRecords.OK;
    }
  }
}
