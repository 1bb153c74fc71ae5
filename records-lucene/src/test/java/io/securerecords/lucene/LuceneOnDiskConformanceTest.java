package io.securerecords.lucene;

import io.securerecords.api.store.RecordStore;
import io.securerecords.testkit.RecordStoreConformanceTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene store in a folder on disk ({@code FSDirectory}) passes the conformance suite. */
class LuceneOnDiskConformanceTest extends RecordStoreConformanceTest {
  @TempDir Path folder;

  @Override
  protected RecordStore newStore() {
    return LuceneRecordStore.open(folder.resolve("index"));
  }
}
