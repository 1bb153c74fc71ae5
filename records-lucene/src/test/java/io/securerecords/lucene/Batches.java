package io.securerecords.lucene;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/**
 * Deterministic batches for the crash and concurrency tests: batch {@code n} creates record
 * {@code r<n>} with a term of its own and the shared term {@link #ALL}, and appends log entry
 * {@code n}, so a reader or a recovery can tell exactly what a whole batch looks like.
 */
final class Batches {
  static final ClientId CLIENT = ClientId.of("client-1");
  static final RecordType TYPE = RecordType.of("psu.casework");
  static final IndexTerm ALL = new IndexTerm("all", new byte[] {1});

  private Batches() {}

  static RecordId id(long n) {
    return RecordId.of(String.format("r%08d", n));
  }

  static IndexTerm ownTerm(long n) {
    return new IndexTerm("own", ByteBuffer.allocate(8).putLong(n).array());
  }

  static SealedRecord record(long n) {
    Instant at = Instant.ofEpochSecond(1_900_000_000L + n, n % 1_000_000_000L);
    return new SealedRecord(id(n), TYPE, CLIENT, 1, at, at, 1,
        List.of(new SealedField("summary", payload(n, 64)), new SealedField("empty", new byte[0])),
        payload(~n, 32));
  }

  static LogEntry logEntry(long n) {
    return new LogEntry(n, payload(n * 31, 48));
  }

  /** Batch {@code n}: record n with its two terms, log entry n. */
  static WriteBatch batch(long n) {
    return WriteBatch.builder()
        .putRecord(record(n), 0)
        .indexTerms(id(n), List.of(ALL, ownTerm(n)))
        .appendLog(logEntry(n))
        .build();
  }

  static byte[] payload(long seed, int length) {
    byte[] out = new byte[length];
    long x = seed * 0x9E3779B97F4A7C15L + 1;
    for (int i = 0; i < length; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      out[i] = (byte) x;
    }
    return out;
  }
}
