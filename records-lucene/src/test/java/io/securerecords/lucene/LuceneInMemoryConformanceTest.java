package io.securerecords.lucene;

import io.securerecords.api.store.RecordStore;
import io.securerecords.testkit.RecordStoreConformanceTest;
import org.apache.lucene.store.ByteBuffersDirectory;

/** The Lucene store over a {@code ByteBuffersDirectory} passes the conformance suite. */
class LuceneInMemoryConformanceTest extends RecordStoreConformanceTest {
  @Override
  protected RecordStore newStore() {
    return LuceneRecordStore.open(new ByteBuffersDirectory());
  }
}
