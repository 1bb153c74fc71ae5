package io.securerecords.lucene;

import io.securerecords.api.store.RecordStore;
import io.securerecords.testkit.RecordStoreStatefulProperties;
import org.apache.lucene.store.ByteBuffersDirectory;

/** The Lucene store over a {@code ByteBuffersDirectory} agrees with the model of the contract. */
class LuceneInMemoryStatefulProperties extends RecordStoreStatefulProperties {
  @Override
  protected RecordStore newStore() {
    return LuceneRecordStore.open(new ByteBuffersDirectory());
  }
}
