package io.securerecords.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writer processes (not threads) on one PostgreSQL database at once. With the real library:
 * both build their {@code SecureRecords} on the same empty store at the same moment (racing to
 * create the library's keys), then seal PSU records and append decisions, releases and enquiries
 * to the one enquiry log; afterwards every record and log entry is kept and the log verifies. At
 * the store level: every batch of both is kept whole and the log stays dense and linear. Needs
 * {@code SECURE_RECORDS_POSTGRES_URL}.
 */
class PostgresTwoProcessTest {
  private static final int PER_WRITER = 120;
  static final int OPERATIONS_PER_LIBRARY_WRITER = 15;

  private String url;
  private TestTables tables;

  @BeforeEach
  void createTables() {
    url = TestDatabases.url(TestDatabases.POSTGRES_URL).orElse(null);
    Assumptions.assumeTrue(url != null, TestDatabases.howToEnable(TestDatabases.POSTGRES_URL));
    tables = TestTables.create(TestDatabases.postgres(url));
  }

  @AfterEach
  void dropTables() {
    if (tables != null) {
      tables.close();
    }
  }

  @Test
  void twoLibraryProcessesAppendingToOneLogKeepEveryRecordAndEntryAndTheLogVerifies(@TempDir Path folder)
      throws Exception {
    runTwoLibraryWriters(url, tables, folder);
  }

  /**
   * Two library writers at once on these (empty) tables with one shared KEK file; then the
   * parent opens the library over the same tables and checks everything they reported.
   */
  static void runTwoLibraryWriters(String url, TestTables tables, Path folder) throws Exception {
    Path kek = folder.resolve("kek.json");
    io.securerecords.crypto.kek.KeyEncryptionKey.developmentFile(kek); // created once, here
    long startAt = 1; // start on "go", below
    LibraryWriterProcess.Started a = LibraryWriterProcess.start(url, tables.prefix(), kek, "A",
        OPERATIONS_PER_LIBRARY_WRITER, startAt);
    LibraryWriterProcess.Started b = LibraryWriterProcess.start(url, tables.prefix(), kek, "B",
        OPERATIONS_PER_LIBRARY_WRITER, startAt);
    try {
      a.go();
      b.go();
      assertTrue(a.process.waitFor(5, TimeUnit.MINUTES), "writer A did not finish:\n" + a.output);
      assertTrue(b.process.waitFor(5, TimeUnit.MINUTES), "writer B did not finish:\n" + b.output);
    } finally {
      a.process.destroyForcibly();
      b.process.destroyForcibly();
    }
    a.drain();
    b.drain();
    assertEquals(0, a.process.exitValue(), "writer A failed:\n" + a.output);
    assertEquals(0, b.process.exitValue(), "writer B failed:\n" + b.output);
    for (LibraryWriterProcess.Started w : List.of(a, b)) {
      assertEquals(OPERATIONS_PER_LIBRARY_WRITER, w.clients.size(), "clients of writer " + w.writer);
      assertEquals(3 * OPERATIONS_PER_LIBRARY_WRITER, w.logEntries.get(), "log entries of writer " + w.writer);
      System.out.println("library writer " + w.writer + ": " + w.clients.size() + " clients, "
          + w.logEntries.get() + " log entries, " + w.conflicts.get() + " operations retried after a lost race");
    }

    // The two wrote at once: their entries interleave in the one log.
    long firstOfA = a.sequences.stream().mapToLong(Long::longValue).min().orElseThrow();
    long lastOfA = a.sequences.stream().mapToLong(Long::longValue).max().orElseThrow();
    long firstOfB = b.sequences.stream().mapToLong(Long::longValue).min().orElseThrow();
    long lastOfB = b.sequences.stream().mapToLong(Long::longValue).max().orElseThrow();
    assertTrue(firstOfA < lastOfB && firstOfB < lastOfA, "the writers did not overlap: A wrote "
        + firstOfA + ".." + lastOfA + ", B " + firstOfB + ".." + lastOfB);

    try (JdbcRecordStore store = tables.store()) {
      LibraryWriterProcess.assertLibraryOpensAndLogVerifies(store, kek, List.of(a, b), true);
    }
  }

  @Test
  void twoProcessesWritingAtOnceKeepEveryRecordAndEveryLogEntry() throws Exception {
    runTwoStoreWriters(url, tables, PER_WRITER);
  }

  /**
   * Two store-level writer JVMs write {@code perWriter} batches each into one database at once;
   * afterwards every batch is there whole and the log holds every entry.
   */
  static void runTwoStoreWriters(String url, TestTables tables, int perWriter) throws Exception {
    WriterProcess.Started a = WriterProcess.start(url, tables.prefix(), "A", perWriter);
    WriterProcess.Started b = WriterProcess.start(url, tables.prefix(), "B", perWriter);
    try {
      assertTrue(a.process.waitFor(5, TimeUnit.MINUTES), "writer A did not finish");
      assertTrue(b.process.waitFor(5, TimeUnit.MINUTES), "writer B did not finish");
    } finally {
      a.process.destroyForcibly();
      b.process.destroyForcibly();
    }
    assertEquals(0, a.process.exitValue(), "writer A failed:\n" + a.output);
    assertEquals(0, b.process.exitValue(), "writer B failed:\n" + b.output);

    try (JdbcRecordStore store = tables.store()) {
      Set<String> found = WriterProcess.assertOnlyWholeBatches(store);
      Set<String> expected = new TreeSet<>();
      for (int i = 0; i < perWriter; i++) {
        expected.add("A:" + i);
        expected.add("B:" + i);
      }
      assertEquals(expected, new TreeSet<>(found));
      assertEquals(2L * perWriter, store.logSize());
    }
  }
}
