package io.securerecords.api.store;

import io.securerecords.testkit.RecordStoreConformanceTest;

/** The in-memory store passes the conformance suite. */
class InMemoryRecordStoreConformanceTest extends RecordStoreConformanceTest {
  @Override
  protected RecordStore newStore() {
    return new InMemoryRecordStore();
  }
}
