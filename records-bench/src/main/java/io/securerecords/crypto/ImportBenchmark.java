package io.securerecords.crypto;

import io.securerecords.api.record.RecordId;
import io.securerecords.bench.PlainRows;
import io.securerecords.bench.PlainTable;
import io.securerecords.bench.PooledDataSource;
import io.securerecords.bench.PsuPopulation;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.jdbc.JdbcRecordStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 6: import {@code records} records (half Basic Records, half 4 KB casework records of
 * {@code records / 2} clients) into a fresh embedded H2 file database, in a JVM with {@code
 * -Xmx512m}; one shot each. Rate = records / score.
 *
 * <ul>
 *   <li>{@code sealedPut}: {@code SecureRecords.putAll}, 1,000 records (500 clients) per call:
 *       each call seals them and writes them in one transaction.
 *   <li>{@code plainBatch}: the same rows in clear, JDBC batch insert, 1,000 per transaction, with
 *       record ids of the library's own format (time-ordered, one instant per transaction, as
 *       {@code putAll} gives them), as benchmark 3's twin has had them; {@code twinIds=short}
 *       gives the twin the short ids ({@code b-}<i>i</i>, {@code c-}<i>i</i>) it had before the
 *       seventeenth session.
 *   <li>{@code plainBatchIndexed}: as {@code plainBatch}, plus each record's index entries in
 *       clear in a term table (the same searches the sealed store answers).
 *   <li>{@code plainBatchIndexedInOrder}: as {@code plainBatchIndexed}, with each transaction's
 *       term rows inserted in index order, as the sealed store inserts its own.
 * </ul>
 *
 * <p>Not part of the default run: see BENCHMARKS.md for its own command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class ImportBenchmark {
  @Param({"1000000"})
  public int records;

  /**
   * Settings appended to the H2 URL of both imports (none by default: H2 then sizes its page
   * cache from the heap, 16 MB under -Xmx512m); for example {@code ;CACHE_SIZE=131072}.
   */
  @Param({""})
  public String h2Settings;

  /**
   * The twin's record ids: {@code library} (the library's format, {@code RecordId.timeOrdered},
   * one instant per transaction: the same rows as the sealed import's) or {@code short} ({@code
   * b-}<i>i</i> and {@code c-}<i>i</i>, up to 8 characters against 33, as before the seventeenth
   * session; kept to reproduce earlier figures).
   */
  @Param({"library"})
  public String twinIds;

  /**
   * The sealed import's key cache: empty for the library's default, else its maximum size, 0 for
   * none (idle expiry as the default's, five minutes).
   */
  @Param({""})
  public String keyCache = "";

  Path dir;
  PooledDataSource pool;
  private boolean libraryIds;
  /** {@link #keyCache} read; -1: the library's default. */
  private long keyCacheSize;

  @Setup(Level.Iteration)
  public void setUp() throws IOException {
    // Checked before anything is written: an unknown choice creates no directory or table.
    libraryIds = switch (twinIds) {
      case "library" -> true;
      case "short" -> false;
      default -> throw new IllegalArgumentException("twinIds: library or short");
    };
    keyCacheSize = keyCache.isEmpty() ? -1 : parseSize(keyCache);
    dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "import-");
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.resolve("h2").toAbsolutePath() + h2Settings);
    pool = new PooledDataSource(h2);
  }

  @TearDown(Level.Iteration)
  public void tearDown() throws IOException {
    pool.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private JdbcRecordStore store() {
    JdbcRecordStore store = JdbcRecordStore.builder(pool).build();
    store.migrate();
    return store;
  }

  private SecureRecords.Builder builder(io.securerecords.api.store.RecordStore store) {
    SecureRecords.Builder b = SecureRecords.builder().store(store)
        .kek(KeyEncryptionKey.ephemeral()).expectedClients(Math.max(records / 2, 50_000));
    return keyCacheSize < 0 ? b : b.keyCache(keyCacheSize, Duration.ofMinutes(5));
  }

  private static long parseSize(String s) {
    try {
      long n = Long.parseLong(s);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("keyCache: empty, or a number of keys from 0");
  }

  @Benchmark
  public int sealedPut() {
    try (SecureRecords secure = builder(store()).build()) {
      PsuPopulation population = PsuPopulation.standard();
      List<NewRecord> batch = new ArrayList<>(1_000);
      for (int i = 0; i < records / 2; i++) {
        PsuPopulation.PsuClient c = population.client(i);
        batch.add(new NewRecord(c.id(), c.basic()));
        batch.add(new NewRecord(c.id(), c.casework()));
        if (batch.size() >= 1_000) {
          secure.putAll(batch);
          batch.clear();
        }
      }
      secure.putAll(batch);
    }
    return records;
  }

  @Benchmark
  public int plainBatch() throws SQLException {
    return plain(new PlainTable(pool, "plain_record"));
  }

  /** As {@link #plainBatch()}, with every record's index entries in clear in a term table. */
  @Benchmark
  public int plainBatchIndexed() throws SQLException {
    return plain(new PlainTable(pool, "plain_record", true));
  }

  /**
   * As {@link #plainBatchIndexed()}, with each transaction's term rows inserted in primary-key
   * order, as the sealed JDBC store inserts its own: what the twin gains from the same ordering.
   */
  @Benchmark
  public int plainBatchIndexedInOrder() throws SQLException {
    return plain(new PlainTable(pool, "plain_record", true, true));
  }

  private int plain(PlainTable table) throws SQLException {
    table.create("h2");
    PsuPopulation population = PsuPopulation.standard();
    List<PlainRows.Row> rows = new ArrayList<>(1_000);
    Instant now = Instant.now();
    for (int i = 0; i < records / 2; i++) {
      if (rows.isEmpty()) {
        // One instant per transaction, as putAll takes one per call.
        now = Instant.now();
      }
      for (PlainRows.Row row : PlainRows.of(population.client(i), 1_772_000_000L)) {
        rows.add(libraryIds ? row.withId(RecordId.timeOrdered(now).value()) : row);
      }
      if (rows.size() >= 1_000) {
        table.insert(rows);
        rows.clear();
      }
    }
    table.insert(rows);
    return records;
  }
}
