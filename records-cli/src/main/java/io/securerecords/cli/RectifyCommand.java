package io.securerecords.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.securerecords.api.record.RecordId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Amends one field on the client's request (notice 6), with a {@code RECTIFICATION} token. */
@Command(name = "rectify", mixinStandardHelpOptions = true,
    description = "Amend one field of one record on the client's request (notice 6), presenting a"
        + " RECTIFICATION token; the old value is kept, sealed, in the record's history.")
final class RectifyCommand extends Base {
  @Option(names = "--token", required = true)
  String token;

  @Option(names = "--recipient", required = true)
  String recipient;

  @Option(names = "--record", required = true, paramLabel = "RECORD_ID")
  String record;

  @Option(names = "--field", required = true, description = "The field name, e.g. careerGrade.")
  String field;

  @Option(names = "--value", required = true,
      description = "The new value: JSON (e.g. '[\"IST\"]', '{\"name\":...}') or plain text.")
  String value;

  @Override
  int run() {
    Object parsed;
    try {
      parsed = JSON.readTree(value);
      if (parsed instanceof com.fasterxml.jackson.databind.node.TextNode text) {
        parsed = text.asText();
      }
    } catch (JsonProcessingException notJson) {
      parsed = value;
    }
    try (Workspace ws = open()) {
      long version = ws.records().rectify(token, recipient, RecordId.of(record), field, parsed);
      if (json()) {
        var o = object();
        o.put("record", record);
        o.put("field", field);
        o.put("version", version);
        printJson(o);
      } else {
        out().println("Amended " + field + " of record " + record + " (now version " + version
            + "); the old value is kept, sealed, in its history.");
      }
      return PsuRecords.OK;
    }
  }
}
