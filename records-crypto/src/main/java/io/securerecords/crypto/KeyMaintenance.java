package io.securerecords.crypto;

import io.securerecords.api.error.ConflictException;
import io.securerecords.api.error.ErasedException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rotation without downtime: new data-key primaries, re-sealing old fields, re-wrapping every
 * key under the KEK's current primary. Each job is idempotent and resumable.
 *
 * <p>Every pass opens and seals under the client keys as the store holds them now (one read of
 * the key entries per client, or per page of records), never under keys this instance merely
 * cached: a key rotated through another instance is re-sealed to, not mistaken for current.
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
    ClientKeys current = dataKeys.current(client);
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
    List<SealedRecord> records = store.records(client);
    if (records.isEmpty()) {
      return 0;
    }
    ClientKeys keys = dataKeys.current(client);
    int count = 0;
    for (SealedRecord record : records) {
      if (resealOne(keys, record)) {
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
      after = page.get(page.size() - 1);
      Page records = page(page, null);
      for (SealedRecord record : records.records()) {
        ClientKeys keys = records.keys(record);
        if (keys != null && resealOne(keys, record)) {
          count++;
        }
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
  private boolean resealOne(ClientKeys keys, SealedRecord record) {
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
      after = page.get(page.size() - 1);
      Page records = page(page, indexes);
      if (records.records().isEmpty()) {
        continue;
      }
      // The index keys as stored now, read with the page's key entries: a rotation through
      // another instance takes effect within a page.
      Indexes.Current current = indexes.current(records.read());
      for (SealedRecord record : records.records()) {
        ClientKeys keys = records.keys(record);
        if (keys == null) {
          continue;
        }
        Map<String, byte[]> plaintext = RecordSealer.open(keys, record, null);
        try {
          store.write(WriteBatch.builder()
              .indexEntries(record.id(), current.entriesFor(keys, record.id(), record.type(),
                  plaintext)).build());
          count++;
        } catch (ConflictException deleted) {
          // Deleted meanwhile: nothing to index.
        }
      }
    }
    return count;
  }

  /**
   * A page of records (those of the given indexes' types only, when indexes is given) with their
   * clients' key entries, read in one read after the records; when indexes is given, every
   * index's mark comes in the same read ({@link Indexes#readWithMarks}).
   */
  private Page page(List<RecordId> ids, Indexes indexes) {
    List<SealedRecord> records = new ArrayList<>(ids.size());
    Set<ClientId> clients = new HashSet<>();
    for (RecordId id : ids) {
      Optional<SealedRecord> found = store.record(id);
      if (found.isPresent() && (indexes == null || indexes.covers(found.get().type()))) {
        records.add(found.get());
        clients.add(found.get().client());
      }
    }
    if (clients.isEmpty()) {
      return new Page(records, List.of());
    }
    Set<KeyName> names = DataKeys.names(clients);
    return new Page(records, indexes == null ? store.keys(names) : indexes.readWithMarks(names));
  }

  /** Records read for a pass, and their clients' key entries as read after them. */
  private final class Page {
    private final List<SealedRecord> records;
    private final List<KeyEntry> read;
    private final Map<ClientId, KeyEntry> entries;

    Page(List<SealedRecord> records, List<KeyEntry> read) {
      this.records = records;
      this.read = read;
      this.entries = DataKeys.byClient(read);
    }

    /** The key entries read with the records. */
    List<KeyEntry> read() {
      return read;
    }

    List<SealedRecord> records() {
      return records;
    }

    /**
     * The record's client's keys as stored, or null if the client was erased (their records
     * went with their key, so this one was read before the erasure and is left alone).
     */
    ClientKeys keys(SealedRecord record) {
      try {
        return dataKeys.current(record.client(), entries.get(record.client()));
      } catch (ErasedException erased) {
        return null;
      }
    }
  }
}
