package io.securerecords.jdbc;

import io.securerecords.api.store.RecordStore;
import io.securerecords.testkit.RecordStoreStatefulProperties;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The JDBC store on MariaDB agrees with the model of the store contract. Needs {@code
 * SECURE_RECORDS_MARIADB_URL}; skipped without it, failing if it is set and the server is down.
 */
@AddLifecycleHook(DatabaseConfigured.MariaDb.class)
class MariaDbStatefulProperties extends RecordStoreStatefulProperties {
  private static TestTables tables;

  @BeforeContainer
  static void createTables() {
    String url = TestDatabases.url(TestDatabases.MARIADB_URL).orElseThrow();
    tables = TestTables.create(new ReusingDataSource(TestDatabases.mariadb(url)));
  }

  @AfterContainer
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
