package io.securerecords.api.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.securerecords.api.schema.FieldClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the "Who may see what" table out of Markdown: the policy document's, or what {@link
 * PolicyTable#toMarkdown()} renders. Deliberately independent of the production types apart from
 * the column names, so a test that compares the two compares text with data.
 */
final class PolicyMarkdown {

  /** The wording of each cell as the brief and the policy document define it. */
  static final Map<String, Allowance> WORDING = Map.of(
      "yes", Allowance.ALLOWED,
      "—", Allowance.NEVER,
      "Basic Record only", Allowance.BASIC_RECORD_ONLY,
      "yes, pseudonymised", Allowance.PSEUDONYMISED,
      "yes, only the acknowledged feedback", Allowance.ACKNOWLEDGED_ONLY,
      "aggregates only", Allowance.AGGREGATES_ONLY,
      "write", Allowance.WRITE);

  private static final Pattern FIRST_COLUMN = Pattern.compile("`([A-Z_]+)` \\((.+)\\)");

  /** One parsed line of the table. */
  record Row(String purpose, String citation, List<String> cells, List<String> conditions) {}

  private PolicyMarkdown() {}

  /** The policy document, found relative to the module directory; fails the test if missing. */
  static String policyDocument() {
    Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    Path doc = module.resolve("../docs/disclosure-policy.md").normalize();
    assertTrue(Files.isRegularFile(doc),
        "the policy document is missing: expected " + doc + " (../docs/disclosure-policy.md"
            + " relative to the module directory " + module + ")");
    try {
      return Files.readString(doc);
    } catch (IOException e) {
      return fail("cannot read " + doc, e);
    }
  }

  /**
   * The rows of the first table whose header starts with "purpose (clause)", checking that the
   * header has the eight field classes in order and then "conditions".
   */
  static List<Row> parseTable(String markdown) {
    List<String> lines = Arrays.asList(markdown.split("\n", -1));
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("| purpose (clause) |")) {
        header = i;
        break;
      }
    }
    assertTrue(header >= 0, "no table with a 'purpose (clause)' header found");
    List<String> expectedHeader = new ArrayList<>();
    expectedHeader.add("purpose (clause)");
    for (FieldClass fieldClass : FieldClass.values()) {
      expectedHeader.add(fieldClass.name());
    }
    expectedHeader.add("conditions");
    assertEquals(expectedHeader, cells(lines.get(header)), "header of the table");
    assertTrue(lines.get(header + 1).matches("\\|(-+\\|)+"), "separator line under the header");

    List<Row> rows = new ArrayList<>();
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      List<String> cells = cells(lines.get(i));
      assertEquals(expectedHeader.size(), cells.size(), "columns in line: " + lines.get(i));
      Matcher first = FIRST_COLUMN.matcher(cells.get(0));
      assertTrue(first.matches(), "first column is not `PURPOSE` (clause): " + cells.get(0));
      rows.add(new Row(first.group(1), first.group(2), List.copyOf(cells.subList(1, 9)),
          splitConditions(cells.get(9))));
    }
    return rows;
  }

  /** The conditions of a cell, split on "; " outside parentheses. */
  static List<String> splitConditions(String cell) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ';' && depth == 0) {
        parts.add(cell.substring(start, i).trim());
        start = i + 1;
      }
    }
    String last = cell.substring(start).trim();
    if (!last.isEmpty() || !parts.isEmpty()) {
      parts.add(last);
    }
    return parts;
  }

  /**
   * Whether the document's wording of a condition names the given condition: equal to its
   * description, or (where the document abbreviates a condition it repeats, e.g. "classes listed
   * explicitly", or points elsewhere, e.g. "(see below)") equal to the leading words of the
   * description once parenthetical remarks are removed from both.
   */
  static boolean names(String documentWording, Condition condition) {
    if (documentWording.equals(condition.description())) {
      return true;
    }
    String doc = withoutParentheses(documentWording);
    String description = withoutParentheses(condition.description());
    return !doc.isEmpty()
        && (description.equals(doc) || description.startsWith(doc + " "));
  }

  /** The purposes named in backticks in the paragraph of the document that starts with a label. */
  static List<String> backtickedNames(String markdown, String paragraphStart, String sentenceWord) {
    for (String paragraph : markdown.split("\n\n")) {
      String flat = paragraph.replace('\n', ' ');
      if (flat.startsWith(paragraphStart)) {
        for (String sentence : flat.split("\\. ")) {
          if (sentence.contains(sentenceWord)) {
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("`([A-Z_]+)`").matcher(sentence);
            while (m.find()) {
              names.add(m.group(1));
            }
            return names;
          }
        }
      }
    }
    return fail("no paragraph starting '" + paragraphStart + "' with a sentence containing '"
        + sentenceWord + "'");
  }

  private static String withoutParentheses(String text) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (char c : text.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0) {
        out.append(c);
      }
    }
    return out.toString().replaceAll("\\s+", " ").trim();
  }

  private static List<String> cells(String line) {
    String inner = line.trim();
    assertTrue(inner.startsWith("|") && inner.endsWith("|"), "not a table line: " + line);
    List<String> cells = new ArrayList<>();
    for (String cell : inner.substring(1, inner.length() - 1).split("(?<!\\\\)\\|", -1)) {
      cells.add(cell.trim().replace("\\|", "|"));
    }
    return cells;
  }
}
