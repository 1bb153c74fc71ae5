package io.securerecords.jdbc;

import io.securerecords.api.error.ConflictException;
import io.securerecords.api.error.StoreException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.IndexEntry;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.TermHit;
import io.securerecords.api.store.WriteBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * A {@link RecordStore} in a relational database (H2, PostgreSQL or MariaDB) reached through a
 * {@link DataSource} that the host application owns and pools.
 *
 * <p><b>What is stored.</b> Only what the SPI hands over, which is never plaintext: per record
 * its id, type, client id, version, two timestamps (epoch seconds and nanoseconds), format and,
 * in binary columns, its sealed fields (names and ciphertexts) and MAC; wrapped keys (opaque
 * bytes) and erasure marks; blinded index terms (in an indexed binary column, next to the record
 * id and index name), each with the opaque bytes its entry carries (at most 512, {@link
 * IndexEntry#MAX_CARRIED}, sealed by the library; NULL when it carries none); sealed log entries
 * by sequence; and token use counts. Ids, types, key names, field names, versions, timestamps,
 * ciphertext lengths and carried lengths are visible to anyone who can read the tables, as they
 * are in every store; field values, keys, carried contents and log bodies are not.
 *
 * <p><b>Term hits.</b> {@link #hitsByTerm} reads a term's record ids and carried bytes from the
 * term table alone, in one query, without reading any record: a blind-index search reads them
 * for every candidate of a truncated term and drops the false positives unread. The query is
 * answered from one index holding every column it reads, in term order, not a row read per
 * entry: on H2 an index that replaced the term table's primary key (schema version 3), on
 * PostgreSQL the primary key with the carried bytes included (version 4; an index-only scan for
 * the table pages VACUUM has marked all-visible), on MariaDB (InnoDB) the primary key that holds
 * each row.
 *
 * <p><b>Transactions.</b> {@link #write} applies a batch in one transaction at READ COMMITTED:
 * records and keys by compare-and-set on their version ({@code UPDATE ... WHERE version = ?}; a
 * new one by {@code INSERT}, so a taken primary key is a conflict), log entries at exactly the
 * next sequence (the primary key on the sequence keeps the log dense and linear across
 * processes), token uses by a conditional increment of a locked counter row. Rows are locked in
 * a fixed order (records by id, keys by name, then the log, then tokens by id). Any part that
 * does not hold rolls the whole batch back with {@link ConflictException}; so do the driver's
 * race signals (SQLState class 23, 40001, 40P01, MariaDB 1205/1213, H2 lock timeouts). Other
 * failures roll back and throw {@link StoreException}; its message names the operation and the
 * SQLState, and its cause is the driver's exception (which may quote ids, blinded terms or sealed
 * bytes, never plaintext, since the store has none).
 *
 * <p><b>Connections.</b> One connection is borrowed per call and returned before the call ends;
 * auto-commit and isolation are restored before it goes back. Only prepared statements are used,
 * and every statement and result set is closed.
 *
 * <p><b>Schema.</b> The tables come from the versioned migration files on the classpath under
 * {@link Dialect#migrationLocation()} (Flyway naming: {@code V1__secure_records.sql} creates the
 * tables, {@code V2__term_carried.sql} adds the term table's {@code carried} column), with the
 * table prefix {@code sr_}. Run them with Flyway or Liquibase, or call {@link #migrate()}, which
 * also supports another prefix and brings a version 1 database up to date (its term rows then
 * carry nothing). {@link Builder#build()} refuses a database whose schema version is newer than
 * this library's; a database left at an older version must be migrated before terms are written
 * or their hits read.
 */
public final class JdbcRecordStore implements RecordStore {
  /** The newest schema version this library creates and understands. */
  public static final int SCHEMA_VERSION = Schema.LATEST;

  private final DataSource dataSource;
  private final Schema schema;
  private final Sql sql;
  private volatile boolean closed;

  private JdbcRecordStore(DataSource dataSource, Schema schema) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.sql = new Sql(schema);
  }

  /**
   * Starts a store over this data source: the dialect is detected from its metadata and the
   * table prefix is {@code sr_} unless set.
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** The dialect this store speaks. */
  public Dialect dialect() {
    return schema.dialect;
  }

  /**
   * Creates the tables, or brings them up to {@link #SCHEMA_VERSION}, by running the pending
   * migration files with this store's prefix; does nothing when the schema is current. For hosts
   * that run neither Flyway nor Liquibase.
   *
   * <p>Safe when several processes (or threads) call it at once on one database: PostgreSQL
   * migrates in one transaction under a transaction-level advisory lock
   * ({@code pg_advisory_xact_lock}) keyed by the prefix; MariaDB under a named lock
   * ({@code GET_LOCK}, waiting up to {@value #MIGRATION_LOCK_SECONDS} s) held by the migrating
   * session; both re-read the installed version once they hold the lock, so the second caller
   * finds the schema current. H2 has no such lock: there a caller whose statements fail because
   * another created the tables first waits (up to {@value #MIGRATION_LOCK_SECONDS} s) for the
   * other's version row and succeeds when it appears.
   *
   * @throws StoreException if the schema is newer than this library's, a statement fails, or
   *     another migration holds the lock for too long
   */
  public void migrate() {
    ensureOpen();
    try {
      migrateOnce();
    } catch (SQLException e) {
      if (schema.dialect != Dialect.H2 || !awaitOtherMigration()) {
        throw new StoreException("migrating the " + schema.dialect + " schema failed (SQLState "
            + e.getSQLState() + ")", e);
      }
    }
  }

  /** How long a migration waits for another one, in seconds. */
  static final int MIGRATION_LOCK_SECONDS = 60;

  private void migrateOnce() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      boolean named = false;
      try {
        named = lockForMigration(c);
        int installed = schema.installedVersion(c);
        schema.refuseNewer(installed);
        for (String statement : schema.pendingStatements(installed)) {
          try (PreparedStatement ps = c.prepareStatement(statement)) {
            ps.execute();
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        if (named) {
          unlockAfterMigration(c);
        }
        c.setAutoCommit(autoCommit);
      }
    }
  }

  /**
   * Takes the dialect's migration lock in the connection's open transaction: PostgreSQL's is
   * released by the commit or rollback; MariaDB's belongs to the session and is released by
   * {@link #unlockAfterMigration} (returns true then).
   */
  private boolean lockForMigration(Connection c) throws SQLException {
    switch (schema.dialect) {
      case POSTGRES -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
          ps.setInt(1, MIGRATION_LOCK_CLASS);
          ps.setInt(2, schema.prefix.hashCode());
          ps.execute();
        }
        return false;
      }
      case MARIADB -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
          ps.setString(1, migrationLockName());
          ps.setInt(2, MIGRATION_LOCK_SECONDS);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getInt(1) != 1) {
              throw new StoreException("another process held the migration lock "
                  + migrationLockName() + " for more than " + MIGRATION_LOCK_SECONDS + " s");
            }
          }
        }
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private void unlockAfterMigration(Connection c) {
    try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
      ps.setString(1, migrationLockName());
      ps.execute();
    } catch (SQLException e) {
      // Closing the session releases it too.
    }
  }

  /** The first key of PostgreSQL's advisory lock for migrations ("SRMG"); the second is the prefix's. */
  private static final int MIGRATION_LOCK_CLASS = 0x53524d47;

  private String migrationLockName() {
    return "secure-records-migrate:" + schema.prefix;
  }

  /** H2: after a failed migration, whether another one installs the current version soon. */
  private boolean awaitOtherMigration() {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(MIGRATION_LOCK_SECONDS);
    while (true) {
      try (Connection c = dataSource.getConnection()) {
        int installed = schema.installedVersion(c);
        schema.refuseNewer(installed);
        if (installed == Schema.LATEST) {
          return true;
        }
      } catch (SQLException e) {
        return false;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** The schema version installed in the database, 0 if none. */
  public int installedSchemaVersion() {
    ensureOpen();
    try (Connection c = dataSource.getConnection()) {
      return schema.installedVersion(c);
    } catch (SQLException e) {
      throw new StoreException("reading the schema version failed (SQLState " + e.getSQLState() + ")", e);
    }
  }

  // ------------------------------------------------------------------ writes

  @Override
  public void write(WriteBatch batch) {
    writeAll(List.of(Objects.requireNonNull(batch, "batch")));
  }

  /**
   * Applies the batches in order in one transaction: all of them or none. Each batch is checked
   * against the store as the earlier ones left it, exactly as if written one by one; for imports,
   * where one transaction per record is too slow. Inserts are sent with JDBC batching.
   *
   * @throws ConflictException if any part of any batch does not hold; nothing is written
   * @throws StoreException if the database fails; nothing is written
   */
  public void writeAll(List<WriteBatch> batches) {
    ensureOpen();
    List<WriteBatch> work = batches.stream().filter(b -> !b.isEmpty()).toList();
    if (work.isEmpty()) {
      return;
    }
    for (WriteBatch batch : work) {
      checkShape(batch);
    }
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      int isolation = c.getTransactionIsolation();
      try {
        c.setAutoCommit(false);
        if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
          c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        try {
          for (WriteBatch batch : work) {
            apply(c, batch);
          }
          c.commit();
        } catch (SQLException | RuntimeException | Error e) {
          rollbackQuietly(c, e);
          throw e;
        }
      } finally {
        if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
          c.setTransactionIsolation(isolation);
        }
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw SqlFailures.of("writing a batch", e);
    }
  }

  /** What can be refused without the database: parts named twice, a broken run of sequences. */
  private static void checkShape(WriteBatch batch) {
    Set<RecordId> touched = new HashSet<>();
    for (WriteBatch.RecordPut put : batch.recordPuts()) {
      if (!touched.add(put.record().id())) {
        throw new ConflictException("record " + put.record().id().value() + " is written twice in one batch");
      }
    }
    Set<RecordId> deleted = new HashSet<>();
    for (WriteBatch.RecordDelete delete : batch.recordDeletes()) {
      if (!touched.add(delete.id())) {
        throw new ConflictException("record " + delete.id().value() + " is written twice in one batch");
      }
      deleted.add(delete.id());
    }
    for (RecordId id : batch.indexEntries().keySet()) {
      if (deleted.contains(id)) {
        throw new ConflictException("index terms for record " + id.value() + " that the batch deletes");
      }
    }
    Set<KeyName> keys = new HashSet<>();
    for (WriteBatch.KeyPut put : batch.keyPuts()) {
      if (!keys.add(put.entry().name())) {
        throw new ConflictException("key " + put.entry().name() + " is written twice in one batch");
      }
    }
    List<LogEntry> log = batch.logAppends();
    for (int i = 1; i < log.size(); i++) {
      if (log.get(i).sequence() != log.get(0).sequence() + i) {
        throw new ConflictException("log entry " + log.get(i).sequence() + " does not follow "
            + log.get(i - 1).sequence());
      }
    }
    for (Map.Entry<String, Integer> limit : tokenLimits(batch).entrySet()) {
      if (limit.getValue() < 0) {
        throw new ConflictException("token " + limit.getKey() + " has no uses left");
      }
    }
  }

  /**
   * Per token, the highest stored count at which the batch's uses still fit: the k-th use in the
   * batch (k = 1, 2, ...) needs stored + k <= its maxUses, so stored <= min(maxUses - k).
   */
  private static TreeMap<String, Integer> tokenLimits(WriteBatch batch) {
    TreeMap<String, Integer> seen = new TreeMap<>();
    TreeMap<String, Integer> limits = new TreeMap<>();
    for (WriteBatch.TokenUse use : batch.tokenUses()) {
      int k = seen.merge(use.tokenId(), 1, Integer::sum);
      limits.merge(use.tokenId(), use.maxUses() - k, Math::min);
    }
    return limits;
  }

  private void apply(Connection c, WriteBatch batch) throws SQLException {
    Set<RecordId> created = writeRecords(c, batch);
    writeTerms(c, batch, created);
    writeKeys(c, batch);
    appendLog(c, batch.logAppends());
    countTokenUses(c, batch);
  }

  /** Record puts and deletes in id order; returns the ids created (expected version 0). */
  private Set<RecordId> writeRecords(Connection c, WriteBatch batch) throws SQLException {
    TreeMap<RecordId, Object> parts = new TreeMap<>();
    batch.recordPuts().forEach(p -> parts.put(p.record().id(), p));
    batch.recordDeletes().forEach(d -> parts.put(d.id(), d));
    Set<RecordId> created = new HashSet<>();
    try (PreparedStatement insert = c.prepareStatement(sql.insertRecord);
        PreparedStatement update = c.prepareStatement(sql.updateRecord);
        PreparedStatement delete = c.prepareStatement(sql.deleteRecord);
        PreparedStatement deleteTerms = c.prepareStatement(sql.deleteTerms)) {
      for (Object part : parts.values()) {
        if (part instanceof WriteBatch.RecordPut put && put.expectedVersion() == 0) {
          int i = bindRecord(insert, put.record());
          insert.setString(i, put.record().id().value());
          insert.addBatch();
          created.add(put.record().id());
        } else if (part instanceof WriteBatch.RecordPut put) {
          SealedRecord r = put.record();
          int i = bindRecord(update, r);
          update.setString(i++, r.id().value());
          update.setLong(i++, put.expectedVersion());
          update.setString(i, r.client().value());
          if (update.executeUpdate() != 1) {
            throw new ConflictException("record " + r.id().value() + " is not at version "
                + put.expectedVersion() + " of this client");
          }
        } else {
          WriteBatch.RecordDelete d = (WriteBatch.RecordDelete) part;
          delete.setString(1, d.id().value());
          delete.setLong(2, d.expectedVersion());
          if (delete.executeUpdate() != 1) {
            throw new ConflictException("record " + d.id().value() + " is not held at version "
                + d.expectedVersion());
          }
          deleteTerms.setString(1, d.id().value());
          deleteTerms.executeUpdate();
        }
      }
      if (!created.isEmpty()) {
        executeInserts(insert, "a new record's id is taken");
      }
    }
    return created;
  }

  /** Binds every column but the id (insert's values, update's SET); returns the next index. */
  private static int bindRecord(PreparedStatement ps, SealedRecord r) throws SQLException {
    int i = 1;
    ps.setString(i++, r.client().value());
    ps.setString(i++, r.type().name());
    ps.setLong(i++, r.version());
    ps.setLong(i++, r.created().getEpochSecond());
    ps.setInt(i++, r.created().getNano());
    ps.setLong(i++, r.updated().getEpochSecond());
    ps.setInt(i++, r.updated().getNano());
    ps.setInt(i++, r.format());
    ps.setBytes(i++, FieldCodec.encode(r.fields()));
    ps.setBytes(i++, r.mac());
    return i;
  }

  /**
   * Replaces the entry set of each record the batch names: its term rows are deleted and the new
   * entries inserted, each with its carried bytes (NULL when it carries none).
   */
  private void writeTerms(Connection c, WriteBatch batch, Set<RecordId> created) throws SQLException {
    if (batch.indexEntries().isEmpty()) {
      return;
    }
    Set<RecordId> put = new HashSet<>();
    batch.recordPuts().forEach(p -> put.add(p.record().id()));
    try (PreparedStatement lock = c.prepareStatement(sql.lockRecord);
        PreparedStatement delete = c.prepareStatement(sql.deleteTerms);
        PreparedStatement insert = c.prepareStatement(sql.insertTerm)) {
      List<TermRow> rows = new ArrayList<>();
      for (Map.Entry<RecordId, List<IndexEntry>> e : new TreeMap<>(batch.indexEntries()).entrySet()) {
        String id = e.getKey().value();
        if (!put.contains(e.getKey())) {
          // Lock the record so that a concurrent delete cannot leave these terms orphaned.
          lock.setString(1, id);
          try (ResultSet rs = lock.executeQuery()) {
            if (!rs.next()) {
              throw new ConflictException("index terms for record " + id + " that is not held");
            }
          }
        }
        if (!created.contains(e.getKey())) {
          delete.setString(1, id);
          delete.executeUpdate();
        }
        // The batch names each term at most once per record (WriteBatch checks it).
        for (IndexEntry entry : e.getValue()) {
          IndexTerm term = entry.term();
          rows.add(new TermRow(term.index(), term.term(), id, entry.carried()));
        }
      }
      if (rows.isEmpty()) {
        return;
      }
      // In index order: the rows land side by side in the terms' index (and the commit walks it
      // in that order) instead of at random places all over it.
      rows.sort(TermRow.ORDER);
      for (TermRow row : rows) {
        insert.setString(1, row.index());
        insert.setBytes(2, row.term());
        insert.setString(3, row.recordId());
        if (row.carried().length == 0) {
          insert.setNull(4, java.sql.Types.VARBINARY);
        } else {
          insert.setBytes(4, row.carried());
        }
        insert.addBatch();
      }
      executeInserts(insert, "index terms were written by another writer");
    }
  }

  /** One row of the term table, as written. */
  private record TermRow(String index, byte[] term, String recordId, byte[] carried) {
    static final Comparator<TermRow> ORDER = Comparator.comparing(TermRow::index)
        .thenComparing(TermRow::term, Arrays::compareUnsigned)
        .thenComparing(TermRow::recordId);
  }

  private void writeKeys(Connection c, WriteBatch batch) throws SQLException {
    if (batch.keyPuts().isEmpty()) {
      return;
    }
    TreeMap<KeyName, WriteBatch.KeyPut> puts = new TreeMap<>();
    batch.keyPuts().forEach(p -> puts.put(p.entry().name(), p));
    try (PreparedStatement insert = c.prepareStatement(sql.insertKey);
        PreparedStatement update = c.prepareStatement(sql.updateKey)) {
      boolean inserts = false;
      for (WriteBatch.KeyPut put : puts.values()) {
        KeyEntry entry = put.entry();
        if (put.expectedVersion() == 0) {
          int i = bindKey(insert, entry);
          insert.setString(i, entry.name().value());
          insert.addBatch();
          inserts = true;
        } else {
          int i = bindKey(update, entry);
          update.setString(i++, entry.name().value());
          update.setLong(i, put.expectedVersion());
          if (update.executeUpdate() != 1) {
            throw new ConflictException("key " + entry.name() + " is not at version " + put.expectedVersion());
          }
        }
      }
      if (inserts) {
        executeInserts(insert, "a new key's name is taken");
      }
    }
  }

  private static int bindKey(PreparedStatement ps, KeyEntry entry) throws SQLException {
    ps.setLong(1, entry.version());
    if (entry instanceof KeyEntry.Wrapped w) {
      ps.setBoolean(2, false);
      ps.setBytes(3, w.wrapped());
      ps.setNull(4, java.sql.Types.BIGINT);
      ps.setNull(5, java.sql.Types.INTEGER);
    } else {
      Instant at = ((KeyEntry.Erased) entry).erasedAt();
      ps.setBoolean(2, true);
      ps.setNull(3, java.sql.Types.VARBINARY);
      ps.setLong(4, at.getEpochSecond());
      ps.setInt(5, at.getNano());
    }
    return 6;
  }

  private void appendLog(Connection c, List<LogEntry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    long next;
    try (PreparedStatement ps = c.prepareStatement(sql.logSize);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      next = rs.getLong(1);
    }
    if (entries.get(0).sequence() != next) {
      throw new ConflictException("log entry " + entries.get(0).sequence()
          + " does not follow the log's end at " + next);
    }
    // A concurrent writer that read the same end inserts the same sequence: the primary key
    // lets one of the two commit and makes the other fail with a duplicate key (a conflict).
    try (PreparedStatement insert = c.prepareStatement(sql.insertLog)) {
      for (LogEntry entry : entries) {
        insert.setLong(1, entry.sequence());
        insert.setBytes(2, entry.sealed());
        insert.addBatch();
      }
      executeInserts(insert, "the log position was taken by another writer");
    }
  }

  private void countTokenUses(Connection c, WriteBatch batch) throws SQLException {
    if (batch.tokenUses().isEmpty()) {
      return;
    }
    TreeMap<String, Integer> counts = new TreeMap<>();
    batch.tokenUses().forEach(u -> counts.merge(u.tokenId(), 1, Integer::sum));
    TreeMap<String, Integer> limits = tokenLimits(batch);
    try (PreparedStatement ensure = c.prepareStatement(sql.ensureToken);
        PreparedStatement use = c.prepareStatement(sql.useToken)) {
      for (Map.Entry<String, Integer> count : counts.entrySet()) {
        ensureTokenRow(c, ensure, count.getKey());
        use.setInt(1, count.getValue());
        use.setString(2, count.getKey());
        use.setInt(3, limits.get(count.getKey()));
        if (use.executeUpdate() != 1) {
          throw new ConflictException("token " + count.getKey() + " has no uses left");
        }
      }
    }
  }

  private void ensureTokenRow(Connection c, PreparedStatement ensure, String tokenId) throws SQLException {
    ensure.setString(1, tokenId);
    if (schema.dialect == Dialect.H2) {
      ensure.setString(2, tokenId);
      try {
        ensure.executeUpdate();
      } catch (SQLException e) {
        // H2 undoes only the failed statement: another transaction created the row first, which
        // is all this statement wanted.
        if (!SqlFailures.isDuplicateKey(e)) {
          throw e;
        }
      }
    } else {
      ensure.executeUpdate();
    }
  }

  /** Runs batched inserts; a taken key means another writer got there first. */
  private static void executeInserts(PreparedStatement insert, String conflict) throws SQLException {
    try {
      insert.executeBatch();
    } catch (SQLException e) {
      if (SqlFailures.isDuplicateKey(e)) {
        throw new ConflictException(conflict);
      }
      throw e;
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Optional<SealedRecord> record(RecordId id) {
    Objects.requireNonNull(id, "id");
    List<SealedRecord> found = query("reading a record", sql.selectRecord,
        ps -> ps.setString(1, id.value()), JdbcRecordStore::readRecord);
    return found.stream().findFirst();
  }

  @Override
  public List<SealedRecord> records(ClientId client) {
    Objects.requireNonNull(client, "client");
    return query("listing a client's records", sql.selectRecordsOfClient,
        ps -> ps.setString(1, client.value()), JdbcRecordStore::readRecord);
  }

  @Override
  public List<RecordId> recordIds(RecordId after, int limit) {
    checkLimit(limit);
    return query("listing record ids", sql.selectRecordIds, ps -> {
      ps.setString(1, after == null ? "" : after.value());
      ps.setInt(2, limit);
    }, rs -> RecordId.of(rs.getString(1)));
  }

  @Override
  public Optional<KeyEntry> key(KeyName name) {
    Objects.requireNonNull(name, "name");
    List<KeyEntry> found = query("reading a key", sql.selectKey,
        ps -> ps.setString(1, name.value()), JdbcRecordStore::readKey);
    return found.stream().findFirst();
  }

  /** One query per {@value #KEYS_PER_QUERY} names, each {@code name IN (...)} on the key table. */
  @Override
  public List<KeyEntry> keys(Set<KeyName> names) {
    List<KeyName> sorted = List.copyOf(new TreeSet<>(names));
    List<KeyEntry> out = new ArrayList<>(sorted.size());
    for (int from = 0; from < sorted.size(); from += KEYS_PER_QUERY) {
      List<KeyName> part = sorted.subList(from, Math.min(sorted.size(), from + KEYS_PER_QUERY));
      String statement = sql.selectKeysIn + "?" + ", ?".repeat(part.size() - 1) + ")";
      out.addAll(query("reading keys", statement, ps -> {
        for (int i = 0; i < part.size(); i++) {
          ps.setString(i + 1, part.get(i).value());
        }
      }, JdbcRecordStore::readKey));
    }
    // Ordered here, not by the database: its collation need not be String.compareTo's.
    out.sort(java.util.Comparator.comparing(KeyEntry::name));
    return List.copyOf(out);
  }

  /** Names per query of {@link #keys}: a lookup asks for about ten; rotation jobs for more. */
  private static final int KEYS_PER_QUERY = 100;

  @Override
  public List<KeyName> keyNames(KeyName after, int limit) {
    checkLimit(limit);
    return query("listing key names", sql.selectKeyNames, ps -> {
      ps.setString(1, after == null ? "" : after.value());
      ps.setInt(2, limit);
    }, rs -> new KeyName(rs.getString(1)));
  }

  @Override
  public List<RecordId> findByTerm(IndexTerm term) {
    Objects.requireNonNull(term, "term");
    return query("finding by term", sql.selectByTerm, ps -> {
      ps.setString(1, term.index());
      ps.setBytes(2, term.term());
    }, rs -> RecordId.of(rs.getString(1)));
  }

  /** One query: the term's rows joined to their records. */
  @Override
  public List<SealedRecord> recordsByTerm(IndexTerm term) {
    Objects.requireNonNull(term, "term");
    return query("reading records by term", sql.selectRecordsByTerm, ps -> {
      ps.setString(1, term.index());
      ps.setBytes(2, term.term());
    }, JdbcRecordStore::readRecord);
  }

  /**
   * One query on the term table alone, never the records: each entry's record id and carried
   * bytes (empty for an entry that carries none, and for one written before schema version 2).
   */
  @Override
  public List<TermHit> hitsByTerm(IndexTerm term) {
    Objects.requireNonNull(term, "term");
    return query("reading hits by term", sql.selectHitsByTerm, ps -> {
      ps.setString(1, term.index());
      ps.setBytes(2, term.term());
    }, rs -> {
      byte[] carried = rs.getBytes(2);
      return new TermHit(RecordId.of(rs.getString(1)), carried == null ? NOTHING_CARRIED : carried);
    });
  }

  /** What an entry written without carried bytes carries (TermHit copies it). */
  private static final byte[] NOTHING_CARRIED = new byte[0];

  @Override
  public List<LogEntry> log(long fromSequence, int limit) {
    if (fromSequence < 0 || limit < 0) {
      throw new IllegalArgumentException("fromSequence and limit must not be negative");
    }
    return query("reading the log", sql.selectLog, ps -> {
      ps.setLong(1, fromSequence);
      ps.setInt(2, limit);
    }, rs -> new LogEntry(rs.getLong(1), rs.getBytes(2)));
  }

  @Override
  public long logSize() {
    return query("reading the log size", sql.logSize, ps -> {}, rs -> rs.getLong(1)).get(0);
  }

  @Override
  public int tokenUses(String tokenId) {
    Objects.requireNonNull(tokenId, "tokenId");
    List<Integer> uses = query("reading token uses", sql.selectTokenUses,
        ps -> ps.setString(1, tokenId), rs -> rs.getInt(1));
    return uses.isEmpty() ? 0 : uses.get(0);
  }

  /** Marks the store closed; the data source stays open (it is the host's). */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "JdbcRecordStore[" + schema.dialect + ", prefix " + schema.prefix + "]";
  }

  /** Drops this store's tables and everything in them: for tests that made their own prefix. */
  void dropTables() {
    List<String> tables = new ArrayList<>(schema.dataTables());
    tables.add(schema.version);
    try (Connection c = dataSource.getConnection()) {
      for (String table : tables) {
        try (PreparedStatement ps = c.prepareStatement("DROP TABLE IF EXISTS " + table)) {
          ps.execute();
        }
      }
    } catch (SQLException e) {
      throw SqlFailures.of("dropping tables", e);
    }
  }

  /** Deletes every row but the schema version: for tests that reuse one set of tables. */
  void deleteAll() {
    try (Connection c = dataSource.getConnection()) {
      for (String table : schema.dataTables()) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table)) {
          ps.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw SqlFailures.of("deleting rows", e);
    }
  }

  private static SealedRecord readRecord(ResultSet rs) throws SQLException {
    return new SealedRecord(
        RecordId.of(rs.getString(1)),
        RecordType.of(rs.getString(3)),
        ClientId.of(rs.getString(2)),
        rs.getLong(4),
        Instant.ofEpochSecond(rs.getLong(5), rs.getInt(6)),
        Instant.ofEpochSecond(rs.getLong(7), rs.getInt(8)),
        rs.getInt(9),
        FieldCodec.decode(rs.getBytes(10)),
        rs.getBytes(11));
  }

  private static KeyEntry readKey(ResultSet rs) throws SQLException {
    KeyName name = new KeyName(rs.getString(1));
    long version = rs.getLong(2);
    if (rs.getBoolean(3)) {
      return new KeyEntry.Erased(name, version, Instant.ofEpochSecond(rs.getLong(5), rs.getInt(6)));
    }
    return new KeyEntry.Wrapped(name, version, rs.getBytes(4));
  }

  private static void checkLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String operation, String statement, Binder binder, RowReader<T> reader) {
    ensureOpen();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(statement)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(reader.read(rs));
        }
        return List.copyOf(out);
      }
    } catch (SQLException e) {
      throw new StoreException(operation + " failed (SQLState " + e.getSQLState() + ")", e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("the JDBC store is closed");
    }
  }

  /** Options of a {@link JdbcRecordStore}. */
  public static final class Builder {
    private final DataSource dataSource;
    private Dialect dialect;
    private String tablePrefix = Schema.DEFAULT_PREFIX;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The dialect to speak, instead of detecting it from the database's metadata. */
    public Builder dialect(Dialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * The prefix of every table and index name (default {@code sr_}): 1 to 30 lower-case letters,
     * digits or '_', starting with a letter. The migration files use {@code sr_}; with another
     * prefix create the tables with {@link JdbcRecordStore#migrate()} (or copy the files and
     * rename).
     *
     * @throws IllegalArgumentException if the prefix is not of that form
     */
    public Builder tablePrefix(String prefix) {
      new Schema(Dialect.H2, prefix);
      this.tablePrefix = prefix;
      return this;
    }

    /**
     * Detects the dialect if not set and checks the installed schema version (a missing schema is
     * allowed: {@link JdbcRecordStore#migrate()} creates it).
     *
     * @throws StoreException if the database cannot be reached, or holds a schema newer than this
     *     library's {@link JdbcRecordStore#SCHEMA_VERSION}
     */
    public JdbcRecordStore build() {
      try (Connection c = dataSource.getConnection()) {
        Schema schema = new Schema(dialect != null ? dialect : Dialect.of(c.getMetaData()), tablePrefix);
        schema.refuseNewer(schema.installedVersion(c));
        return new JdbcRecordStore(dataSource, schema);
      } catch (SQLException e) {
        throw new StoreException("opening the JDBC store failed (SQLState " + e.getSQLState() + ")", e);
      }
    }
  }
}
