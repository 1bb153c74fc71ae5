package io.securerecords.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.ConflictException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A writer in its own JVM, for the tests of several processes on one database and of a writer
 * killed mid-stream: {@code main(url, prefix, writer, count)} writes {@code count} batches (or
 * until killed, when count is 0), each a whole operation (a record, its three terms, a key, a log
 * entry at the log's end, a token use), retrying a batch that lost the log position to another
 * writer. It prints {@code ok <i>} after each batch.
 */
public final class WriterProcess {
  private WriterProcess() {}

  public static void main(String[] args) {
    String url = args[0];
    String prefix = args[1];
    String writer = args[2];
    int count = Integer.parseInt(args[3]);
    RecordStore store = JdbcRecordStore.builder(TestDatabases.forUrl(url)).tablePrefix(prefix).build();
    for (int i = 0; count == 0 || i < count; i++) {
      while (true) {
        try {
          store.write(batch(writer, i, store.logSize()));
          break;
        } catch (ConflictException lostTheLogPosition) {
          Thread.onSpinWait();
        }
      }
      System.out.println("ok " + i);
      System.out.flush();
    }
  }

  /** The i-th operation of this writer, with its log entry at {@code sequence}. */
  static WriteBatch batch(String writer, int i, long sequence) {
    RecordId id = RecordId.of(writer + "-" + i);
    byte[] ciphertext = new byte[512];
    java.util.Arrays.fill(ciphertext, (byte) i);
    SealedRecord record = new SealedRecord(id, RecordType.of("psu.casework"), ClientId.of("c-" + writer),
        1, Instant.ofEpochSecond(1_900_000_000L + i, i), Instant.ofEpochSecond(1_900_000_000L + i, i + 1), 1,
        List.of(new SealedField("notes", ciphertext), new SealedField("empty", new byte[0])), new byte[32]);
    WriteBatch.Builder b = WriteBatch.builder()
        .putRecord(record, 0)
        .indexTerms(id, terms(writer, i))
        .putKey(new KeyEntry.Wrapped(key(writer, i), 1, new byte[48]), 0)
        .appendLog(new LogEntry(sequence, (writer + ":" + i).getBytes(StandardCharsets.UTF_8)))
        .useToken(token(writer, i), 1);
    return b.build();
  }

  static List<IndexTerm> terms(String writer, int i) {
    List<IndexTerm> out = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      out.add(new IndexTerm("surname", (writer + "/" + i + "/" + k).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  static KeyName key(String writer, int i) {
    return KeyName.system("key." + writer.toLowerCase(java.util.Locale.ROOT) + "." + i);
  }

  static String token(String writer, int i) {
    return "tok-" + writer + "-" + i;
  }

  /**
   * Checks that the store holds only whole operations: the log is dense from 0, every log entry
   * names an operation whose record, terms, key and token use are all there, and every record
   * has its log entry. Returns the operations found ("writer:i").
   */
  static Set<String> assertOnlyWholeBatches(RecordStore store) {
    List<LogEntry> log = store.log(0, Integer.MAX_VALUE);
    assertEquals(log.size(), store.logSize(), "logSize");
    Set<String> operations = new HashSet<>();
    for (int s = 0; s < log.size(); s++) {
      assertEquals(s, log.get(s).sequence(), "the log is dense");
      String op = new String(log.get(s).sealed(), StandardCharsets.UTF_8);
      assertTrue(operations.add(op), "operation " + op + " is logged twice");
      String writer = op.substring(0, op.indexOf(':'));
      int i = Integer.parseInt(op.substring(op.indexOf(':') + 1));
      RecordId id = RecordId.of(writer + "-" + i);
      Optional<SealedRecord> record = store.record(id);
      assertTrue(record.isPresent(), "record of logged operation " + op);
      assertEquals(batch(writer, i, s).recordPuts().get(0).record(), record.get(), "record " + op);
      for (IndexTerm term : terms(writer, i)) {
        assertEquals(List.of(id), store.findByTerm(term), "term of " + op);
      }
      assertTrue(store.key(key(writer, i)).isPresent(), "key of " + op);
      assertEquals(1, store.tokenUses(token(writer, i)), "token use of " + op);
    }
    assertEquals(operations.size(), store.recordIds(null, Integer.MAX_VALUE).size(),
        "every record has its log entry");
    return operations;
  }

  /** Starts a writer JVM on the test classpath; its output is counted as it arrives. */
  static Started start(String url, String prefix, String writer, int count) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        WriterProcess.class.getName(), url, prefix, writer, Integer.toString(count))
        .redirectErrorStream(true)
        .start();
    return new Started(process);
  }

  /** A running writer and the number of batches it has reported. */
  static final class Started {
    final Process process;
    final AtomicInteger written = new AtomicInteger();
    final StringBuffer output = new StringBuffer();
    private final Object reported = new Object();
    private boolean ended;

    Started(Process process) {
      this.process = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith("ok ")) {
              written.incrementAndGet();
              synchronized (reported) {
                reported.notifyAll();
              }
            } else if (output.length() < 20_000) {
              output.append(line).append('\n');
            }
          }
        } catch (IOException ignored) {
          // the process is gone
        }
        synchronized (reported) {
          ended = true;
          reported.notifyAll();
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    /**
     * Waits (on the reader's reports, not the clock) until the writer has reported {@code n}
     * written batches, has ended, or {@code timeout} has passed.
     */
    void awaitWritten(int n, java.time.Duration timeout) throws InterruptedException {
      long end = System.nanoTime() + timeout.toNanos();
      synchronized (reported) {
        while (written.get() < n && !ended) {
          long left = end - System.nanoTime();
          if (left <= 0) {
            return;
          }
          java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(reported, left);
        }
      }
    }
  }
}
