package io.securerecords.testkit;

import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.api.store.RecordStore;

/** The in-memory store passes the conformance suite. */
class InMemoryRecordStoreConformanceTest extends RecordStoreConformanceTest {
  @Override
  protected RecordStore newStore() {
    return new InMemoryRecordStore();
  }
}
