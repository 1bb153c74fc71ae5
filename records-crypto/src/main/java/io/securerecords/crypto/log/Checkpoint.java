package io.securerecords.crypto.log;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A point in the log a verifier can keep: the number of entries and the SHA-256 of the last
 * entry's sealed bytes. Given an earlier checkpoint, {@link LogVerifier} also detects truncation
 * and history rewritten before it.
 *
 * @param size the number of entries covered
 * @param head SHA-256 of the last covered entry (32 zero bytes when {@code size} is 0)
 */
public record Checkpoint(long size, byte[] head) {
  /** The empty log. */
  public static final Checkpoint EMPTY = new Checkpoint(0, new byte[32]);

  public Checkpoint {
    if (size < 0 || head == null || head.length != 32) {
      throw new IllegalArgumentException("a checkpoint is a size and a 32-byte hash");
    }
    head = head.clone();
  }

  @Override
  public byte[] head() {
    return head.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c && size == c.size && Arrays.equals(head, c.head);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(size) * 31 + Arrays.hashCode(head);
  }

  @Override
  public String toString() {
    return "Checkpoint[" + size + ", " + HexFormat.of().formatHex(head) + "]";
  }
}
