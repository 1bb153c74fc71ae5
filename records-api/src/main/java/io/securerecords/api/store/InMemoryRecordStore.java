package io.securerecords.api.store;

import io.securerecords.api.error.ConflictException;
import io.securerecords.api.error.StoreException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A thread-safe store in memory, for tests and prototypes: zero set-up, nothing persisted.
 *
 * <p>A batch is checked in full under the write lock before anything is applied, which makes it
 * atomic and isolated. It holds only what the SPI hands it: sealed bytes, never plaintext.
 */
public final class InMemoryRecordStore implements RecordStore {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<RecordId, SealedRecord> records = new TreeMap<>();
  private final Map<ClientId, TreeSet<RecordId>> byClient = new HashMap<>();
  private final Map<RecordId, List<IndexEntry>> termsByRecord = new HashMap<>();
  private final Map<TermKey, TreeMap<RecordId, byte[]>> recordsByTerm = new HashMap<>();
  private final TreeMap<KeyName, KeyEntry> keys = new TreeMap<>();
  private final List<LogEntry> log = new ArrayList<>();
  private final Map<String, Integer> tokenUses = new HashMap<>();
  private volatile boolean closed;

  private record TermKey(String index, ByteBuffer term) {
    static TermKey of(IndexTerm t) {
      return new TermKey(t.index(), ByteBuffer.wrap(t.term()));
    }
  }

