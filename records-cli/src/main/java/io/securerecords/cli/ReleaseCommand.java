package io.securerecords.cli;

import io.securerecords.crypto.Release;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Presents a token and prints exactly what it discloses. */
@Command(name = "release", mixinStandardHelpOptions = true,
    description = "Present an access token as its recipient and print exactly what it discloses"
        + " (logged atomically with the token's use). Refusals are logged and exit 1.")
final class ReleaseCommand extends Base {
  @Option(names = "--token", required = true, description = "The token printed by `decide`.")
  String token;

  @Option(names = "--recipient", required = true, description = "Who presents it (its audience).")
  String recipient;

  @Override
  int run() throws Exception {
    try (Workspace ws = open()) {
      Release release = ws.records().release(token, recipient);
      if (json()) {
        out().println(release.toJson());
      } else {
        out().print(release.toText());
      }
      return PsuRecords.OK;
    }
  }
}
