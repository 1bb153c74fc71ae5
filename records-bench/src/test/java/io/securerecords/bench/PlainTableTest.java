package io.securerecords.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The import twin writes the same rows whichever order it inserts its term rows in. */
class PlainTableTest {

  @Test
  void termRowsInsertedInIndexOrderAreTheSameRows() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:plain-table-test;DB_CLOSE_DELAY=-1");
    PsuPopulation population = PsuPopulation.standard();
    List<PlainRows.Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.addAll(List.of(PlainRows.of(population.client(i), 1_772_000_000L)));
    }
    PlainTable asGiven = new PlainTable(h2, "given", true);
    PlainTable inOrder = new PlainTable(h2, "ordered", true, true);
    asGiven.create("h2");
    inOrder.create("h2");
    asGiven.insert(rows);
    inOrder.insert(rows);

    List<String> given = terms(h2, "given_term");
    assertTrue(given.size() > rows.size(), "every record has index entries");
    assertEquals(given, terms(h2, "ordered_term"));
    String register = population.client(7).registerNumber();
    assertNotNull(inOrder.byRegisterNumber(register));
    assertEquals(asGiven.byRegisterNumber(register), inOrder.byRegisterNumber(register));
  }

  private static List<String> terms(JdbcDataSource h2, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = h2.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT index_name, term, record_id FROM " + table
            + " ORDER BY index_name, term, record_id")) {
      while (rs.next()) {
        out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
      }
    }
    return out;
  }
}
