package io.securerecords.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
    PostgresTwoProcessTest.runTwoStoreWriters(url, tables, PER_WRITER);
  }
}
