package io.securerecords.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PostgresTwoProcessTest} on MariaDB: two library processes appending to one enquiry log
 * keep every record and entry and the log verifies; two store-level writers keep every batch
 * whole with a dense log. Needs {@code SECURE_RECORDS_MARIADB_URL}.
 */
class MariaDbTwoProcessTest {
  private static final int PER_WRITER = 120;

  private String url;
  private TestTables tables;

  @BeforeEach
  void createTables() {
    url = TestDatabases.url(TestDatabases.MARIADB_URL).orElse(null);
    Assumptions.assumeTrue(url != null, TestDatabases.howToEnable(TestDatabases.MARIADB_URL));
    tables = TestTables.create(TestDatabases.mariadb(url));
  }

  @AfterEach
  void dropTables() {
    if (tables != null) {
      tables.close();
    }
  }

  @Test
  void twoLibraryProcessesAppendingToOneLogKeepEveryRecordAndEntryAndTheLogVerifies(@TempDir Path folder)
      throws Exception {
    PostgresTwoProcessTest.runTwoLibraryWriters(url, tables, folder);
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
