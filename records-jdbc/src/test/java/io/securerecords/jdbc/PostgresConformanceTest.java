package io.securerecords.jdbc;

import io.securerecords.api.store.RecordStore;
import io.securerecords.testkit.RecordStoreConformanceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The JDBC store on PostgreSQL passes the conformance suite. Needs {@code
 * SECURE_RECORDS_POSTGRES_URL}; skipped without it, failing if it is set and the server is down.
 */
class PostgresConformanceTest extends RecordStoreConformanceTest {
  private static TestTables tables;

  @BeforeAll
  static void createTables() {
    String url = TestDatabases.url(TestDatabases.POSTGRES_URL).orElse(null);
    Assumptions.assumeTrue(url != null, TestDatabases.howToEnable(TestDatabases.POSTGRES_URL));
    tables = TestTables.create(TestDatabases.postgres(url));
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
