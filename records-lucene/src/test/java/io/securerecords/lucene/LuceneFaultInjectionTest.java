package io.securerecords.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.StoreException;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.Test;

/**
 * A batch whose commit fails part-way (the disk refuses a file or an fsync) is rolled back: it is
 * in no commit, the store keeps working, and nothing of it appears later. The model is Lucene's
 * MockDirectoryWrapper: a real directory behind a wrapper that injects the fault.
 */
class LuceneFaultInjectionTest {

  /** A real in-memory directory that fails file creation and fsync while armed. */
  static final class FailingDirectory extends FilterDirectory {
    volatile boolean failCreate;
    volatile boolean failSync;

    FailingDirectory(Directory in) {
      super(in);
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
      if (failCreate) {
        throw new IOException("injected: no space left on device");
      }
      return super.createOutput(name, context);
    }

    @Override
    public void sync(Collection<String> names) throws IOException {
      if (failSync) {
        throw new IOException("injected: fsync failed");
      }
      super.sync(names);
    }
  }

  @Test
  void aFailedCommitLeavesNoPartOfItsBatchAndTheStoreRecovers() throws Exception {
    for (String fault : List.of("create", "sync")) {
      FailingDirectory dir = new FailingDirectory(new ByteBuffersDirectory());
      try (LuceneRecordStore store = LuceneRecordStore.open(dir)) {
        store.write(Batches.batch(0));
        if (fault.equals("create")) {
          dir.failCreate = true;
        } else {
          dir.failSync = true;
        }
        StoreException e = assertThrows(StoreException.class, () -> store.write(Batches.batch(1)));
        assertTrue(e.getMessage().length() < 400, e.getMessage());
        dir.failCreate = false;
        dir.failSync = false;

        assertEquals(Optional.empty(), store.record(Batches.id(1)), fault);
        assertEquals(1, store.logSize(), fault);
        assertEquals(List.of(), store.findByTerm(Batches.ownTerm(1)), fault);

        // The store keeps working, and the failed batch's log position is free again.
        store.write(Batches.batch(1));
        assertEquals(2, store.logSize(), fault);
        assertEquals(List.of(Batches.id(1)), store.findByTerm(Batches.ownTerm(1)), fault);
      }
      try (LuceneRecordStore reopened = LuceneRecordStore.open(dir)) {
        assertEquals(2, reopened.logSize(), fault);
        assertEquals(List.of(Batches.logEntry(0), Batches.logEntry(1)), reopened.log(0, 10), fault);
        assertTrue(reopened.record(Batches.id(1)).isPresent(), fault);
      }
    }
  }
}
