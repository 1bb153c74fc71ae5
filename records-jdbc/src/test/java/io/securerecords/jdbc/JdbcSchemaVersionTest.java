package io.securerecords.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.StoreException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.IndexEntry;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The schema version table: migrate() installs every version once, one row each; a newer schema
 * is refused. (Upgrading a version 1 database: {@link JdbcSchemaUpgradeTest}.)
 */
class JdbcSchemaVersionTest {

  @Test
  void migrateInstallsTheCurrentVersionOnceAndIsIdempotent() throws Exception {
    DataSource ds = TestDatabases.h2Memory();
    String prefix = TestDatabases.randomPrefix();
    JdbcRecordStore store = JdbcRecordStore.builder(ds).tablePrefix(prefix).build();
    assertEquals(0, store.installedSchemaVersion());
    assertEquals(Dialect.H2, store.dialect());

    store.migrate();
    store.migrate();

    assertEquals(JdbcRecordStore.SCHEMA_VERSION, store.installedSchemaVersion());
    assertEquals(4, JdbcRecordStore.SCHEMA_VERSION);
    assertEquals(List.of(1, 2, 3, 4), versions(ds, prefix));
  }

  /**
   * Version 3 on H2: a term's hits are answered from one index holding every column the query
   * reads, in term order, not through the primary key and a row read per entry.
   */
  @Test
  void h2AnswersATermsHitsFromTheHitsIndex() throws Exception {
    DataSource ds = TestDatabases.h2Memory();
    String prefix = TestDatabases.randomPrefix();
    JdbcRecordStore store = JdbcRecordStore.builder(ds).tablePrefix(prefix).build();
    store.migrate();
    Sql sql = new Sql(new Schema(Dialect.H2, prefix));
    String plan;
    try (Connection c = ds.getConnection()) {
      plan = plan(c, "EXPLAIN " + sql.selectHitsByTerm, new IndexTerm("register", new byte[] {1, 2, 3}));
    }
    assertTrue(plan.toLowerCase(java.util.Locale.ROOT).contains(prefix + "term_hits"), plan);
  }

  /**
   * Version 4 on PostgreSQL: the term table's primary key includes the carried bytes, so the
   * planner answers a term's hits with an index-only scan of it (before version 4, an index scan
   * and a table row fetched per entry). How many table pages it still visits depends on what
   * VACUUM has marked all-visible, which a transaction open elsewhere on the server holds back, so
   * the test checks the plan, not the fetches.
   */
  @Test
  void postgresAnswersATermsHitsFromThePrimaryKeyAlone() throws Exception {
    String url = TestDatabases.url(TestDatabases.POSTGRES_URL).orElse(null);
    Assumptions.assumeTrue(url != null, TestDatabases.howToEnable(TestDatabases.POSTGRES_URL));
    try (TestTables tables = TestTables.create(TestDatabases.postgres(url))) {
      JdbcRecordStore store = tables.store();
      IndexTerm term = new IndexTerm("register", new byte[] {1, 2, 3});
      for (int i = 0; i < 20; i++) {
        RecordId id = RecordId.of("rec-" + i);
        store.write(WriteBatch.builder()
            .putRecord(new SealedRecord(id, RecordType.of("basic"), ClientId.of("client-" + i), 1,
                Instant.EPOCH, Instant.EPOCH, 2, List.of(new SealedField("f", new byte[] {9})),
                new byte[0]), 0)
            .indexEntries(id, List.of(new IndexEntry(i % 2 == 0 ? term
                : new IndexTerm("register", new byte[] {(byte) i}), new byte[] {(byte) i, 7})))
            .build());
      }
      String prefix = tables.prefix();
      Sql sql = new Sql(new Schema(Dialect.POSTGRES, prefix));
      String plan;
      try (Connection c = tables.dataSource().getConnection();
          Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE " + prefix + "term");
        // Twenty rows: without this the planner reads the whole table, whatever its indexes.
        s.execute("SET enable_seqscan = off");
        s.execute("SET enable_bitmapscan = off");
        plan = plan(c, "EXPLAIN (COSTS OFF) " + sql.selectHitsByTerm, term);
      }
      assertTrue(plan.contains("Index Only Scan using " + prefix + "term_pkey"), plan);
      assertEquals(10, store.hitsByTerm(term).size());
    }
  }

  @Test
  void anOlderLibraryRefusesANewerSchemaWithAClearMessage() throws Exception {
    DataSource ds = TestDatabases.h2Memory();
    String prefix = TestDatabases.randomPrefix();
    JdbcRecordStore store = JdbcRecordStore.builder(ds).tablePrefix(prefix).build();
    store.migrate();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix
            + "schema_version (version, description) VALUES (?, 'from a later release')")) {
      ps.setInt(1, JdbcRecordStore.SCHEMA_VERSION + 1);
      ps.executeUpdate();
    }

    StoreException opening = assertThrows(StoreException.class,
        () -> JdbcRecordStore.builder(ds).tablePrefix(prefix).build());
    StoreException migrating = assertThrows(StoreException.class, store::migrate);

    for (StoreException e : new StoreException[] {opening, migrating}) {
      assertTrue(e.getMessage().contains("schema version " + (JdbcRecordStore.SCHEMA_VERSION + 1)), e.getMessage());
      assertTrue(e.getMessage().contains("newer than version " + JdbcRecordStore.SCHEMA_VERSION), e.getMessage());
      assertTrue(e.getMessage().contains(prefix + "schema_version"), e.getMessage());
    }
  }

  @Test
  void aPrefixThatIsNotASimpleNameIsRefused() {
    DataSource ds = TestDatabases.h2Memory();
    for (String bad : new String[] {"", "Sr_", "sr; DROP TABLE x", "1sr_", "sr-"}) {
      assertThrows(IllegalArgumentException.class, () -> JdbcRecordStore.builder(ds).tablePrefix(bad), bad);
    }
  }

  /** The plan's lines for the hits query of {@code term}, as this EXPLAIN gives them. */
  private static String plan(Connection c, String explain, IndexTerm term) throws Exception {
    StringBuilder plan = new StringBuilder();
    try (PreparedStatement ps = c.prepareStatement(explain)) {
      ps.setString(1, term.index());
      ps.setBytes(2, term.term());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
    }
    return plan.toString();
  }

  private static List<Integer> versions(DataSource ds, String prefix) throws Exception {
    List<Integer> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT version FROM " + prefix + "schema_version ORDER BY version");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }
}
