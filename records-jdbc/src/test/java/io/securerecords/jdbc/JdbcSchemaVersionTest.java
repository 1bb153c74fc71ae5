package io.securerecords.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The schema version table: migrate() installs version 1 once; a newer schema is refused. */
class JdbcSchemaVersionTest {

  @Test
  void migrateInstallsTheCurrentVersionOnceAndIsIdempotent() {
    DataSource ds = TestDatabases.h2Memory();
    JdbcRecordStore store = JdbcRecordStore.builder(ds).tablePrefix(TestDatabases.randomPrefix()).build();
    assertEquals(0, store.installedSchemaVersion());
    assertEquals(Dialect.H2, store.dialect());

    store.migrate();
    store.migrate();

    assertEquals(JdbcRecordStore.SCHEMA_VERSION, store.installedSchemaVersion());
  }

  @Test
  void anOlderLibraryRefusesANewerSchemaWithAClearMessage() throws Exception {
    DataSource ds = TestDatabases.h2Memory();
    String prefix = TestDatabases.randomPrefix();
    JdbcRecordStore store = JdbcRecordStore.builder(ds).tablePrefix(prefix).build();
    store.migrate();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix
            + "schema_version (version, description) VALUES (?, 'from a later release')")) {
      ps.setInt(1, JdbcRecordStore.SCHEMA_VERSION + 1);
      ps.executeUpdate();
    }

    StoreException opening = assertThrows(StoreException.class,
        () -> JdbcRecordStore.builder(ds).tablePrefix(prefix).build());
    StoreException migrating = assertThrows(StoreException.class, store::migrate);

    for (StoreException e : new StoreException[] {opening, migrating}) {
      assertTrue(e.getMessage().contains("schema version " + (JdbcRecordStore.SCHEMA_VERSION + 1)), e.getMessage());
      assertTrue(e.getMessage().contains("newer than version " + JdbcRecordStore.SCHEMA_VERSION), e.getMessage());
      assertTrue(e.getMessage().contains(prefix + "schema_version"), e.getMessage());
    }
  }

  @Test
  void aPrefixThatIsNotASimpleNameIsRefused() {
    DataSource ds = TestDatabases.h2Memory();
    for (String bad : new String[] {"", "Sr_", "sr; DROP TABLE x", "1sr_", "sr-"}) {
      assertThrows(IllegalArgumentException.class, () -> JdbcRecordStore.builder(ds).tablePrefix(bad), bad);
    }
  }
}
