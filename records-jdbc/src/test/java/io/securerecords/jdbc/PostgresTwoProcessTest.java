package io.securerecords.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two writer processes (not threads) on one PostgreSQL database at once: every operation of both
 * is kept whole, and the log stays dense and linear. Needs {@code SECURE_RECORDS_POSTGRES_URL}.
 */
class PostgresTwoProcessTest {
  private static final int PER_WRITER = 120;

  private String url;
  private TestTables tables;

  @BeforeEach
  void createTables() {
    url = TestDatabases.url(TestDatabases.POSTGRES_URL).orElse(null);
    Assumptions.assumeTrue(url != null, TestDatabases.howToEnable(TestDatabases.POSTGRES_URL));
    tables = TestTables.create(TestDatabases.postgres(url));
  }

  @AfterEach
  void dropTables() {
    if (tables != null) {
      tables.close();
    }
  }

  @Test
  void twoProcessesWritingAtOnceKeepEveryRecordAndEveryLogEntry() throws Exception {
    WriterProcess.Started a = WriterProcess.start(url, tables.prefix(), "A", PER_WRITER);
    WriterProcess.Started b = WriterProcess.start(url, tables.prefix(), "B", PER_WRITER);
    try {
      assertTrue(a.process.waitFor(5, TimeUnit.MINUTES), "writer A did not finish");
      assertTrue(b.process.waitFor(5, TimeUnit.MINUTES), "writer B did not finish");
    } finally {
      a.process.destroyForcibly();
      b.process.destroyForcibly();
    }
    assertEquals(0, a.process.exitValue(), "writer A failed:\n" + a.output);
    assertEquals(0, b.process.exitValue(), "writer B failed:\n" + b.output);

    try (JdbcRecordStore store = tables.store()) {
      Set<String> found = WriterProcess.assertOnlyWholeBatches(store);
      Set<String> expected = new TreeSet<>();
      for (int i = 0; i < PER_WRITER; i++) {
        expected.add("A:" + i);
        expected.add("B:" + i);
      }
      assertEquals(expected, new TreeSet<>(found));
      assertEquals(2L * PER_WRITER, store.logSize());
    }
  }
}
