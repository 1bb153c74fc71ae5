package io.securerecords.jdbc;

import io.securerecords.api.store.RecordStore;
import io.securerecords.testkit.RecordStoreConformanceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The JDBC store on MariaDB passes the conformance suite. Needs {@code
 * SECURE_RECORDS_MARIADB_URL}; skipped without it, failing if it is set and the server is down.
 */
class MariaDbConformanceTest extends RecordStoreConformanceTest {
  private static TestTables tables;

  @BeforeAll
  static void createTables() {
    String url = TestDatabases.url(TestDatabases.MARIADB_URL).orElse(null);
    Assumptions.assumeTrue(url != null, TestDatabases.howToEnable(TestDatabases.MARIADB_URL));
    tables = TestTables.create(TestDatabases.mariadb(url));
  }

  @AfterAll
  static void dropTables() {
    if (tables != null) {
      tables.close();
    }
  }

  @Override
  protected RecordStore newStore() {
    return tables.emptyStore();
  }
}
