package io.securerecords.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/**
 * A plaintext table of the sealed record table's shape (id, client, type, version, timestamps,
 * the fields as one value) with the register number in an indexed column, on the same engine.
 * With {@code terms}, also a term table of the sealed store's term table's shape ({@code
 * <table>_term}: index name, value, record id; primary key and record index alike) holding each
 * row's {@link PlainRows.Term}s in clear, written in the same transaction: the twin that can
 * answer the same searches as the sealed store (by name, email, team, month).
 */
public final class PlainTable {
  private final DataSource dataSource;
  private final String table;
  private final boolean terms;
  private final boolean termsInOrder;

  public PlainTable(DataSource dataSource, String table) {
    this(dataSource, table, false);
  }

  public PlainTable(DataSource dataSource, String table, boolean terms) {
    this(dataSource, table, terms, false);
  }

  /**
   * As {@link #PlainTable(DataSource, String, boolean)}; with {@code termsInOrder}, a transaction's
   * term rows are inserted in primary-key order (index name, value, record id), as the sealed
   * JDBC store inserts its term rows.
   */
  public PlainTable(DataSource dataSource, String table, boolean terms, boolean termsInOrder) {
    this.dataSource = dataSource;
    this.table = table;
    this.terms = terms;
    this.termsInOrder = terms && termsInOrder;
  }

  /** Creates the table and its indexes unless present. */
  public void create(String engine) throws SQLException {
    String text = switch (engine) {
      case "postgres" -> "TEXT";
      case "mariadb" -> "MEDIUMTEXT";
      default -> "CHARACTER VARYING";
    };
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      if (terms) {
        s.execute("CREATE TABLE IF NOT EXISTS " + table + "_term (index_name VARCHAR(64) NOT NULL,"
            + " term VARCHAR(320) NOT NULL, record_id VARCHAR(64) NOT NULL,"
            + " PRIMARY KEY (index_name, term, record_id))");
        try {
          s.execute("CREATE INDEX " + table + "_term_record ON " + table + "_term (record_id)");
        } catch (SQLException alreadyThere) {
          // created on an earlier run
        }
      }
      s.execute("CREATE TABLE IF NOT EXISTS " + table + " (id VARCHAR(64) NOT NULL PRIMARY KEY,"
          + " client_id VARCHAR(64) NOT NULL, record_type VARCHAR(64) NOT NULL,"
          + " version BIGINT NOT NULL, created_s BIGINT NOT NULL, created_n INTEGER NOT NULL,"
          + " updated_s BIGINT NOT NULL, updated_n INTEGER NOT NULL, register_number VARCHAR(16),"
          + " fields " + text + " NOT NULL)");
      if (!engine.equals("postgres")) {
        try {
          s.execute("CREATE INDEX " + table + "_client ON " + table + " (client_id, id)");
          s.execute("CREATE INDEX " + table + "_register ON " + table + " (register_number)");
        } catch (SQLException alreadyThere) {
          // created on an earlier run
        }
      } else {
        s.execute("CREATE INDEX IF NOT EXISTS " + table + "_client ON " + table + " (client_id, id)");
        s.execute("CREATE INDEX IF NOT EXISTS " + table + "_register ON " + table
            + " (register_number)");
      }
    }
  }

  /** Inserts rows in one transaction, sent with JDBC batching. */
  public void insert(List<PlainRows.Row> rows) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
          + " (id, client_id, record_type, version, created_s, created_n, updated_s, updated_n,"
          + " register_number, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (PlainRows.Row r : rows) {
          ps.setString(1, r.id());
          ps.setString(2, r.client());
          ps.setString(3, r.type());
          ps.setLong(4, r.version());
          ps.setLong(5, r.createdSeconds());
          ps.setInt(6, r.createdNanos());
          ps.setLong(7, r.createdSeconds());
          ps.setInt(8, r.createdNanos());
          if (r.registerNumber() == null) {
            ps.setNull(9, Types.VARCHAR);
          } else {
            ps.setString(9, r.registerNumber());
          }
          ps.setString(10, r.fields());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      if (terms) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
            + "_term (index_name, term, record_id) VALUES (?, ?, ?)")) {
          List<String[]> termRows = new ArrayList<>();
          for (PlainRows.Row r : rows) {
            for (PlainRows.Term t : r.terms()) {
              termRows.add(new String[] {t.index(), t.value(), r.id()});
            }
          }
          if (termsInOrder) {
            termRows.sort(Comparator.comparing((String[] t) -> t[0]).thenComparing(t -> t[1])
                .thenComparing(t -> t[2]));
          }
          for (String[] t : termRows) {
            ps.setString(1, t[0]);
            ps.setString(2, t[1]);
            ps.setString(3, t[2]);
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      c.commit();
      c.setAutoCommit(true);
    }
  }

  /** The fields of the row with this id, or null. */
  public String get(String id) throws SQLException {
    return selectOne("SELECT version, created_s, created_n, fields FROM " + table + " WHERE id = ?",
        id);
  }

  /** The fields of the row with this register number, or null. */
  public String byRegisterNumber(String number) throws SQLException {
    return selectOne("SELECT version, created_s, created_n, fields FROM " + table
        + " WHERE register_number = ?", number);
  }

  private String selectOne(String sql, String value) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) + ":" + rs.getString(4) : null;
      }
    }
  }

  /** The number of rows. */
  public long count() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