  @Override
  public void write(WriteBatch batch) {
    lock.writeLock().lock();
    try {
      ensureOpen();
      check(batch);
      apply(batch);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void check(WriteBatch batch) {
    Set<RecordId> touched = new HashSet<>();
    for (WriteBatch.RecordPut put : batch.recordPuts()) {
      RecordId id = put.record().id();
      if (!touched.add(id)) {
        throw new ConflictException("record " + id.value() + " is written twice in one batch");
      }
      SealedRecord current = records.get(id);
      long stored = current == null ? 0 : current.version();
      if (stored != put.expectedVersion()) {
        throw new ConflictException(
            "record " + id.value() + " is at version " + stored + ", not " + put.expectedVersion());
      }
      if (current != null && !current.client().equals(put.record().client())) {
        throw new ConflictException("record " + id.value() + " belongs to another client");
      }
    }
    for (WriteBatch.RecordDelete delete : batch.recordDeletes()) {
      if (!touched.add(delete.id())) {
        throw new ConflictException("record " + delete.id().value() + " is written twice in one batch");
      }
      SealedRecord current = records.get(delete.id());
      if (current == null) {
        throw new ConflictException("record " + delete.id().value() + " is not held");
      }
      long stored = current.version();
      if (stored != delete.expectedVersion()) {
        throw new ConflictException("record " + delete.id().value() + " is at version " + stored
            + ", not " + delete.expectedVersion());
      }
    }
    for (RecordId id : batch.indexTerms().keySet()) {
      boolean willExist =
          batch.recordPuts().stream().anyMatch(p -> p.record().id().equals(id))
              || (records.containsKey(id)
                  && batch.recordDeletes().stream().noneMatch(d -> d.id().equals(id)));
      if (!willExist) {
        throw new ConflictException("index terms for record " + id.value() + " that is not held");
      }
    }
    Set<KeyName> keysTouched = new HashSet<>();
    for (WriteBatch.KeyPut put : batch.keyPuts()) {
      KeyName name = put.entry().name();
      if (!keysTouched.add(name)) {
        throw new ConflictException("key " + name + " is written twice in one batch");
      }
      KeyEntry current = keys.get(name);
      long stored = current == null ? 0 : current.version();
      if (stored != put.expectedVersion()) {
        throw new ConflictException(
            "key " + name + " is at version " + stored + ", not " + put.expectedVersion());
      }
    }
    long next = log.size();
    for (LogEntry entry : batch.logAppends()) {
      if (entry.sequence() != next) {
        throw new ConflictException(
            "log entry " + entry.sequence() + " does not follow the log's end at " + next);
      }
      next++;
    }
    Map<String, Integer> uses = new HashMap<>();
    for (WriteBatch.TokenUse use : batch.tokenUses()) {
      int count = uses.merge(use.tokenId(), 1, Integer::sum)
          + tokenUses.getOrDefault(use.tokenId(), 0);
      if (count > use.maxUses()) {
        throw new ConflictException("token " + use.tokenId() + " has no uses left");
      }
    }
  }

  private void apply(WriteBatch batch) {
    for (WriteBatch.RecordDelete delete : batch.recordDeletes()) {
      SealedRecord old = records.remove(delete.id());
      if (old != null) {
        TreeSet<RecordId> ids = byClient.get(old.client());
        ids.remove(old.id());
        if (ids.isEmpty()) {
          byClient.remove(old.client());
        }
      }
      replaceTerms(delete.id(), List.of());
    }
    for (WriteBatch.RecordPut put : batch.recordPuts()) {
      SealedRecord r = put.record();
      records.put(r.id(), r);
      byClient.computeIfAbsent(r.client(), c -> new TreeSet<>()).add(r.id());
    }
    batch.indexEntries().forEach(this::replaceTerms);
    for (WriteBatch.KeyPut put : batch.keyPuts()) {
      keys.put(put.entry().name(), put.entry());
    }
    log.addAll(batch.logAppends());
    for (WriteBatch.TokenUse use : batch.tokenUses()) {
      tokenUses.merge(use.tokenId(), 1, Integer::sum);
    }
  }

  private void replaceTerms(RecordId id, List<IndexEntry> entries) {
    List<IndexEntry> old = termsByRecord.remove(id);
    if (old != null) {
      for (IndexEntry e : old) {
        TreeMap<RecordId, byte[]> hits = recordsByTerm.get(TermKey.of(e.term()));
        if (hits != null) {
          hits.remove(id);
          if (hits.isEmpty()) {
            recordsByTerm.remove(TermKey.of(e.term()));
          }
        }
      }
    }
    if (!entries.isEmpty()) {
      termsByRecord.put(id, List.copyOf(entries));
      for (IndexEntry e : entries) {
        recordsByTerm.computeIfAbsent(TermKey.of(e.term()), k -> new TreeMap<>())
            .put(id, e.carried());
      }
    }
  }

  @Override
  public Optional<SealedRecord> record(RecordId id) {
    lock.readLock().lock();
    try {
      ensureOpen();
      return Optional.ofNullable(records.get(id));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<SealedRecord> records(ClientId client) {
    lock.readLock().lock();
    try {
      ensureOpen();
      List<SealedRecord> out = new ArrayList<>();
      for (RecordId id : byClient.getOrDefault(client, new TreeSet<>())) {
        out.add(records.get(id));
      }
      return List.copyOf(out);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<RecordId> recordIds(RecordId after, int limit) {
    lock.readLock().lock();
    try {
      ensureOpen();
      var view = after == null ? records.navigableKeySet() : records.navigableKeySet().tailSet(after, false);
      return view.stream().limit(limit).toList();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<KeyEntry> key(KeyName name) {
    lock.readLock().lock();
    try {
      ensureOpen();
      return Optional.ofNullable(keys.get(name));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** All the entries from one state of the store. */
  @Override
  public List<KeyEntry> keys(Set<KeyName> names) {
    java.util.TreeSet<KeyName> sorted = new java.util.TreeSet<>(names);
    lock.readLock().lock();
    try {
      ensureOpen();
      List<KeyEntry> out = new java.util.ArrayList<>(sorted.size());
      for (KeyName name : sorted) {
        KeyEntry entry = keys.get(name);
        if (entry != null) {
          out.add(entry);
        }
      }
      return List.copyOf(out);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<KeyName> keyNames(KeyName after, int limit) {
    lock.readLock().lock();
    try {
      ensureOpen();
      var view = after == null ? keys.navigableKeySet() : keys.navigableKeySet().tailSet(after, false);
      return view.stream().limit(limit).toList();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<RecordId> findByTerm(IndexTerm term) {
    lock.readLock().lock();
    try {
      ensureOpen();
      TreeMap<RecordId, byte[]> hits = recordsByTerm.get(TermKey.of(term));
      return hits == null ? List.of() : List.copyOf(hits.keySet());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<SealedRecord> recordsByTerm(IndexTerm term) {
    lock.readLock().lock();
    try {
      ensureOpen();
      TreeMap<RecordId, byte[]> hits = recordsByTerm.get(TermKey.of(term));
      if (hits == null) {
        return List.of();
      }
      List<SealedRecord> out = new java.util.ArrayList<>(hits.size());
      for (RecordId id : hits.keySet()) {
        out.add(records.get(id));
      }
      return List.copyOf(out);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<TermHit> hitsByTerm(IndexTerm term) {
    lock.readLock().lock();
    try {
      ensureOpen();
      TreeMap<RecordId, byte[]> hits = recordsByTerm.get(TermKey.of(term));
      if (hits == null) {
        return List.of();
      }
      List<TermHit> out = new java.util.ArrayList<>(hits.size());
      hits.forEach((id, carried) -> out.add(new TermHit(id, carried)));
      return List.copyOf(out);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<LogEntry> log(long fromSequence, int limit) {
    lock.readLock().lock();
    try {
      ensureOpen();
      if (fromSequence < 0 || limit < 0) {
        throw new IllegalArgumentException("fromSequence and limit must not be negative");
      }
      int from = (int) Math.min(fromSequence, log.size());
      int to = (int) Math.min((long) from + limit, log.size());
      return List.copyOf(log.subList(from, to));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long logSize() {
    lock.readLock().lock();
    try {
      ensureOpen();
      return log.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public int tokenUses(String tokenId) {
    lock.readLock().lock();
    try {
      ensureOpen();
      return tokenUses.getOrDefault(tokenId, 0);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("the in-memory store is closed");
    }
  }

  @Override
  public String toString() {
    return "InMemoryRecordStore";
  }
}
