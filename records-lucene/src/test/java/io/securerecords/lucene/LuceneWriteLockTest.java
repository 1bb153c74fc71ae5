package io.securerecords.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.StoreException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per index: Lucene's write lock, reported as a clear {@link StoreException}. */
class LuceneWriteLockTest {
  @TempDir Path folder;

  @Test
  void aSecondStoreOnTheSameFolderIsRefusedNamingTheLock() {
    try (LuceneRecordStore first = LuceneRecordStore.open(folder)) {
      first.write(Batches.batch(0));

      StoreException e = assertThrows(StoreException.class, () -> LuceneRecordStore.open(folder));
      assertTrue(e.getMessage().contains("write.lock"), e.getMessage());
      assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("one writer per index"), e.getMessage());

      // The refused open leaves the first store working.
      first.write(Batches.batch(1));
      assertEquals(List.of(Batches.id(0), Batches.id(1)), first.findByTerm(Batches.ALL));
    }
  }

  @Test
  void afterCloseTheFolderReopensWithEveryCommittedBatch() {
    try (LuceneRecordStore first = LuceneRecordStore.open(folder)) {
      first.write(Batches.batch(0));
      first.write(Batches.batch(1));
    }
    try (LuceneRecordStore again = LuceneRecordStore.open(folder)) {
      assertEquals(2, again.logSize());
      assertEquals(Batches.record(1), again.record(Batches.id(1)).orElseThrow());
      assertEquals(List.of(Batches.id(1)), again.findByTerm(Batches.ownTerm(1)));
      assertEquals(List.of(Batches.logEntry(0), Batches.logEntry(1)), again.log(0, 10));
    }
  }

  @Test
  void aSecondStoreOnTheSameInMemoryDirectoryIsRefused() throws Exception {
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
        LuceneRecordStore first = LuceneRecordStore.open(directory)) {
      StoreException e =
          assertThrows(StoreException.class, () -> LuceneRecordStore.open(directory));
      assertTrue(e.getMessage().contains("write.lock"), e.getMessage());
      first.write(Batches.batch(0));
      assertEquals(1, first.logSize());
    }
  }

  @Test
  void aClosedStoreRefusesReadsAndWrites() {
    LuceneRecordStore store = LuceneRecordStore.open(folder);
    store.close();
    store.close(); // idempotent

    StoreException write = assertThrows(StoreException.class, () -> store.write(Batches.batch(0)));
    assertTrue(write.getMessage().contains("closed"), write.getMessage());
    assertThrows(StoreException.class, store::logSize);
  }

  @Test
  void closingAStoreOverTheCallersDirectoryLeavesTheDirectoryOpen() throws Exception {
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
      try (LuceneRecordStore store = LuceneRecordStore.open(directory)) {
        store.write(Batches.batch(0));
      }
      try (LuceneRecordStore again = LuceneRecordStore.open(directory)) {
        assertEquals(List.of(Batches.id(0)), again.findByTerm(Batches.ALL));
      }
    }
  }
}
