package io.securerecords.jdbc;

import io.securerecords.api.store.RecordStore;
import io.securerecords.testkit.RecordStoreConformanceTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC store on an H2 database file passes the conformance suite. */
class H2FileConformanceTest extends RecordStoreConformanceTest {
  @TempDir
  static Path folder;

  private static TestTables tables;

  @BeforeAll
  static void createTables() {
    tables = TestTables.create(TestDatabases.h2File(folder));
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
