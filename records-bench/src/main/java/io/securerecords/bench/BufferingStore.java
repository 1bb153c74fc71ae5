package io.securerecords.bench;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
import io.securerecords.jdbc.JdbcRecordStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * For loading benchmark data only: collects the batches that {@code SecureRecords.put} writes
 * and applies them many at a time ({@link JdbcRecordStore#writeAll} on JDBC, one merged batch on
 * other stores), so loading 100,000 clients does not take one transaction or Lucene commit per
 * record. The records, keys and terms written are exactly the library's. Reads go to the target,
 * so a caller must not read what it has not flushed (loading only writes new clients).
 */
public final class BufferingStore implements RecordStore {
  private final RecordStore target;
  private final List<WriteBatch> pending = new ArrayList<>();
  private final BiConsumer<RecordId, List<IndexTerm>> termsSeen;

  public BufferingStore(RecordStore target, BiConsumer<RecordId, List<IndexTerm>> termsSeen) {
    this.target = target;
    this.termsSeen = termsSeen;
  }

  @Override
  public void write(WriteBatch batch) {
    pending.add(batch);
    for (Map.Entry<RecordId, List<IndexTerm>> e : batch.indexTerms().entrySet()) {
      termsSeen.accept(e.getKey(), e.getValue());
    }
  }

  /** Applies every pending batch. */
  public void flush() {
    if (pending.isEmpty()) {
      return;
    }
    if (target instanceof JdbcRecordStore jdbc) {
      jdbc.writeAll(pending);
    } else {
      WriteBatch.Builder merged = WriteBatch.builder();
      for (WriteBatch b : pending) {
        b.recordPuts().forEach(p -> merged.putRecord(p.record(), p.expectedVersion()));
        b.indexTerms().forEach(merged::indexTerms);
        b.keyPuts().forEach(k -> merged.putKey(k.entry(), k.expectedVersion()));
        b.logAppends().forEach(merged::appendLog);
      }
      target.write(merged.build());
    }
    pending.clear();
  }

  @Override
  public Optional<SealedRecord> record(RecordId id) {
    return target.record(id);
  }

  @Override
  public List<SealedRecord> records(ClientId client) {
    return target.records(client);
  }

  @Override
  public List<RecordId> recordIds(RecordId after, int limit) {
    return target.recordIds(after, limit);
  }

  @Override
  public Optional<KeyEntry> key(KeyName name) {
    return target.key(name);
  }

  @Override
  public List<KeyName> keyNames(KeyName after, int limit) {
    return target.keyNames(after, limit);
  }

  @Override
  public List<RecordId> findByTerm(IndexTerm term) {
    return target.findByTerm(term);
  }

  @Override
  public List<LogEntry> log(long fromSequence, int limit) {
    return target.log(fromSequence, limit);
  }

  @Override
  public long logSize() {
    return target.logSize();
  }

  @Override
  public int tokenUses(String tokenId) {
    return target.tokenUses(tokenId);
  }

  @Override
  public void close() {
    flush();
  }
}
