package io.securerecords.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securerecords.api.error.StoreException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.IndexEntry;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.TermHit;
import io.securerecords.api.store.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A database at schema version 1, holding a record and a term row written the version 1 way (no
 * carried bytes), is brought up to date by {@link JdbcRecordStore#migrate()}: the term is still
 * found, its hit carries nothing, and entries written afterwards carry their bytes. On H2,
 * PostgreSQL and MariaDB.
 */
class JdbcSchemaUpgradeTest {
  private static final IndexTerm TERM = new IndexTerm("surname", "blinded".getBytes(StandardCharsets.UTF_8));

  @Test
  void h2UpgradesAVersion1Database() throws Exception {
    upgrade(TestDatabases.h2Memory());
  }

  @Test
  void postgresUpgradesAVersion1Database() throws Exception {
    String url = TestDatabases.url(TestDatabases.POSTGRES_URL).orElse(null);
    Assumptions.assumeTrue(url != null, TestDatabases.howToEnable(TestDatabases.POSTGRES_URL));
    upgrade(TestDatabases.postgres(url));
  }

  @Test
  void mariaDbUpgradesAVersion1Database() throws Exception {
    String url = TestDatabases.url(TestDatabases.MARIADB_URL).orElse(null);
    Assumptions.assumeTrue(url != null, TestDatabases.howToEnable(TestDatabases.MARIADB_URL));
    upgrade(TestDatabases.mariadb(url));
  }

  private static void upgrade(DataSource ds) throws Exception {
    String prefix = TestDatabases.randomPrefix();
    JdbcRecordStore store = JdbcRecordStore.builder(ds).tablePrefix(prefix).build();
    try {
      // Version 1 only, as a release before version 2 left it.
      try (Connection c = ds.getConnection()) {
        for (String statement : new Schema(store.dialect(), prefix).statementsUpTo(0, 1)) {
          try (PreparedStatement ps = c.prepareStatement(statement)) {
            ps.execute();
          }
        }
      }
      assertEquals(1, store.installedSchemaVersion());
      SealedRecord old = record("a-old", 1);
      store.write(WriteBatch.builder().putRecord(old, 0).build()); // no terms: same SQL in both versions
      try (Connection c = ds.getConnection();
          PreparedStatement ps = c.prepareStatement(
              "INSERT INTO " + prefix + "term (index_name, term, record_id) VALUES (?, ?, ?)")) {
        ps.setString(1, TERM.index());
        ps.setBytes(2, TERM.term());
        ps.setString(3, old.id().value());
        ps.executeUpdate();
      }
      // Not migrated yet: the carried column is missing, and the store says which read failed.
      StoreException early = assertThrows(StoreException.class, () -> store.hitsByTerm(TERM));
      assertFalse(early.getMessage().contains(old.id().value()), early.getMessage());

      store.migrate();

      assertEquals(JdbcRecordStore.SCHEMA_VERSION, store.installedSchemaVersion());
      assertEquals(List.of(old.id()), store.findByTerm(TERM));
      assertEquals(List.of(old), store.recordsByTerm(TERM));
      List<TermHit> hits = store.hitsByTerm(TERM);
      assertEquals(List.of(new TermHit(old.id(), new byte[0])), hits);
      assertArrayEquals(new byte[0], hits.get(0).carried());

      // A new record's entry carries its bytes next to the old row, which still carries nothing.
      SealedRecord fresh = record("b-new", 2);
      byte[] carried = bytes(IndexEntry.MAX_CARRIED, 7);
      store.write(WriteBatch.builder().putRecord(fresh, 0)
          .indexEntries(fresh.id(), List.of(new IndexEntry(TERM, carried))).build());
      assertEquals(List.of(new TermHit(old.id(), new byte[0]), new TermHit(fresh.id(), carried)),
          store.hitsByTerm(TERM));

      // The old record's entry, rewritten, carries bytes too.
      byte[] small = bytes(3, 9);
      store.write(WriteBatch.builder().indexEntries(old.id(), List.of(new IndexEntry(TERM, small))).build());
      assertEquals(List.of(new TermHit(old.id(), small), new TermHit(fresh.id(), carried)),
          store.hitsByTerm(TERM));

      store.migrate(); // current: nothing to do, nothing lost
      assertEquals(List.of(new TermHit(old.id(), small), new TermHit(fresh.id(), carried)),
          store.hitsByTerm(TERM));
    } finally {
      store.dropTables();
      TestDatabases.shutdown(ds);
    }
  }

  private static SealedRecord record(String id, int seed) {
    return new SealedRecord(RecordId.of(id), RecordType.of("psu.casework"), ClientId.of("c-upgrade"), 1,
        Instant.ofEpochSecond(1_900_000_000L, seed), Instant.ofEpochSecond(1_900_000_000L, seed + 1), 1,
        List.of(new SealedField("notes", bytes(40, seed))), bytes(32, seed));
  }

  private static byte[] bytes(int length, int seed) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) (seed * 31 + i);
    }
    return out;
  }
}
