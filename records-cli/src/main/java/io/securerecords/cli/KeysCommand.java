package io.securerecords.cli;

import picocli.CommandLine.Command;

/** Key material that others need: the public JWK set that verifies access tokens. */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Public keys for other systems.",
    subcommands = KeysCommand.Jwks.class)
final class KeysCommand extends Base {
  @Override
  int run() {
    spec.commandLine().usage(out());
    return PsuRecords.BAD_INPUT;
  }

  /** Prints the public JWK set (no secret in it). */
  @Command(name = "jwks", mixinStandardHelpOptions = true,
      description = "Print the public JWK set that verifies this store's access tokens (publish it"
          + " again after `rotate token-keys`).")
  static final class Jwks extends Base {
    @Override
    int run() throws Exception {
      try (Workspace ws = open()) {
        String jwks = ws.records().publicJwkSet();
        out().println(JSON.writeValueAsString(JSON.readTree(jwks)));
        return PsuRecords.OK;
      }
    }
  }
}
