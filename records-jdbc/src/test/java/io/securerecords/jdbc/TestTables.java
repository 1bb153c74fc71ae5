package io.securerecords.jdbc;

import javax.sql.DataSource;

/**
 * One set of tables under a random prefix, created by {@link JdbcRecordStore#migrate()} for one
 * test class and dropped after it; each test gets a store over the emptied tables.
 */
final class TestTables implements AutoCloseable {
  private final DataSource dataSource;
  private final String prefix;
  private final JdbcRecordStore admin;

  private TestTables(DataSource dataSource) {
    this.dataSource = dataSource;
    this.prefix = TestDatabases.randomPrefix();
    this.admin = JdbcRecordStore.builder(dataSource).tablePrefix(prefix).build();
    admin.migrate();
  }

  /** Creates the tables (failing if the database cannot be reached). */
  static TestTables create(DataSource dataSource) {
    return new TestTables(dataSource);
  }

  DataSource dataSource() {
    return dataSource;
  }

  String prefix() {
    return prefix;
  }

  /** A store over the tables, emptied first. */
  JdbcRecordStore emptyStore() {
    admin.deleteAll();
    return store();
  }

  /** A store over the tables as they are. */
  JdbcRecordStore store() {
    return JdbcRecordStore.builder(dataSource).tablePrefix(prefix).build();
  }

  @Override
  public void close() {
    try {
      admin.dropTables();
    } finally {
      TestDatabases.shutdown(dataSource);
    }
  }
}
