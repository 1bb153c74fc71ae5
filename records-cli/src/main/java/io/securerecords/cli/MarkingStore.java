package io.securerecords.cli;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
import java.util.List;
import java.util.Optional;

/**
 * A store that adds the current import mark (a single-use count) to the batch that creates a
 * record, so the record and the mark that it was imported are one atomic write: a re-run sees
 * the mark and skips the row, and a crash leaves either both or neither.
 */
final class MarkingStore implements RecordStore {
  private final RecordStore delegate;
  private volatile String mark;

  MarkingStore(RecordStore delegate) {
    this.delegate = delegate;
  }

  /** The mark to add to the next record-creating batch, or null for none. */
  void mark(String importMark) {
    this.mark = importMark;
  }

  @Override
  public void write(WriteBatch batch) {
    String current = mark;
    if (current == null || batch.recordPuts().stream().noneMatch(p -> p.expectedVersion() == 0)) {
      delegate.write(batch);
      return;
    }
    WriteBatch.Builder b = WriteBatch.builder();
    batch.recordPuts().forEach(p -> b.putRecord(p.record(), p.expectedVersion()));
    batch.recordDeletes().forEach(d -> b.deleteRecord(d.id(), d.expectedVersion()));
    batch.indexTerms().forEach(b::indexTerms);
    batch.keyPuts().forEach(k -> b.putKey(k.entry(), k.expectedVersion()));
    batch.logAppends().forEach(b::appendLog);
    batch.tokenUses().forEach(t -> b.useToken(t.tokenId(), t.maxUses()));
    b.useToken(current, 1);
    delegate.write(b.build());
  }

  @Override
  public Optional<SealedRecord> record(RecordId id) {
    return delegate.record(id);
  }

  @Override
  public List<SealedRecord> records(ClientId client) {
    return delegate.records(client);
  }

  @Override
  public List<RecordId> recordIds(RecordId after, int limit) {
    return delegate.recordIds(after, limit);
  }

  @Override
  public Optional<KeyEntry> key(KeyName name) {
    return delegate.key(name);
  }

  @Override
  public List<KeyName> keyNames(KeyName after, int limit) {
    return delegate.keyNames(after, limit);
  }

  @Override
  public List<RecordId> findByTerm(IndexTerm term) {
    return delegate.findByTerm(term);
  }

  @Override
  public List<LogEntry> log(long fromSequence, int limit) {
    return delegate.log(fromSequence, limit);
  }

  @Override
  public long logSize() {
    return delegate.logSize();
  }

  @Override
  public int tokenUses(String tokenId) {
    return delegate.tokenUses(tokenId);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
