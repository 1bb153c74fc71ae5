package io.securerecords.api.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.schema.FieldClass;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link PolicyTable#toMarkdown()} and {@link PolicyTable#toText()} print what the table holds,
 * in the layout of the policy document, so a reviewer can compare them with the notice.
 */
class PolicyMarkdownTest {

  private final PolicyTable table = PolicyTable.psuDefault();

  @Test
  void markdownRendersTheSameCellsAsTheDocument() {
    List<PolicyMarkdown.Row> document = PolicyMarkdown.parseTable(PolicyMarkdown.policyDocument());
    List<PolicyMarkdown.Row> rendered = PolicyMarkdown.parseTable(table.toMarkdown());
    assertEquals(document.size(), rendered.size());
    for (int i = 0; i < document.size(); i++) {
      PolicyMarkdown.Row doc = document.get(i);
      PolicyMarkdown.Row out = rendered.get(i);
      assertEquals(doc.purpose(), out.purpose());
      assertEquals(doc.citation(), out.citation(), "clause of " + doc.purpose());
      assertEquals(doc.cells(), out.cells(), "cells of " + doc.purpose());
      assertEquals(doc.conditions().size(), out.conditions().size(),
          "conditions of " + doc.purpose());
    }
  }

  @Test
  void markdownParsesBackToTheTable() {
    assertEquals(table, fromMarkdown(table.toMarkdown()));
  }

  @Test
  void markdownOfACustomTableParsesBack() {
    PolicyTable custom = PolicyTableBuilderTest.onlySubjectAccess().build();
    assertEquals(custom, fromMarkdown(custom.toMarkdown()));
  }

  @Test
  void markdownStatesTheCoachingAndObjectionRules() {
    String markdown = table.toMarkdown();
    assertEquals(List.of("LEGAL_OBLIGATION", "SAFETY_RISK", "CRIME_OR_PUBLIC_INTEREST",
            "SERVICE_DELIVERY", "SUBJECT_ACCESS"),
        PolicyMarkdown.backtickedNames(markdown, "Coaching:", "released only"));
    assertEquals(List.of("INTERNAL_ADVICE", "INTERNAL_TRANSFER"),
        PolicyMarkdown.backtickedNames(markdown, "Objections (3.3):", "objection blocks"));
  }

  @Test
  void textIsAnAlignedMatrixWithEveryCell() {
    String[] lines = table.toText().split("\n");
    // header, rule, one line per purpose
    int[] columns = separatorPositions(lines[0]);
    assertEquals(FieldClass.values().length, columns.length, "column separators in " + lines[0]);
    for (int l = 2; l < 2 + Purpose.values().length; l++) {
      assertArrayEquals(columns, separatorPositions(lines[l]), "columns of line " + lines[l]);
      Purpose purpose = Purpose.values()[l - 2];
      assertTrue(lines[l].startsWith(purpose + " (" + PolicyTable.citation(purpose) + ")"),
          lines[l]);
      String[] cells = lines[l].split(" \\| ");
      for (FieldClass fieldClass : FieldClass.values()) {
        assertEquals(table.allowance(purpose, fieldClass).wording(),
            cells[fieldClass.ordinal() + 1].trim(), purpose + "/" + fieldClass);
      }
    }
    for (Condition condition : Condition.values()) {
      assertTrue(table.toText().contains("  - " + condition.description() + "\n"),
          "conditions listed: " + condition);
    }
  }

  /** Rebuilds a table from its own Markdown, using the exact descriptions it prints. */
  private static PolicyTable fromMarkdown(String markdown) {
    PolicyTable.Builder builder = PolicyTable.builder();
    for (PolicyMarkdown.Row row : PolicyMarkdown.parseTable(markdown)) {
      Map<FieldClass, Allowance> cells = new EnumMap<>(FieldClass.class);
      for (FieldClass fieldClass : FieldClass.values()) {
        cells.put(fieldClass, PolicyMarkdown.WORDING.get(row.cells().get(fieldClass.ordinal())));
      }
      List<Condition> conditions = new ArrayList<>();
      for (String wording : row.conditions()) {
        conditions.add(byDescription(wording));
      }
      builder.row(new PolicyRow(Purpose.valueOf(row.purpose()), cells, conditions));
    }
    PolicyMarkdown.backtickedNames(markdown, "Coaching:", "released only")
        .forEach(name -> builder.coachingReleasable(Purpose.valueOf(name)));
    return builder.build();
  }

  private static Condition byDescription(String wording) {
    for (Condition condition : Condition.values()) {
      if (condition.description().equals(wording)) {
        return condition;
      }
    }
    throw new AssertionError("no condition is described as '" + wording + "'");
  }

  private static int[] separatorPositions(String line) {
    List<Integer> positions = new ArrayList<>();
    for (int i = line.indexOf(" | "); i >= 0; i = line.indexOf(" | ", i + 1)) {
      positions.add(i);
    }
    return positions.stream().mapToInt(Integer::intValue).toArray();
  }
}
