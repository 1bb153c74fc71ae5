package io.securerecords.cli;

import io.securerecords.crypto.EqualityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Statistics that the notice allows: equality monitoring, counts only (notice 4). */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Anonymous statistics.", subcommands = StatsCommand.Equality.class)
final class StatsCommand extends Base {
  @Override
  int run() {
    spec.commandLine().usage(out());
    return PsuRecords.BAD_INPUT;
  }

  /** {@code stats equality}. */
  @Command(name = "equality", mixinStandardHelpOptions = true,
      description = "Equality monitoring (notice 4): counts per group, 1 to 7 suppressed (*),"
          + " others rounded to 5. Needs an EQUALITY_MONITORING token about `all` covering"
          + " DEMOGRAPHIC.")
  static final class Equality extends Base {
    @Option(names = "--token", required = true)
    String token;

    @Option(names = "--recipient", required = true)
    String recipient;

    @Option(names = "--group-by", defaultValue = "TEAM",
        description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    EqualityReport.GroupBy groupBy;

    @Option(names = "--demographic", defaultValue = "ETHNICITY",
        description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    EqualityReport.Demographic demographic;

    @Override
    int run() {
      try (Workspace ws = open()) {
        EqualityReport report =
            ws.records().equalityStatistics(token, recipient, groupBy, demographic);
        if (json()) {
          printJson(JSON.valueToTree(report));
        } else {
          out().print(report.toText());
        }
        return PsuRecords.OK;
      }
    }
  }
}
