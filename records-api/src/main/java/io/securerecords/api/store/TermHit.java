package io.securerecords.api.store;

import io.securerecords.api.record.RecordId;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record that holds a blinded term, with the bytes its entry for that term carries (see {@link
 * IndexEntry}); empty when the entry was written without any.
 *
 * @param record the record holding the term
 * @param carried the entry's carried bytes, exactly as written
 */
public record TermHit(RecordId record, byte[] carried) {
  public TermHit {
    Objects.requireNonNull(record, "record");
    carried = Bytes.copy("carried", carried);
  }

  /** A copy of the carried bytes (empty: none). */
  @Override
  public byte[] carried() {
    return carried.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TermHit h && record.equals(h.record) && Arrays.equals(carried, h.carried);
  }

  @Override
  public int hashCode() {
    return 31 * record.hashCode() + Arrays.hashCode(carried);
  }

  @Override
  public String toString() {
    return "TermHit[" + record + ", carries " + carried.length + " bytes]";
  }
}
