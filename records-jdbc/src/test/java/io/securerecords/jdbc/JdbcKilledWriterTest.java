package io.securerecords.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process killed with SIGKILL while it streams batches: afterwards the store opens and
 * holds only whole batches, with a dense log. Then the same with the real library in the writer
 * (records sealed, decisions, releases and enquiries logged): afterwards the library opens over
 * the store, the log verifies, nothing reported written is lost and every record held opens. On
 * an H2 file (the embedded case) and PostgreSQL.
 */
class JdbcKilledWriterTest {
  private static final int BEFORE_KILL = 40;
  /** Clients the library writer reports before it is killed (each: 2 records, 3 log entries). */
  private static final int CLIENTS_BEFORE_KILL = 6;

  @Test
  void theLibraryOpensOverAnH2FileAndItsLogVerifiesAfterItsWriterIsKilled(@TempDir Path folder)
      throws Exception {
    String url = "jdbc:h2:file:" + TestDatabases.h2FileBase(folder) + ";DB_CLOSE_DELAY=-1;WRITE_DELAY=0";
    String prefix = TestDatabases.randomPrefix();
    DataSource parent = TestDatabases.forUrl(url);
    JdbcRecordStore.builder(parent).tablePrefix(prefix).build().migrate();
    TestDatabases.shutdown(parent);

    LibraryWriterProcess.Started writer = killLibraryWriterMidStream(url, prefix, folder);

    try (JdbcRecordStore store = JdbcRecordStore.builder(parent).tablePrefix(prefix).build()) {
      LibraryWriterProcess.assertLibraryOpensAndLogVerifies(store, kek(folder), List.of(writer), false);
    } finally {
      TestDatabases.shutdown(parent);
    }
  }

  @Test
  void theLibraryOpensOverPostgresAndItsLogVerifiesAfterItsWriterIsKilled(@TempDir Path folder)
      throws Exception {
    String url = TestDatabases.url(TestDatabases.POSTGRES_URL).orElse(null);
    Assumptions.assumeTrue(url != null, TestDatabases.howToEnable(TestDatabases.POSTGRES_URL));
    try (TestTables tables = TestTables.create(TestDatabases.postgres(url))) {
      LibraryWriterProcess.Started writer = killLibraryWriterMidStream(url, tables.prefix(), folder);

      try (JdbcRecordStore store = tables.store()) {
        LibraryWriterProcess.assertLibraryOpensAndLogVerifies(store, kek(folder), List.of(writer), false);
      }
    }
  }

  private static Path kek(Path folder) {
    return folder.resolve("kek.json");
  }

  /** Runs a library writer until it has reported some clients, then kills it with SIGKILL. */
  private static LibraryWriterProcess.Started killLibraryWriterMidStream(String url, String prefix,
      Path folder) throws Exception {
    io.securerecords.crypto.kek.KeyEncryptionKey.developmentFile(kek(folder));
    LibraryWriterProcess.Started writer =
        LibraryWriterProcess.start(url, prefix, kek(folder), "K", 0, 0);
    try {
      writer.awaitClients(CLIENTS_BEFORE_KILL, java.time.Duration.ofMinutes(3));
      // The writer is already in its next operation (a put, an enquiry, a decision or a
      // release): the kill lands wherever it is.
      assertTrue(writer.process.isAlive(), "the writer stopped on its own:\n" + writer.output);
      assertTrue(writer.clients.size() >= CLIENTS_BEFORE_KILL, "the writer was too slow:\n" + writer.output);
    } finally {
      writer.process.destroyForcibly(); // SIGKILL on Linux
    }
    assertTrue(writer.process.waitFor(1, TimeUnit.MINUTES), "the writer did not die");
    assertFalse(writer.process.isAlive());
    writer.drain();
    assertTrue(writer.logEntries.get() >= 3 * (CLIENTS_BEFORE_KILL - 1), "log entries reported");
    return writer;
  }

  @Test
  void anH2FileHoldsOnlyWholeBatchesAfterItsWriterIsKilled(@TempDir Path folder) throws Exception {
    // As an application should run embedded H2: the database stays open in the writer (H2's
    // default closes the file with the last connection, see TestDatabases.h2File), and each
    // commit is written at once. With H2's default WRITE_DELAY (500 ms) this test saw committed
    // batches lost by the kill: whole batches still, but fewer than the writer had reported.
    String url = "jdbc:h2:file:" + TestDatabases.h2FileBase(folder) + ";DB_CLOSE_DELAY=-1;WRITE_DELAY=0";
    String prefix = TestDatabases.randomPrefix();
    DataSource parent = TestDatabases.forUrl(url);
    JdbcRecordStore.builder(parent).tablePrefix(prefix).build().migrate();
    TestDatabases.shutdown(parent);

    killMidStream(url, prefix);

    try (JdbcRecordStore store = JdbcRecordStore.builder(parent).tablePrefix(prefix).build()) {
      Set<String> kept = WriterProcess.assertOnlyWholeBatches(store);
      assertTrue(kept.size() >= BEFORE_KILL, "batches reported written were lost: " + kept.size());
    } finally {
      TestDatabases.shutdown(parent);
    }
  }

  @Test
  void postgresHoldsOnlyWholeBatchesAfterItsWriterIsKilled() throws Exception {
    String url = TestDatabases.url(TestDatabases.POSTGRES_URL).orElse(null);
    Assumptions.assumeTrue(url != null, TestDatabases.howToEnable(TestDatabases.POSTGRES_URL));
    try (TestTables tables = TestTables.create(TestDatabases.postgres(url))) {
      killMidStream(url, tables.prefix());

      try (JdbcRecordStore store = tables.store()) {
        Set<String> kept = WriterProcess.assertOnlyWholeBatches(store);
        assertTrue(kept.size() >= BEFORE_KILL, "batches reported written were lost: " + kept.size());
      }
    }
  }

  private static void killMidStream(String url, String prefix) throws Exception {
    WriterProcess.Started writer = WriterProcess.start(url, prefix, "K", 0);
    try {
      writer.awaitWritten(BEFORE_KILL, java.time.Duration.ofMinutes(2));
      assertTrue(writer.process.isAlive(), "the writer stopped on its own:\n" + writer.output);
      assertTrue(writer.written.get() >= BEFORE_KILL, "the writer was too slow:\n" + writer.output);
    } finally {
      writer.process.destroyForcibly();
    }
    assertTrue(writer.process.waitFor(1, TimeUnit.MINUTES), "the writer did not die");
    assertFalse(writer.process.isAlive());
  }
}
