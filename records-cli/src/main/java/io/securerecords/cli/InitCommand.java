package io.securerecords.cli;

import picocli.CommandLine.Command;

/** Creates the store (tables or index) and its keys, or checks an existing one opens. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Create the store and its keys (or check an existing store opens with this KEK).")
final class InitCommand extends Base {
  @Override
  int run() {
    try (Workspace ws = open()) {
      boolean production = ws.kek().forProduction();
      if (json()) {
        var o = object();
        o.put("store", ws.storeDescription());
        o.put("kek", ws.kek().description());
        o.put("forProduction", production);
        o.put("logEntries", ws.store().logSize());
        printJson(o);
      } else {
        out().println("Store: " + ws.storeDescription());
        out().println("Key-encryption key: " + ws.kek().description());
        out().println("Ready: " + ws.store().logSize() + " enquiry-log entries."
            + (production ? "" : " Not for production (development key)."));
      }
      return PsuRecords.OK;
    }
  }
}
