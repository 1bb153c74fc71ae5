package io.securerecords.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securerecords.api.error.ConflictException;
import io.securerecords.api.error.ErasedException;
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.CaseworkRecord;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.record.ClientId;
import io.securerecords.crypto.SecureRecords;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Loads an export of an existing system (JSON Lines or CSV) through a mapping file. Every good
 * row becomes a sealed record; every bad row is reported by line number and reason, never its
 * value. Each row's import mark (its blinded source id) is written atomically with its record, so
 * the file can be run again, after a crash or with fixed lines added, without duplicates.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Load an export (JSON Lines, or CSV with a header row) through a mapping file"
        + " (see the records-cli README). Bad lines are reported by number and reason, never"
        + " their content; good lines go in. Re-run it freely: rows already imported (by their"
        + " source id) are skipped.",
        "Exit 0 when every line is in, 2 when some lines were rejected (the others are in)."})
final class ImportCommand extends Base {
  @Parameters(index = "0", paramLabel = "FILE", description = "The export: *.jsonl or *.csv.")
  Path file;

  @Option(names = "--mapping", required = true, paramLabel = "FILE")
  Path mappingFile;

  @Option(names = "--format", description = "jsonl or csv (default: from the file name).")
  String format;

  @Override
  int run() throws IOException {
    Path source = root().environment.resolve(file);
    ImportMapping mapping = ImportMapping.read(root().environment.resolve(mappingFile));
    String kind = format != null ? format
        : source.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
            ? "csv" : "jsonl";
    List<SourceRows.Row> rows;
    try (BufferedReader in = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
      rows = switch (kind) {
        case "csv" -> SourceRows.csv(in);
        case "jsonl", "json" -> SourceRows.jsonLines(in);
        default -> throw new UsageException("--format is jsonl or csv");
      };
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UsageException("cannot read " + source);
    }
    MarkingStore[] marking = new MarkingStore[1];
    try (Workspace ws = Workspace.open(root(), err(), store -> marking[0] = new MarkingStore(store))) {
      SecureRecords sr = ws.records();
      SourceIds ids = SourceIds.load(ws.store(), ws.kek());
      int imported = 0;
      int skipped = 0;
      List<String[]> rejected = new ArrayList<>();
      int done = 0;
      try (Progress progress = new Progress("import", rows.size(), err(),
          root().environment.terminal(), "Run the same import again to resume; rows already in"
              + " are skipped.")) {
        for (SourceRows.Row row : rows) {
          String problem = row.problem();
          if (problem == null) {
            try {
              problem = importRow(sr, ws, marking[0], ids, mapping, row.columns());
              if (problem == null) {
                imported++;
              } else if (problem.isEmpty()) {
                skipped++;
                problem = null;
              }
            } finally {
              marking[0].mark(null);
            }
          }
          if (problem != null) {
            rejected.add(new String[] {String.valueOf(row.line()), problem});
          }
          done++;
          progress.step(done);
          root().environment.unitDone(done);
        }
      }
      if (json()) {
        var o = object();
        o.put("rows", rows.size());
        o.put("imported", imported);
        o.put("alreadyImported", skipped);
        var list = o.putArray("rejected");
        for (String[] r : rejected) {
          list.addObject().put("line", Integer.parseInt(r[0])).put("reason", r[1]);
        }
        printJson(o);
      } else {
        for (String[] r : rejected) {
          out().println("line " + r[0] + ": " + r[1]);
        }
        out().println("Imported " + imported + " records; " + skipped + " already imported;"
            + " " + rejected.size() + " lines rejected (of " + rows.size() + " rows).");
      }
      return rejected.isEmpty() ? PsuRecords.OK : PsuRecords.BAD_INPUT;
    }
  }

  /** Imports one row: null when it went in, "" when it was already in, else why not. */
  private static String importRow(SecureRecords sr, Workspace ws, MarkingStore marking,
      SourceIds ids, ImportMapping mapping, ObjectNode columns) {
    String rowId = scalar(columns, mapping.sourceId());
    if (rowId == null) {
      return "the source id column (" + mapping.sourceId() + ") is empty";
    }
    String clientId = scalar(columns, mapping.client());
    if (clientId == null) {
      return "the client column (" + mapping.client() + ") is empty";
    }
    String type = mapping.type();
    if (type == null) {
      String value = scalar(columns, mapping.typeColumn());
      type = value == null ? null : mapping.types().get(value);
      if (type == null) {
        return "the type column (" + mapping.typeColumn() + ") names no mapped record type";
      }
    }
    Map<String, String> fieldColumns = mapping.fields().get(type);
    if (fieldColumns == null) {
      return "the mapping has no fields for " + type;
    }
    String mark = ids.mark(mapping.sourceSystem(), rowId);
    if (ws.store().tokenUses(mark) > 0) {
      return "";
    }
    Object value;
    try {
      value = record(type, fieldColumns, columns, mapping);
    } catch (InvalidInputException e) {
      return e.getMessage();
    }
    ClientId client = ids.client(mapping.sourceSystem(), clientId);
    marking.mark(mark);
    try {
      sr.put(client, value);
      return null;
    } catch (ConflictException e) {
      return ws.store().tokenUses(mark) > 0 ? "" : "conflict while writing: " + e.getMessage();
    } catch (ErasedException e) {
      return "the client was erased: nothing is imported for them again";
    } catch (InvalidInputException e) {
      return e.getMessage();
    }
  }

  private static Object record(String type, Map<String, String> fieldColumns, ObjectNode columns,
      ImportMapping mapping) {
    ObjectNode node = JSON.createObjectNode();
    for (Map.Entry<String, String> e : fieldColumns.entrySet()) {
      JsonNode v = columns.get(e.getValue());
      if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
        continue;
      }
      String field = e.getKey();
      if (field.equals("registration") && v.isTextual()) {
        node.set(field, JSON.valueToTree(Registration.parse(mapping.defaultRegister(), v.asText())));
      } else if (v.isTextual() && (v.asText().startsWith("[") || v.asText().startsWith("{"))) {
        try {
          node.set(field, JSON.readTree(v.asText()));
        } catch (IOException notJson) {
          throw new InvalidInputException(field, "looks like JSON but is not valid JSON");
        }
      } else {
        node.set(field, v);
      }
    }
    Class<?> target = type.equals(ImportMapping.BASIC) ? BasicRecord.class : CaseworkRecord.class;
    try {
      return JSON.treeToValue(node, target);
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof InvalidInputException invalid) {
        throw invalid;
      }
      throw new InvalidInputException(type, "the row does not make a valid record");
    } catch (MismatchedInputException e) {
      String path = e.getPath().isEmpty() ? type
          : e.getPath().get(0).getFieldName() == null ? type : e.getPath().get(0).getFieldName();
      throw new InvalidInputException(path, "is not a valid value for this field");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInputException(type, "the row does not make a valid record");
    }
  }

  private static String scalar(ObjectNode columns, String name) {
    JsonNode v = columns.get(name);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
      return null;
    }
    return v.asText().strip();
  }
}
