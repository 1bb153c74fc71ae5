package io.securerecords.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Many threads search and read while one writes: no reader ever sees part of a batch. Every
 * batch writes a record together with its terms and a log entry, and moves a "hot" record to
 * its next version together with that version's term; readers check the relations that hold
 * only if batches are seen whole.
 */
class LuceneConcurrentReadsTest {
  private static final int BATCHES = 120;
  private static final int READERS = 4;
  private static final RecordId HOT = RecordId.of("hot");

  private static IndexTerm generation(long version) {
    return new IndexTerm("generation", Batches.payload(version, 16));
  }

  private static WriteBatch batch(long n) {
    SealedRecord hot = new SealedRecord(HOT, Batches.TYPE, Batches.CLIENT, n + 1,
        Batches.record(0).created(), Batches.record(n).updated(), 1, List.of(),
        Batches.payload(n, 32));
    WriteBatch.Builder b = WriteBatch.builder()
        .putRecord(Batches.record(n), 0)
        .indexTerms(Batches.id(n), List.of(Batches.ALL, Batches.ownTerm(n)))
        .appendLog(Batches.logEntry(n))
        .putRecord(hot, n)
        .indexTerms(HOT, List.of(generation(n + 1)));
    return b.build();
  }

  @Test
  void readersNeverSeeAPartOfABatch() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(READERS);
    // In memory: isolation does not depend on the directory, and fsyncs would only slow the
    // writer down against the readers on a small machine. The crash test covers the disk.
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
        LuceneRecordStore store = LuceneRecordStore.open(directory)) {
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicLong checks = new AtomicLong();
      ConcurrentLinkedQueue<String> broken = new ConcurrentLinkedQueue<>();
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        readers.add(pool.submit(() -> {
          while (writing.get()) {
            check(store, broken);
            checks.incrementAndGet();
          }
          check(store, broken);
          return null;
        }));
      }
      try {
        for (long n = 0; n < BATCHES; n++) {
          store.write(batch(n));
          // Read-your-writes: the batch is visible the moment write returns.
          assertEquals(List.of(Batches.id(n)), store.findByTerm(Batches.ownTerm(n)));
          assertEquals(n + 1, store.record(HOT).orElseThrow().version());
        }
      } finally {
        writing.set(false);
      }
      for (Future<?> reader : readers) {
        reader.get(2, TimeUnit.MINUTES);
      }
      assertEquals(List.of(), List.copyOf(broken), "inconsistent reads");
      assertTrue(checks.get() >= READERS, "readers ran while the writer wrote: " + checks.get());
      assertEquals(BATCHES, store.findByTerm(Batches.ALL).size());
      assertEquals(BATCHES, store.logSize());
    } finally {
      pool.shutdownNow();
    }
  }

  /** One round of reads; every relation between them holds only if batches are seen whole. */
  private static void check(LuceneRecordStore store, ConcurrentLinkedQueue<String> broken) {
    long logSize = store.logSize();
    List<RecordId> withTerm = store.findByTerm(Batches.ALL);
    // Batches only add, so everything logged before must have its record's terms now.
    if (withTerm.size() < logSize) {
      broken.add(logSize + " log entries but only " + withTerm.size() + " records with the term");
    }
    for (int i = 0; i < withTerm.size(); i++) {
      if (!withTerm.get(i).equals(Batches.id(i))) {
        broken.add("findByTerm position " + i + " is " + withTerm.get(i));
        break;
      }
    }
    List<RecordId> ids = store.recordIds(null, Integer.MAX_VALUE);
    List<RecordId> termsAfter = store.findByTerm(Batches.ALL);
    for (RecordId id : ids) {
      if (!id.equals(HOT) && !termsAfter.contains(id)) {
        broken.add("record " + id.value() + " is visible without its terms");
      }
    }
    if (!withTerm.isEmpty()) {
      int last = withTerm.size() - 1;
      Optional<SealedRecord> record = store.record(Batches.id(last));
      if (!record.equals(Optional.of(Batches.record(last)))) {
        broken.add("record " + last + " has terms but reads as " + record);
      }
      if (!store.findByTerm(Batches.ownTerm(last)).equals(List.of(Batches.id(last)))) {
        broken.add("record " + last + " lacks its own term");
      }
    }
    List<LogEntry> log = store.log(0, Integer.MAX_VALUE);
    for (int i = 0; i < log.size(); i++) {
      if (!log.get(i).equals(Batches.logEntry(i))) {
        broken.add("log position " + i + " holds " + log.get(i));
        break;
      }
    }
    Optional<SealedRecord> hot = store.record(HOT);
    if (hot.isPresent()) {
      long version = hot.get().version();
      if (!store.findByTerm(generation(version)).contains(HOT)
          && store.record(HOT).orElseThrow().version() == version) {
        broken.add("hot record at version " + version + " without that version's term");
      }
    }
  }
}
