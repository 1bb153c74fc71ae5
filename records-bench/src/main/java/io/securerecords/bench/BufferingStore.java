package io.securerecords.bench;

import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.FilterRecordStore;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.WriteBatch;
import io.securerecords.jdbc.JdbcRecordStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * For loading benchmark data only: collects the batches that {@code SecureRecords.put} writes
 * and applies them many at a time ({@link JdbcRecordStore#writeAll} on JDBC, one merged batch on
 * other stores), so loading 100,000 clients does not take one transaction or Lucene commit per
 * record. The records, keys and terms written are exactly the library's. Reads go to the target,
 * so a caller must not read what it has not flushed (loading only writes new clients).
 */
public final class BufferingStore extends FilterRecordStore {
  private final List<WriteBatch> pending = new ArrayList<>();
  private final BiConsumer<RecordId, List<IndexTerm>> termsSeen;

  public BufferingStore(RecordStore target, BiConsumer<RecordId, List<IndexTerm>> termsSeen) {
    super(target);
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
    if (in instanceof JdbcRecordStore jdbc) {
      jdbc.writeAll(pending);
    } else {
      WriteBatch.Builder merged = WriteBatch.builder();
      for (WriteBatch b : pending) {
        b.recordPuts().forEach(p -> merged.putRecord(p.record(), p.expectedVersion()));
        b.indexTerms().forEach(merged::indexTerms);
        b.keyPuts().forEach(k -> merged.putKey(k.entry(), k.expectedVersion()));
        b.logAppends().forEach(merged::appendLog);
      }
      in.write(merged.build());
    }
    pending.clear();
  }










  @Override
  public void close() {
    flush();
  }
}
