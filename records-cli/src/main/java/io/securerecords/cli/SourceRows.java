package io.securerecords.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of an export, as JSON objects keyed by the source's column names: JSON Lines (one
 * object per line) or CSV (RFC 4180, a header row, quoted fields may span lines). A row that
 * cannot be read carries a reason instead of its columns; no reason quotes the content.
 */
final class SourceRows {
  /** One row: the line it starts on, and its columns or why it could not be read. */
  record Row(int line, ObjectNode columns, String problem) {}

  private SourceRows() {}

  static List<Row> jsonLines(BufferedReader in) throws IOException {
    List<Row> rows = new ArrayList<>();
    int line = 0;
    for (String text = in.readLine(); text != null; text = in.readLine()) {
      line++;
      if (text.isBlank()) {
        continue;
      }
      try {
        JsonNode node = Base.JSON.readTree(text);
        rows.add(node instanceof ObjectNode o ? new Row(line, o, null)
            : new Row(line, null, "not a JSON object"));
      } catch (IOException e) {
        rows.add(new Row(line, null, "not valid JSON"));
      }
    }
    return rows;
  }

  static List<Row> csv(BufferedReader in) throws IOException {
    List<Row> rows = new ArrayList<>();
    List<String> header = null;
    int[] line = {1};
    while (true) {
      int start = line[0];
      List<String> fields = new ArrayList<>();
      String problem = readRecord(in, fields, line);
      if (problem == null && fields.isEmpty()) {
        break;
      }
      if (fields.size() == 1 && fields.get(0).isEmpty() && problem == null) {
        continue;
      }
      if (header == null) {
        if (problem != null) {
          throw new UsageException("the CSV header row cannot be read: " + problem);
        }
        header = fields;
        continue;
      }
      if (problem != null) {
        rows.add(new Row(start, null, problem));
      } else if (fields.size() != header.size()) {
        rows.add(new Row(start, null, "has " + fields.size() + " columns, the header has "
            + header.size()));
      } else {
        ObjectNode o = Base.JSON.createObjectNode();
        for (int i = 0; i < header.size(); i++) {
          if (!fields.get(i).isEmpty()) {
            o.set(header.get(i), TextNode.valueOf(fields.get(i)));
          }
        }
        rows.add(new Row(start, o, null));
      }
    }
    return rows;
  }

  /** Reads one CSV record; returns a problem, or null. Empty fields list at end of input. */
  private static String readRecord(BufferedReader in, List<String> fields, int[] line)
      throws IOException {
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    while (true) {
      int c = in.read();
      if (c == -1) {
        if (quoted) {
          fields.add(field.toString());
          return "a quoted field is not closed";
        }
        if (any) {
          fields.add(field.toString());
        }
        return null;
      }
      any = true;
      if (quoted) {
        if (c == '"') {
          in.mark(1);
          int next = in.read();
          if (next == '"') {
            field.append('"');
          } else {
            quoted = false;
            if (next != -1) {
              in.reset();
            }
          }
        } else {
          if (c == '\n') {
            line[0]++;
          }
          field.append((char) c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\r') {
        continue;
      } else if (c == '\n') {
        line[0]++;
        fields.add(field.toString());
        return null;
      } else {
        field.append((char) c);
      }
    }
  }
}
