package io.securerecords.jdbc;

import io.securerecords.api.store.RecordStore;
import io.securerecords.testkit.RecordStoreConformanceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store on in-memory H2 passes the conformance suite. */
class H2MemoryConformanceTest extends RecordStoreConformanceTest {
  private static TestTables tables;

  @BeforeAll
  static void createTables() {
    tables = TestTables.create(TestDatabases.h2Memory());
  }

  @AfterAll
  static void dropTables() {
    tables.close();
  }

  @Override
  protected RecordStore newStore() {
    return tables.emptyStore();
  }
}
