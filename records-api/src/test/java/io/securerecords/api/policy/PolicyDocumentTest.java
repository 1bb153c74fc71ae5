package io.securerecords.api.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.schema.FieldClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The PSU default table against the policy document (docs/disclosure-policy.md, "Who may see
 * what"): every cell, every condition, and the coaching and objection (3.3) paragraphs.
 */
class PolicyDocumentTest {

  private final String document = PolicyMarkdown.policyDocument();
  private final List<PolicyMarkdown.Row> rows = PolicyMarkdown.parseTable(document);
  private final PolicyTable table = PolicyTable.psuDefault();

  @Test
  void everyPurposeHasExactlyOneRowInTheDocumentInPurposeOrder() {
    List<String> purposes = rows.stream().map(PolicyMarkdown.Row::purpose).toList();
    List<String> expected = Arrays.stream(Purpose.values()).map(Purpose::name).toList();
    assertEquals(expected, purposes);
  }

  @Test
  void firstColumnCitesTheClauseOfEachPurpose() {
    for (PolicyMarkdown.Row row : rows) {
      Purpose purpose = Purpose.valueOf(row.purpose());
      assertEquals(row.citation(), PolicyTable.citation(purpose), "clause of " + purpose);
      // The document's clause is where Purpose.clause() starts, e.g. "4" for "4-equality".
      assertTrue(purpose.clause().startsWith(row.citation().substring(0, 1)),
          purpose + " clause " + purpose.clause() + " vs document " + row.citation());
    }
  }

  @Test
  void everyCellMatchesTheDocument() {
    List<String> mismatches = new ArrayList<>();
    for (PolicyMarkdown.Row row : rows) {
      Purpose purpose = Purpose.valueOf(row.purpose());
      for (FieldClass fieldClass : FieldClass.values()) {
        String wording = row.cells().get(fieldClass.ordinal());
        Allowance expected = PolicyMarkdown.WORDING.get(wording);
        assertTrue(expected != null, "unknown wording '" + wording + "' for " + purpose + "/"
            + fieldClass);
        Allowance actual = table.allowance(purpose, fieldClass);
        if (expected != actual) {
          mismatches.add(purpose + "/" + fieldClass + ": document " + expected + ", table " + actual);
        }
      }
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void allowanceWordingIsTheDocumentWording() {
    for (var entry : PolicyMarkdown.WORDING.entrySet()) {
      assertEquals(entry.getKey(), entry.getValue().wording());
    }
    assertEquals(EnumSet.allOf(Allowance.class), EnumSet.copyOf(PolicyMarkdown.WORDING.values()));
  }

  @Test
  void everyConditionMatchesTheDocumentInOrder() {
    for (PolicyMarkdown.Row row : rows) {
      Purpose purpose = Purpose.valueOf(row.purpose());
      List<Condition> conditions = table.row(purpose).conditions();
      assertEquals(row.conditions().size(), conditions.size(),
          "number of conditions of " + purpose + ": document " + row.conditions()
              + ", table " + conditions);
      for (int i = 0; i < conditions.size(); i++) {
        String wording = row.conditions().get(i);
        Condition condition = conditions.get(i);
        assertTrue(PolicyMarkdown.names(wording, condition),
            purpose + " condition " + (i + 1) + ": document '" + wording + "', table "
                + condition + " '" + condition.description() + "'");
      }
    }
  }

  @Test
  void everyConditionIsUsedByTheDefaultTable() {
    Set<Condition> used = EnumSet.noneOf(Condition.class);
    table.rows().forEach(row -> used.addAll(row.conditions()));
    assertEquals(EnumSet.allOf(Condition.class), used);
  }

  @Test
  void coachingParagraphMatches() {
    Set<Purpose> releasable = purposes(
        PolicyMarkdown.backtickedNames(document, "Coaching:", "released only"));
    Set<Purpose> never = purposes(
        PolicyMarkdown.backtickedNames(document, "Coaching:", "never released"));
    assertFalse(releasable.isEmpty());
    assertFalse(never.isEmpty());
    for (Purpose purpose : Purpose.values()) {
      assertEquals(releasable.contains(purpose), table.coachingReleasable(purpose),
          "coaching casework for " + purpose);
    }
    for (Purpose purpose : never) {
      assertFalse(table.coachingReleasable(purpose), "coaching casework for " + purpose);
    }
  }

  @Test
  void objectionParagraphMatches() {
    Set<Purpose> blocked = purposes(
        PolicyMarkdown.backtickedNames(document, "Objections (3.3):", "objection blocks"));
    assertEquals(EnumSet.of(Purpose.INTERNAL_ADVICE, Purpose.INTERNAL_TRANSFER), blocked);
    for (Purpose purpose : Purpose.values()) {
      assertEquals(blocked.contains(purpose), table.objectionBlocks(purpose),
          "objection blocks " + purpose);
    }
  }

  private static Set<Purpose> purposes(List<String> names) {
    return names.stream().map(Purpose::valueOf)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Purpose.class)));
  }
}
