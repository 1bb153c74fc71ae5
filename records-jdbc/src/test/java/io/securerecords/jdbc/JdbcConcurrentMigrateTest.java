package io.securerecords.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two {@link JdbcRecordStore#migrate()} calls at once on a fresh prefix (two threads, each with
 * its own store and connections, as two processes would have): both succeed, the schema is
 * installed once (one version row per migration), and the store works. Several rounds, each on a new prefix, on H2, PostgreSQL
 * and MariaDB.
 */
class JdbcConcurrentMigrateTest {
  private static final int ROUNDS = 6;

  @Test
  void h2MigratesOnceWhenTwoCallersRace() throws Exception {
    race(TestDatabases.h2Memory());
  }

  @Test
  void postgresMigratesOnceWhenTwoCallersRace() throws Exception {
    String url = TestDatabases.url(TestDatabases.POSTGRES_URL).orElse(null);
    Assumptions.assumeTrue(url != null, TestDatabases.howToEnable(TestDatabases.POSTGRES_URL));
    race(TestDatabases.postgres(url));
  }

  @Test
  void mariaDbMigratesOnceWhenTwoCallersRace() throws Exception {
    String url = TestDatabases.url(TestDatabases.MARIADB_URL).orElse(null);
    Assumptions.assumeTrue(url != null, TestDatabases.howToEnable(TestDatabases.MARIADB_URL));
    race(TestDatabases.mariadb(url));
  }

  private static void race(DataSource ds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String prefix = TestDatabases.randomPrefix();
        JdbcRecordStore one = JdbcRecordStore.builder(ds).tablePrefix(prefix).build();
        JdbcRecordStore two = JdbcRecordStore.builder(ds).tablePrefix(prefix).build();
        try {
          CyclicBarrier start = new CyclicBarrier(2);
          List<Future<?>> calls = new ArrayList<>();
          for (JdbcRecordStore store : List.of(one, two)) {
            calls.add(pool.submit(() -> {
              start.await(1, TimeUnit.MINUTES);
              store.migrate();
              return null;
            }));
          }
          for (Future<?> call : calls) {
            call.get(3, TimeUnit.MINUTES); // throws if that migrate() failed
          }
          assertEquals(JdbcRecordStore.SCHEMA_VERSION, one.installedSchemaVersion(), "round " + round);
          assertEquals(Schema.LATEST, versionRows(ds, prefix), "version rows, round " + round);
          one.write(WriterProcess.batch("M", round, 0));
          assertEquals(1, WriterProcess.assertOnlyWholeBatches(two).size(), "round " + round);
          two.migrate(); // and again, when current: nothing to do
        } finally {
          one.dropTables();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static int versionRows(DataSource ds, String prefix) throws Exception {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + prefix + "schema_version");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
