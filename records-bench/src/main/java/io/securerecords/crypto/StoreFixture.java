package io.securerecords.crypto;

import io.securerecords.api.policy.Purpose;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.RecordStore;
import io.securerecords.bench.PlainIndex;
import io.securerecords.bench.PlainRows;
import io.securerecords.bench.PlainTable;
import io.securerecords.bench.PooledDataSource;
import io.securerecords.bench.PsuPopulation;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.token.Approval;
import io.securerecords.crypto.token.Requester;
import io.securerecords.jdbc.JdbcRecordStore;
import io.securerecords.lucene.LuceneRecordStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A sealed store and its plaintext twin on one engine, holding the same {@code clients} PSU
 * clients (two records each). Loaded once through {@code SecureRecords.putAll} (500 clients, 1,000
 * records, per call: one transaction or commit each) and kept under {@code
 * records-bench/target/bench-data/ENGINE-CLIENTS} (or the folder in {@code -Dbench.data}), so
 * later runs open it at once; delete the folder to load again.
 */
final class StoreFixture implements AutoCloseable {
  static final String SEARCH_RECIPIENT = "court";
  private static final int GROUP = 500;

  final String engine;
  final int clients;
  final SecureRecords records;
  final RecordStore store;
  final PlainTable plainTable;
  final PlainIndex plainIndex;
  /** The plaintext twin that also keeps every index entry in clear (same searches as sealed). */
  final PlainTable indexedTable;
  final PlainIndex indexedIndex;
  final RecordId[] basicIds;
  final RecordId[] caseworkIds;
  final IndexTerm[] registerTerms;
  private final PooledDataSource pool;

