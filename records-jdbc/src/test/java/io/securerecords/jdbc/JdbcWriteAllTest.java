package io.securerecords.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.ConflictException;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link JdbcRecordStore#writeAll} is all or nothing across batches: when only the last batch
 * does not hold (each way a batch can conflict), nothing of the earlier batches lands, though
 * each of them alone would have; and without the conflict, every batch lands. On H2, PostgreSQL
 * and MariaDB.
 */
class JdbcWriteAllTest {
  /** Earlier batches: this many, each a whole operation (record, terms, key, log entry, token use). */
  private static final int EARLIER = 4;

  private static final String SEEDER = "S";
  private static final String WRITER = "W";

  /** How the last batch fails to hold, against the store as the earlier batches would leave it. */
  enum Conflict {
    RECORD_ID_TAKEN,
    RECORD_VERSION_STALE,
    DELETE_VERSION_STALE,
    KEY_NAME_TAKEN,
    KEY_VERSION_STALE,
    LOG_POSITION_TAKEN,
    TOKEN_USED_UP,
    /** The last batch writes a record an earlier batch of the same call created, as if new. */
    RECORD_CREATED_BY_AN_EARLIER_BATCH;

    WriteBatch lastBatch() {
      long nextSequence = 1 + EARLIER; // the seed's entry, then one per earlier batch
      return switch (this) {
        case RECORD_ID_TAKEN -> WriteBatch.builder()
            .putRecord(WriterProcess.batch(SEEDER, 0, 0).recordPuts().get(0).record(), 0).build();
        case RECORD_VERSION_STALE -> WriteBatch.builder().putRecord(atVersion(8), 7).build();
        case DELETE_VERSION_STALE -> WriteBatch.builder()
            .deleteRecord(RecordId.of(SEEDER + "-0"), 7).build();
        case KEY_NAME_TAKEN -> WriteBatch.builder()
            .putKey(new KeyEntry.Wrapped(WriterProcess.key(SEEDER, 0), 1, new byte[48]), 0).build();
        case KEY_VERSION_STALE -> WriteBatch.builder()
            .putKey(new KeyEntry.Wrapped(WriterProcess.key(SEEDER, 0), 9, new byte[48]), 8).build();
        case LOG_POSITION_TAKEN -> WriteBatch.builder()
            .appendLog(new LogEntry(nextSequence - 1, new byte[] {1})).build();
        case TOKEN_USED_UP -> WriteBatch.builder()
            .useToken(WriterProcess.token(SEEDER, 0), 1).build();
        case RECORD_CREATED_BY_AN_EARLIER_BATCH -> WriteBatch.builder()
            .putRecord(WriterProcess.batch(WRITER, 0, 0).recordPuts().get(0).record(), 0).build();
      };
    }
  }

  /** The seed's record as its version {@code version}. */
  private static io.securerecords.api.store.SealedRecord atVersion(long version) {
    var r = WriterProcess.batch(SEEDER, 0, 0).recordPuts().get(0).record();
    return new io.securerecords.api.store.SealedRecord(r.id(), r.type(), r.client(), version,
        r.created(), r.updated(), r.format(), r.fields(), r.mac());
  }

  private static final List<TestTables> OPENED = new ArrayList<>();
  private static TestTables h2;
  private static TestTables postgres;
  private static TestTables mariadb;

  @BeforeAll
  static void createTables() {
    h2 = open(TestDatabases::h2Memory);
    postgres = TestDatabases.url(TestDatabases.POSTGRES_URL)
        .map(url -> open(() -> TestDatabases.postgres(url))).orElse(null);
    mariadb = TestDatabases.url(TestDatabases.MARIADB_URL)
        .map(url -> open(() -> TestDatabases.mariadb(url))).orElse(null);
  }

  private static TestTables open(Supplier<DataSource> dataSource) {
    TestTables tables = TestTables.create(dataSource.get());
    OPENED.add(tables);
    return tables;
  }

  @AfterAll
  static void dropTables() {
    OPENED.forEach(TestTables::close);
  }

  @ParameterizedTest
  @EnumSource(Conflict.class)
  void h2WritesNothingWhenTheLastBatchConflicts(Conflict conflict) {
    nothingLandsWhenTheLastBatchConflicts(h2, conflict);
  }

  @ParameterizedTest
  @EnumSource(Conflict.class)
  void postgresWritesNothingWhenTheLastBatchConflicts(Conflict conflict) {
    Assumptions.assumeTrue(postgres != null, TestDatabases.howToEnable(TestDatabases.POSTGRES_URL));
    nothingLandsWhenTheLastBatchConflicts(postgres, conflict);
  }

  @ParameterizedTest
  @EnumSource(Conflict.class)
  void mariaDbWritesNothingWhenTheLastBatchConflicts(Conflict conflict) {
    Assumptions.assumeTrue(mariadb != null, TestDatabases.howToEnable(TestDatabases.MARIADB_URL));
    nothingLandsWhenTheLastBatchConflicts(mariadb, conflict);
  }

  private static void nothingLandsWhenTheLastBatchConflicts(TestTables tables, Conflict conflict) {
    try (JdbcRecordStore store = tables.emptyStore()) {
      // The seed: one whole operation, its token used up (max 1 use).
      store.write(WriterProcess.batch(SEEDER, 0, 0));
      Snapshot seeded = Snapshot.of(store);

      List<WriteBatch> batches = new ArrayList<>();
      for (int i = 0; i < EARLIER; i++) {
        batches.add(WriterProcess.batch(WRITER, i, 1 + i));
      }
      batches.add(conflict.lastBatch());

      assertThrows(ConflictException.class, () -> store.writeAll(batches), conflict.name());
      assertEquals(seeded, Snapshot.of(store), "the store changed though the last batch conflicted");
      for (int i = 0; i < EARLIER; i++) {
        assertEquals(Optional.empty(), store.record(RecordId.of(WRITER + "-" + i)), "record " + i);
        assertEquals(Optional.empty(), store.key(WriterProcess.key(WRITER, i)), "key " + i);
        assertEquals(0, store.tokenUses(WriterProcess.token(WRITER, i)), "token " + i);
        for (var term : WriterProcess.terms(WRITER, i)) {
          assertEquals(List.of(), store.findByTerm(term), "term of " + i);
        }
      }

      // The same earlier batches, without the last one, all land in one call.
      store.writeAll(batches.subList(0, EARLIER));
      assertEquals(1 + EARLIER, store.logSize());
      assertTrue(WriterProcess.assertOnlyWholeBatches(store).size() == 1 + EARLIER);
    }
  }

  /** Everything the store holds, as far as these tests write it. */
  private record Snapshot(List<RecordId> records, List<KeyName> keys, List<LogEntryBytes> log,
      int seedTokenUses) {
    static Snapshot of(JdbcRecordStore store) {
      return new Snapshot(store.recordIds(null, Integer.MAX_VALUE),
          store.keyNames(null, Integer.MAX_VALUE),
          store.log(0, Integer.MAX_VALUE).stream()
              .map(e -> new LogEntryBytes(e.sequence(), java.util.HexFormat.of().formatHex(e.sealed())))
              .toList(),
          store.tokenUses(WriterProcess.token(SEEDER, 0)));
    }
  }

  private record LogEntryBytes(long sequence, String hex) {}
}
