package io.securerecords.api.store;

import io.securerecords.testkit.RecordStoreStatefulProperties;

/** The in-memory store agrees with the model of the store contract. */
class InMemoryRecordStoreStatefulProperties extends RecordStoreStatefulProperties {
  @Override
  protected RecordStore newStore() {
    return new InMemoryRecordStore();
  }
}
