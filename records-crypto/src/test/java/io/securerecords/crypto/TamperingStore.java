package io.securerecords.crypto;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.FilterRecordStore;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.TermHit;
import io.securerecords.api.store.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A real in-memory store behind a fault-injecting wrapper (the model is Lucene's
 * MockDirectoryWrapper): reads can be altered to simulate an attacker with write access to the
 * store, and every batch written is kept so tests can scan what the store received.
 */
final class TamperingStore extends FilterRecordStore {
  final InMemoryRecordStore inner;
  final List<WriteBatch> received = new ArrayList<>();
  volatile UnaryOperator<SealedRecord> onRecordRead = UnaryOperator.identity();
  volatile UnaryOperator<KeyEntry> onKeyRead = UnaryOperator.identity();
  volatile UnaryOperator<List<LogEntry>> onLogRead = UnaryOperator.identity();

  TamperingStore() {
    this(new InMemoryRecordStore());
  }

  private TamperingStore(InMemoryRecordStore inner) {
    super(inner);
    this.inner = inner;
  }

  void reset() {
    onRecordRead = UnaryOperator.identity();
    onKeyRead = UnaryOperator.identity();
    onLogRead = UnaryOperator.identity();
    onHitRead = UnaryOperator.identity();
  }

  /** When set, every batch that appends to the log fails, as if the database refused it. */
  volatile boolean failLogWrites;

  /** When set, the next batch fails, as if the database refused it. */
  volatile boolean failNextWrite;

  @Override
  public synchronized void write(WriteBatch batch) {
    if (failLogWrites && !batch.logAppends().isEmpty()) {
      throw new io.securerecords.api.error.StoreException("injected: the log cannot be written");
    }
    if (failNextWrite) {
      failNextWrite = false;
      throw new io.securerecords.api.error.StoreException("injected: the batch cannot be written");
    }
    received.add(batch);
    inner.write(batch);
  }

  @Override
  public Optional<SealedRecord> record(RecordId id) {
    recordsRead.add(id);
    return inner.record(id).map(onRecordRead);
  }

  /**
   * The hits each {@code hitsByTerm} (or records each {@code recordsByTerm}) call returned, each
   * record read by id, and each client {@code records} listed.
   */
  final List<Integer> termCandidates = java.util.Collections.synchronizedList(new ArrayList<>());
  final List<RecordId> recordsRead = java.util.Collections.synchronizedList(new ArrayList<>());
  final List<ClientId> clientsListed = java.util.Collections.synchronizedList(new ArrayList<>());

  /** Applied to every hit a term lookup returns (e.g. to alter or drop what its entry carries). */
  volatile UnaryOperator<TermHit> onHitRead = UnaryOperator.identity();

  @Override
  public List<SealedRecord> recordsByTerm(io.securerecords.api.store.IndexTerm term) {
    List<SealedRecord> found = inner.recordsByTerm(term).stream().map(onRecordRead).toList();
    termCandidates.add(found.size());
    return found;
  }

  @Override
  public List<TermHit> hitsByTerm(io.securerecords.api.store.IndexTerm term) {
    List<TermHit> found = inner.hitsByTerm(term).stream().map(onHitRead).toList();
    termCandidates.add(found.size());
    return found;
  }

  @Override
  public List<SealedRecord> records(ClientId client) {
    clientsListed.add(client);
    return inner.records(client).stream().map(onRecordRead).toList();
  }

  /** The names each {@code key} call and each {@code keys} call read, one list per call. */
  final List<List<KeyName>> keyReads = java.util.Collections.synchronizedList(new ArrayList<>());

  @Override
  public Optional<KeyEntry> key(KeyName name) {
    keyReads.add(List.of(name));
    return inner.key(name).map(onKeyRead);
  }

  @Override
  public List<KeyEntry> keys(java.util.Set<KeyName> names) {
    keyReads.add(List.copyOf(new java.util.TreeSet<>(names)));
    return inner.keys(names).stream().map(onKeyRead).toList();
  }

  @Override
  public List<LogEntry> log(long fromSequence, int limit) {
    List<LogEntry> all = onLogRead.apply(inner.log(0, Integer.MAX_VALUE));
    int from = (int) Math.min(fromSequence, all.size());
    return List.copyOf(all.subList(from, (int) Math.min((long) from + limit, all.size())));
  }

  @Override
  public long logSize() {
    return onLogRead.apply(inner.log(0, Integer.MAX_VALUE)).size();
  }

}
