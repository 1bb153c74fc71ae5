package io.securerecords.api.store;

import java.util.Arrays;

/**
 * One entry of the append-only enquiry log, as stored: its position and its sealed bytes (the
 * log's own format: authenticated metadata, encrypted body, link to the previous entry).
 *
 * @param sequence 0 for the first entry, then +1 with no gaps
 * @param sealed the sealed entry
 */
public record LogEntry(long sequence, byte[] sealed) {
  public LogEntry {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative");
    }
    sealed = Bytes.copy("sealed", sealed);
  }

  /** A copy of the sealed bytes. */
  @Override
  public byte[] sealed() {
    return sealed.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogEntry e && sequence == e.sequence && Arrays.equals(sealed, e.sealed);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sequence) + 31 * Arrays.hashCode(sealed);
  }

  @Override
  public String toString() {
    return "LogEntry[" + sequence + ", " + sealed.length + " bytes]";
  }
}
