package io.securerecords.api.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record's entry under one blinded term, with the bytes the library attaches to it. The store
 * keeps {@code carried} with the term and hands it back, byte for byte, with the term's hits
 * ({@link RecordStore#hitsByTerm}); it never interprets it.
 *
 * <p>What the library puts there (see SECURITY.md, "Search leakage") is sealed under the record's
 * client key and bound to the record and the term, so it tells the store nothing it does not
 * already see; it lets a search drop a truncated term's false positives without reading their
 * records.
 *
 * @param term the blinded term
 * @param carried opaque bytes kept with the term, at most {@link #MAX_CARRIED} (empty: none)
 */
public record IndexEntry(IndexTerm term, byte[] carried) {
  /** The most bytes an entry may carry. */
  public static final int MAX_CARRIED = 512;

  private static final byte[] NONE = new byte[0];

  public IndexEntry {
    Objects.requireNonNull(term, "term");
    carried = Bytes.copy("carried", carried);
    if (carried.length > MAX_CARRIED) {
      throw new IllegalArgumentException("an index entry carries at most " + MAX_CARRIED + " bytes");
    }
  }

  /** An entry that carries nothing. */
  public static IndexEntry of(IndexTerm term) {
    return new IndexEntry(term, NONE);
  }

  /** A copy of the carried bytes (empty: none). */
  @Override
  public byte[] carried() {
    return carried.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexEntry e && term.equals(e.term) && Arrays.equals(carried, e.carried);
  }

  @Override
  public int hashCode() {
    return 31 * term.hashCode() + Arrays.hashCode(carried);
  }

  @Override
  public String toString() {
    return "IndexEntry[" + term + ", carries " + carried.length + " bytes]";
  }
}
