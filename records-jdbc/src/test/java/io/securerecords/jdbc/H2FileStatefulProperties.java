package io.securerecords.jdbc;

import io.securerecords.api.store.RecordStore;
import io.securerecords.testkit.RecordStoreStatefulProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The JDBC store on an H2 database file agrees with the model of the store contract. */
class H2FileStatefulProperties extends RecordStoreStatefulProperties {
  private static Path folder;
  private static TestTables tables;

  @BeforeContainer
  static void createTables() throws IOException {
    folder = Files.createTempDirectory("secure-records-h2");
    tables = TestTables.create(new ReusingDataSource(TestDatabases.h2File(folder)));
  }

  @AfterContainer
  static void dropTables() throws IOException {
    try {
      tables.close();
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }

  @Override
  protected RecordStore newStore() {
    return tables.emptyStore();
  }
}
