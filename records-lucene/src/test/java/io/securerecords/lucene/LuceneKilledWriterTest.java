package io.securerecords.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process killed with SIGKILL in the middle of a stream of writes: the index opens
 * afterwards despite the {@code write.lock} file the process left, every write it acknowledged
 * is there whole, and nothing is half-written. Three rounds on one folder, each killed after a
 * different number of acknowledgements.
 */
class LuceneKilledWriterTest {
  @TempDir Path folder;

  @Test
  void everyAcknowledgedWriteSurvivesSigkillAndNothingIsHalfWritten() throws Exception {
    Path index = folder.resolve("index");
    long acknowledged = -1;
    for (int killAfter : new int[] {25, 7, 40}) {
      acknowledged = Math.max(acknowledged, runAndKill(index, killAfter));
      assertTrue(Files.exists(index.resolve("write.lock")), "the killed writer left its lock file");
      verify(index, acknowledged);
    }
  }

  /** Starts a writer, kills it after {@code killAfter} acknowledgements; the last one seen. */
  private long runAndKill(Path index, int killAfter) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process writer = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
            WriterProcess.class.getName(), index.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    long last = -1;
    int seen = 0;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII))) {
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("open "), "the writer opened the store: " + line);
      while ((line = out.readLine()) != null) {
        last = Long.parseLong(line.trim());
        if (++seen == killAfter) {
          // SIGKILL (no shutdown hooks, no close, no final commit). Through the handle, so that
          // the pipe stays open: lines already in it were acknowledged too, and are read on.
          assertTrue(writer.toHandle().destroyForcibly(), "SIGKILL sent");
        }
      }
    } finally {
      writer.destroyForcibly();
      assertTrue(writer.waitFor(1, TimeUnit.MINUTES), "the writer ended");
    }
    assertTrue(seen >= killAfter, "the writer acknowledged " + seen + " writes before dying");
    assertEquals(137, writer.exitValue(), "killed by SIGKILL (128 + 9)");
    return last;
  }

  /** Every batch up to the last acknowledged one is whole; at most one more is, and whole. */
  private static void verify(Path index, long acknowledged) {
    try (LuceneRecordStore store = LuceneRecordStore.open(index)) {
      long size = store.logSize();
      assertTrue(size == acknowledged + 1 || size == acknowledged + 2,
          "acknowledged up to " + acknowledged + ", log holds " + size
              + " (one more is allowed: committed, killed before it was printed)");
      assertEquals(size, store.recordIds(null, Integer.MAX_VALUE).size(), "records = log entries");
      assertEquals(size, store.findByTerm(Batches.ALL).size(), "records with terms = log entries");
      for (long n = 0; n < size; n++) {
        assertEquals(Batches.record(n), store.record(Batches.id(n)).orElseThrow(), "record " + n);
        assertEquals(List.of(Batches.id(n)), store.findByTerm(Batches.ownTerm(n)), "terms of " + n);
        assertEquals(List.of(Batches.logEntry(n)), store.log(n, 1), "log entry " + n);
      }
      assertEquals(List.of(), store.log(size, 10));
    }
  }
}
