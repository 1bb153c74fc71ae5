package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.CaseworkRecord;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.psu.Team;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.token.Requester;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Equality monitoring publishes counts only, never 1 to 7, and no cell recoverable from totals. */
class EqualityStatisticsProperties {

  @Provide
  Arbitrary<List<List<Integer>>> tables() {
    Arbitrary<Integer> count = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 9)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(10, 60)));
    return count.list().ofMinSize(1).ofMaxSize(5).list().ofMinSize(1).ofMaxSize(5)
        .filter(rows -> rows.stream().mapToInt(List::size).distinct().count() == 1);
  }

  private static EqualityReport publish(List<List<Integer>> table) {
    Map<String, Map<String, Integer>> raw = new TreeMap<>();
    List<String> columns = new ArrayList<>();
    for (int c = 0; c < table.get(0).size(); c++) {
      columns.add("v" + c);
    }
    for (int r = 0; r < table.size(); r++) {
      Map<String, Integer> line = new TreeMap<>();
      for (int c = 0; c < columns.size(); c++) {
        line.put(columns.get(c), table.get(r).get(c));
      }
      raw.put("g" + r, line);
    }
    return EqualityStatistics.publish(EqualityReport.GroupBy.TEAM,
        EqualityReport.Demographic.ETHNICITY, raw, columns);
  }

  @Property(tries = 500)
  void noPublishedCountIsFromOneToSevenAndEveryCountIsAMultipleOfFive(
      @ForAll("tables") List<List<Integer>> table) {
    EqualityReport report = publish(table);
    List<Integer> published = new ArrayList<>();
    report.cells().values().forEach(line -> published.addAll(line.values()));
    published.addAll(report.rowTotals().values());
    published.addAll(report.columnTotals().values());
    for (Integer n : published) {
      if (n != null) {
        assertFalse(n >= 1 && n <= 7, "published " + n);
        assertEquals(0, n % 5);
      }
    }
  }

  @Property(tries = 500)
  void noRowOrColumnHasALoneSuppressedCellWhereAnotherCouldBeHidden(
      @ForAll("tables") List<List<Integer>> table) {
    EqualityReport report = publish(table);
    for (String r : report.rows()) {
      long hidden = report.columns().stream().filter(c -> report.cells().get(r).get(c) == null).count();
      long others = report.columns().stream().filter(c -> {
        Integer n = report.cells().get(r).get(c);
        return n != null && n > 0;
      }).count();
      assertFalse(hidden == 1 && others > 0, "row " + r + " gives away its suppressed cell");
    }
    for (String c : report.columns()) {
      long hidden = report.rows().stream().filter(r -> report.cells().get(r).get(c) == null).count();
      long others = report.rows().stream().filter(r -> {
        Integer n = report.cells().get(r).get(c);
        return n != null && n > 0;
      }).count();
      assertFalse(hidden == 1 && others > 0, "column " + c + " gives away its suppressed cell");
    }
  }

  @Example
  void theFacadeCountsAcrossClientsWithATokenAndNeverShowsARow() {
    SecureRecords records = SecureRecords.builder().store(new InMemoryRecordStore())
        .kek(KeyEncryptionKey.ephemeral()).clock(Fixtures.CLOCK).build();
    for (int i = 0; i < 30; i++) {
      ClientId c = ClientId.random();
      records.put(c, BasicRecord.builder("Client Number" + (char) ('a' + i % 26),
              Registration.parse(Register.GMC, String.valueOf(1000000 + i)))
          .ethnicity(i < 27 ? "White British" : "Black African").build());
      records.put(c, CaseworkRecord.builder(i % 2 == 0 ? Team.IST : Team.CAREERS, "S",
          LocalDate.of(2026, 1, 5)).build());
    }
    Requester analyst = new Requester("Ana Lyst", "HEE", "Equality analyst", "a@hee");
    String token = records.decide(records.newDecision().subject(SecureRecords.ALL_CLIENTS)
        .purpose(Purpose.EQUALITY_MONITORING).audience("equality").requester(analyst)
        .reason("annual report").fieldClasses(EnumSet.of(FieldClass.DEMOGRAPHIC)).build(), analyst);
    EqualityReport report = records.equalityStatistics(token, "equality",
        EqualityReport.GroupBy.TEAM, EqualityReport.Demographic.ETHNICITY);
    assertEquals(List.of("CAREERS", "IST"), report.rows());
    assertEquals(List.of("black african", "white british"), report.columns());
    assertNull(report.cells().get("IST").get("black african"));         // 1: suppressed
    assertNull(report.cells().get("CAREERS").get("black african"));     // 2: suppressed
    // 14 beside a lone suppressed 1 with the row total shown: hidden too, and then its column.
    assertNull(report.cells().get("IST").get("white british"));
    assertNull(report.cells().get("CAREERS").get("white british"));
    assertEquals(15, report.rowTotals().get("IST"));                    // 15 exactly
    assertEquals(15, report.rowTotals().get("CAREERS"));                // 15 exactly
    assertEquals(25, report.columnTotals().get("white british"));       // 27, rounded
    assertNull(report.columnTotals().get("black african"));             // 3: suppressed
    assertFalse(report.toText().contains("Client"), report.toText());
    assertThrows(RefusedException.class, () -> records.equalityStatistics(token, "equality",
        EqualityReport.GroupBy.TEAM, EqualityReport.Demographic.ETHNICITY), "single use");
    String clientToken = records.decide(records.newDecision().subject(ClientId.random())
        .purpose(Purpose.EQUALITY_MONITORING).audience("equality").requester(analyst)
        .reason("r").fieldClasses(EnumSet.of(FieldClass.DEMOGRAPHIC)).build(), analyst);
    assertThrows(RefusedException.class, () -> records.equalityStatistics(clientToken, "equality",
        EqualityReport.GroupBy.GRADE, EqualityReport.Demographic.ETHNICITY));
    assertTrue(records.verifyLog(io.securerecords.crypto.log.Checkpoint.EMPTY).intact());
  }
}
