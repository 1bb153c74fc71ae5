package io.securerecords.jdbc;

import io.securerecords.api.store.RecordStore;
import io.securerecords.testkit.RecordStoreStatefulProperties;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The JDBC store on in-memory H2 agrees with the model of the store contract. */
class H2MemoryStatefulProperties extends RecordStoreStatefulProperties {
  private static TestTables tables;

  @BeforeContainer
  static void createTables() {
    tables = TestTables.create(new ReusingDataSource(TestDatabases.h2Memory()));
  }

  @AfterContainer
  static void dropTables() {
    tables.close();
  }

  @Override
  protected RecordStore newStore() {
    return tables.emptyStore();
  }
}
