package io.securerecords.cli;

import io.securerecords.api.store.FilterRecordStore;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.WriteBatch;

/**
 * A store that adds the current import mark (a single-use count) to the batch that creates a
 * record, so the record and the mark that it was imported are one atomic write: a re-run sees
 * the mark and skips the row, and a crash leaves either both or neither.
 */
final class MarkingStore extends FilterRecordStore {
  private volatile String mark;

  MarkingStore(RecordStore delegate) {
    super(delegate);
  }

  /** The mark to add to the next record-creating batch, or null for none. */
  void mark(String importMark) {
    this.mark = importMark;
  }

  @Override
  public void write(WriteBatch batch) {
    String current = mark;
    if (current == null || batch.recordPuts().stream().noneMatch(p -> p.expectedVersion() == 0)) {
      in.write(batch);
      return;
    }
    in.write(batch.toBuilder().useToken(current, 1).build());
  }











  @Override
  public String toString() {
    return in.toString();
  }
}
