package io.securerecords.crypto;

import io.securerecords.api.error.ConflictException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rotation without downtime: new data-key primaries, re-sealing old fields, re-wrapping every
 * key under the KEK's current primary. Each job is idempotent and resumable.
 */
final class KeyMaintenance {
  private static final int PAGE = 256;

  private final RecordStore store;
  private final DataKeys dataKeys;
  private final SystemKeys systemKeys;

  KeyMaintenance(RecordStore store, DataKeys dataKeys, SystemKeys systemKeys) {
    this.store = store;
    this.dataKeys = dataKeys;
    this.systemKeys = systemKeys;
  }

  void rotateDataKey(ClientId client) {
    dataKeys.forget(client);
    ClientKeys current = dataKeys.forReading(client);
    ClientKeys rotated = dataKeys.withNewPrimary(current);
    try {
      store.write(WriteBatch.builder()
          .putKey(dataKeys.wrap(rotated, rotated.entryVersion()), current.entryVersion())
          .build());
      dataKeys.remember(rotated);
    } catch (ConflictException e) {
      dataKeys.forget(client);
      throw e;
    }
  }
  int reseal(ClientId client) {
    int count = 0;
    for (SealedRecord record : store.records(client)) {
      if (resealOne(record)) {
        count++;
      }
    }
    return count;
  }
  int resealAll() {
    int count = 0;
    RecordId after = null;
    for (List<RecordId> page = store.recordIds(null, PAGE); !page.isEmpty();
        page = store.recordIds(after, PAGE)) {
      for (RecordId id : page) {
        Optional<SealedRecord> record = store.record(id);
        if (record.isPresent() && resealOne(record.get())) {
          count++;
        }
        after = id;
      }
    }
    return count;
  }
  int rewrapKeys() {
    int count = 0;
    KeyName after = null;
    for (List<KeyName> page = store.keyNames(null, PAGE); !page.isEmpty();
        page = store.keyNames(after, PAGE)) {
      for (KeyName name : page) {
        after = name;
        Optional<KeyEntry> entry = store.key(name);
        if (entry.isEmpty() || !(entry.get() instanceof KeyEntry.Wrapped wrapped)) {
          continue;
        }
        KeyEntry.Wrapped rewrapped =
            name.client().isPresent() ? dataKeys.rewrap(wrapped) : systemKeys.rewrap(wrapped);
        store.write(WriteBatch.builder().putKey(rewrapped, wrapped.version()).build());
        name.client().ifPresent(dataKeys::forget);
        count++;
      }
    }
    return count;
  }
  private boolean resealOne(SealedRecord record) {
    ClientKeys keys = dataKeys.forReading(record.client());
    boolean current = record.format() == RecordSealer.FORMAT
        && record.fields().stream().map(SealedField::ciphertext).allMatch(keys::sealedUnderPrimary);
    if (current) {
      return false;
    }
    Map<String, byte[]> plaintext = RecordSealer.open(keys, record, null);
    SealedRecord resealed = RecordSealer.seal(keys, record.type(), record.id(),
        record.version() + 1, record.created(), record.updated(), plaintext);
    store.write(WriteBatch.builder().putRecord(resealed, record.version()).build());
    return true;
  }
  int reindex(Indexes indexes) {
    int count = 0;
    RecordId after = null;
    for (List<RecordId> page = store.recordIds(null, PAGE); !page.isEmpty();
        page = store.recordIds(after, PAGE)) {
      // The index keys as stored now, read once a page: a rotation through another instance
      // takes effect within a page.
      Indexes.Current current = indexes.current();
      for (RecordId id : page) {
        after = id;
        Optional<SealedRecord> found = store.record(id);
        if (found.isEmpty() || !indexes.covers(found.get().type())) {
          continue;
        }
        SealedRecord record = found.get();
        ClientKeys keys;
        try {
          keys = dataKeys.forReading(record.client());
        } catch (io.securerecords.api.error.ErasedException erased) {
          continue;
        }
        Map<String, byte[]> plaintext = RecordSealer.open(keys, record, null);
        try {
          store.write(WriteBatch.builder()
              .indexEntries(id, current.entriesFor(keys, id, record.type(), plaintext)).build());
          count++;
        } catch (ConflictException deleted) {
          // Deleted meanwhile: nothing to index.
        }
      }
    }
    return count;
  }
}