  private StoreFixture(String engine, int clients) throws IOException, SQLException {
    this.engine = engine;
    this.clients = clients;
    Path dir = Path.of(System.getProperty("bench.data", "records-bench/target/bench-data"))
        .resolve(engine + "-" + clients).toAbsolutePath();
    Path ready = dir.resolve("ready");
    if (!Files.exists(ready) && Files.exists(dir)) {
      // A load that did not finish: start again from nothing (the servers' tables are reused,
      // so for them drop the b<clients>_ tables by hand after an interrupted load).
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(dir);
    KeyEncryptionKey kek = KeyEncryptionKey.developmentFile(dir.resolve("kek.json"));
    String prefix = "b" + clients + "_";
    if (engine.equals("lucene")) {
      pool = null;
      store = LuceneRecordStore.open(dir.resolve("sealed"));
      plainIndex = new PlainIndex(dir.resolve("plain"));
      indexedIndex = new PlainIndex(dir.resolve("plain-indexed"), true);
      plainTable = null;
      indexedTable = null;
    } else {
      pool = new PooledDataSource(dataSource(engine, dir));
      JdbcRecordStore jdbc = JdbcRecordStore.builder(pool).tablePrefix(prefix).build();
      jdbc.migrate();
      store = jdbc;
      plainTable = new PlainTable(pool, prefix + "plain");
      plainTable.create(engine);
      indexedTable = new PlainTable(pool, prefix + "plainix", true);
      indexedTable.create(engine);
      plainIndex = null;
      indexedIndex = null;
    }
    Path ids = dir.resolve("ids.tsv");
    if (!Files.exists(ready) || plainCount() < 2L * clients) {
      load(kek, ids);
      Files.writeString(ready, "loaded\n");
    }
    basicIds = new RecordId[clients];
    caseworkIds = new RecordId[clients];
    registerTerms = new IndexTerm[clients];
    try (var lines = Files.lines(ids)) {
      lines.forEach(line -> {
        String[] p = line.split("\t");
        int i = Integer.parseInt(p[0]);
        basicIds[i] = RecordId.of(p[1]);
        caseworkIds[i] = RecordId.of(p[2]);
        registerTerms[i] = new IndexTerm("register", Base64.getDecoder().decode(p[3]));
      });
    }
    records = builder(store, kek).build();
    for (int i = 0; i < clients; i++) {
      records.dataKeys().forReading(PsuPopulation.clientId(i));
    }
  }

  static StoreFixture open(String engine, int clients) {
    try {
      return new StoreFixture(engine, clients);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private SecureRecords.Builder builder(RecordStore on, KeyEncryptionKey kek) {
    // Every client's key fits in the cache, as a service sized for its population has it:
    // benchmarks 3 and 4 measure the store and the index, KeyCacheBenchmark the cache.
    return SecureRecords.builder().store(on).kek(kek).expectedClients(Math.max(clients, 50_000))
        .keyCache(clients + 1_000L, Duration.ofHours(1)).tokenLifetime(Duration.ofHours(24));
  }

  private static DataSource dataSource(String engine, Path dir) {
    switch (engine) {
      case "h2" -> {
        JdbcDataSource h2 = new JdbcDataSource();
        // H2's page cache in KB: 64 MB unless -Dbench.h2cache says otherwise (benchmark 4's
        // growth at 1,000,000 records is measured with both).
        h2.setURL("jdbc:h2:file:" + dir.resolve("h2") + ";CACHE_SIZE="
            + Integer.getInteger("bench.h2cache", 65536));
        return h2;
      }
      case "postgres" -> {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(System.getProperty("bench.postgres",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
        return pg;
      }
      case "mariadb" -> {
        try {
          return new MariaDbDataSource(System.getProperty("bench.mariadb",
              "jdbc:mariadb://127.0.0.1:3306/test?user=root"));
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
      default -> throw new IllegalArgumentException("engine is h2, lucene, postgres or mariadb");
    }
  }

  long plainCount() throws IOException, SQLException {
    return plainTable != null ? Math.min(plainTable.count(), indexedTable.count())
        : Math.min(plainIndex.count(), indexedIndex.count());
  }

  /** Inserts into the plaintext twin, or with {@code indexed} into the one with index entries. */
  void insertPlain(List<PlainRows.Row> rows, boolean indexed) {
    try {
      if (plainTable != null) {
        (indexed ? indexedTable : plainTable).insert(rows);
      } else {
        (indexed ? indexedIndex : plainIndex).insert(rows);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  String plainGet(String id) {
    try {
      return plainTable != null ? plainTable.get(id) : plainIndex.get(id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  String plainByRegisterNumber(String number) {
    try {
      return plainTable != null ? plainTable.byRegisterNumber(number)
          : plainIndex.byRegisterNumber(number);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void load(KeyEncryptionKey kek, Path ids) throws IOException {
    long start = System.nanoTime();
    SecureRecords loader = builder(store, kek).build();
    Indexes.Declared register = loader.indexes().declared("register");
    PsuPopulation population = PsuPopulation.standard();
    List<PlainRows.Row> plain = new ArrayList<>();
    List<NewRecord> sealed = new ArrayList<>();
    List<String> registerTerms = new ArrayList<>();
    long created = 1_772_000_000L;
    try (BufferedWriter out = Files.newBufferedWriter(ids, StandardCharsets.UTF_8)) {
      for (int i = 0; i < clients; i++) {
        PsuPopulation.PsuClient c = population.client(i);
        sealed.add(new NewRecord(c.id(), c.basic()));
        sealed.add(new NewRecord(c.id(), c.casework()));
        registerTerms.add(Base64.getEncoder().encodeToString(loader.indexes()
            .queryTerms(register, c.basic().registration()).get(0).term()));
        plain.addAll(List.of(PlainRows.of(c, created)));
        if ((i + 1) % GROUP == 0 || i + 1 == clients) {
          List<RecordId> written = loader.putAll(sealed);
          int first = i + 1 - registerTerms.size();
          for (int k = 0; k < registerTerms.size(); k++) {
            out.write((first + k) + "\t" + written.get(2 * k).value() + "\t"
                + written.get(2 * k + 1).value() + "\t" + registerTerms.get(k) + "\n");
          }
          insertPlain(plain, false);
          insertPlain(plain, true);
          sealed.clear();
          registerTerms.clear();
          plain.clear();
        }
        if ((i + 1) % 10_000 == 0) {
          analyzeIfPostgres("ANALYZE ");
          System.out.printf("loaded %d of %d clients into %s (%.0f s)%n", i + 1, clients, engine,
              (System.nanoTime() - start) / 1e9);
        }
      }
    }
    analyzeIfPostgres("VACUUM ANALYZE ");
  }

  /**
   * On PostgreSQL, what autovacuum does on a server with the default settings: the fixture's
   * tables analysed, which also drops the plans cached for them. This machine's server runs with
   * autovacuum off (for the tests); without this, the plan cached for the key read by names
   * ({@code name IN (...)}) while the key table was nearly empty stays a sequential scan and the
   * load slows to a crawl (tenth session: 110 clients/s at 170,000 clients, 700 after ANALYZE).
   * At the end of the load the tables are vacuumed as well, as autovacuum does to a table that
   * has had many rows inserted (thirteenth session on): that marks their pages all-visible, which
   * an index-only scan needs (the term table's primary key, schema version 4) and which a
   * plaintext index scan that fetches its row does not use.
   */
  private void analyzeIfPostgres(String command) {
    if (!engine.equals("postgres")) {
      return;
    }
    String prefix = "b" + clients + "_";
    try (var c = pool.getConnection(); var s = c.createStatement()) {
      for (String table : List.of("record", "term", "key", "plain", "plainix", "plainix_term")) {
        s.execute(command + prefix + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(command.strip() + " failed", e);
    }
  }

  /**
   * A search token for a cross-client lookup by register number: a court order (2.3) approved by
   * the Caldicott Guardian, identity only, usable for every benchmark invocation.
   */
  String searchToken() {
    Requester clerk = new Requester("Clerk", "County Court", "Clerk", "clerk@court.example");
    return records.decide(records.newDecision().subject(SecureRecords.ALL_CLIENTS)
        .purpose(Purpose.LEGAL_OBLIGATION).audience(SEARCH_RECIPIENT).requester(clerk)
        .reason("identify the registrant named in the order").legalReference("Order 2026/123")
        .approval(new Approval("Dr Grace Guardian", SecureRecords.CALDICOTT_GUARDIAN))
        .fieldClasses(EnumSet.of(FieldClass.IDENTITY)).maxUses(Integer.MAX_VALUE).build(), clerk);
  }

  @Override
  public void close() throws IOException {
    records.close();
    if (plainIndex != null) {
      plainIndex.close();
      indexedIndex.close();
    }
    if (pool != null) {
      pool.close();
    }
  }
}
