package io.securerecords.api.store;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A store that forwards every call to another, for wrappers that change one behaviour (as
 * Lucene's {@code FilterDirectory} does for directories): override what differs. A wrapper must
 * keep the SPI's guarantees; it sees only what the wrapped store sees, never plaintext.
 */
public abstract class FilterRecordStore implements RecordStore {
  /** The wrapped store. */
  protected final RecordStore in;

  protected FilterRecordStore(RecordStore in) {
    this.in = Objects.requireNonNull(in, "in");
  }

  @Override
  public void write(WriteBatch batch) {
    in.write(batch);
  }

  @Override
  public Optional<SealedRecord> record(RecordId id) {
    return in.record(id);
  }

  @Override
  public List<SealedRecord> records(ClientId client) {
    return in.records(client);
  }

  @Override
  public List<RecordId> recordIds(RecordId after, int limit) {
    return in.recordIds(after, limit);
  }

  @Override
  public Optional<KeyEntry> key(KeyName name) {
    return in.key(name);
  }

  @Override
  public List<KeyEntry> keys(java.util.Set<KeyName> names) {
    return in.keys(names);
  }

  @Override
  public List<KeyName> keyNames(KeyName after, int limit) {
    return in.keyNames(after, limit);
  }

  @Override
  public List<RecordId> findByTerm(IndexTerm term) {
    return in.findByTerm(term);
  }

  @Override
  public List<SealedRecord> recordsByTerm(IndexTerm term) {
    return in.recordsByTerm(term);
  }

  @Override
  public List<TermHit> hitsByTerm(IndexTerm term) {
    return in.hitsByTerm(term);
  }

  @Override
  public List<LogEntry> log(long fromSequence, int limit) {
    return in.log(fromSequence, limit);
  }

  @Override
  public long logSize() {
    return in.logSize();
  }

  @Override
  public int tokenUses(String tokenId) {
    return in.tokenUses(tokenId);
  }

  @Override
  public void close() {
    in.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + in + "]";
  }
}
