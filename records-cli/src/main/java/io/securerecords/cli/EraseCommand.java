package io.securerecords.cli;

import io.securerecords.crypto.ErasureReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Erases a client by crypto-shredding (GDPR Art. 17). */
@Command(name = "erase", mixinStandardHelpOptions = true,
    description = "Erase a client (crypto-shredding): their data key is destroyed and their"
        + " records deleted, in one atomic write. Irreversible: needs --yes.")
final class EraseCommand extends Base {
  @Option(names = "--client", required = true, paramLabel = "CLIENT_ID")
  String client;

  @Option(names = "--yes", description = "Confirm: this cannot be undone.")
  boolean yes;

  @Override
  int run() {
    if (!yes) {
      throw new UsageException("erasure cannot be undone: add --yes to confirm");
    }
    try (Workspace ws = open()) {
      ErasureReceipt receipt = ws.records().erase(client(client));
      if (json()) {
        var o = object();
        o.put("client", receipt.client().value());
        o.put("recordsDeleted", receipt.recordsDeleted());
        o.put("erasedAt", receipt.erasedAt().toString());
        printJson(o);
      } else {
        out().println("Erased client " + receipt.client().value() + ": " + receipt.recordsDeleted()
            + " records deleted and their key destroyed at " + receipt.erasedAt()
            + ". Copies anywhere else can no longer be opened.");
      }
      return PsuRecords.OK;
    }
  }
}
