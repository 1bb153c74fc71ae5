package io.securerecords.api.record;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The identifier of one stored record (a Basic Record or one Casework Record). Opaque, stored in
 * clear as metadata, and bound into every ciphertext of the record.
 *
 * @param value 1 to 64 characters of letters, digits, '.', '_' or '-'
 */
public record RecordId(String value) implements Comparable<RecordId> {
  public RecordId {
    Ids.check("recordId", value);
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh random id (a UUID). */
  public static RecordId random() {
    return new RecordId(UUID.randomUUID().toString());
  }

  /**
   * A fresh id that sorts after the ids made earlier: 12 hex digits of the milliseconds since the
   * epoch at {@code at}, a dash, and 20 hex digits (80 bits) from {@link SecureRandom}. New records
   * then land at the end of a store's B-tree indexes instead of at random places in them (an
   * import into a random-keyed table rewrites pages all over the table). The time it shows is
   * the record's creation time, which the store holds in clear beside it anyway; use {@link
   * #random()} where no time may show (pseudonymised disclosures).
   */
  public static RecordId timeOrdered(Instant at) {
    long millis = at.toEpochMilli();
    if (millis < 0 || millis > 0xFFFF_FFFF_FFFFL) {
      throw new IllegalArgumentException("time outside 1970 to 10889");
    }
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    return new RecordId(String.format("%012x", millis) + "-" + HexFormat.of().formatHex(random));
  }

  /** Parses an id, failing with {@code InvalidInputException} when it is malformed. */
  public static RecordId of(String value) {
    return new RecordId(value);
  }

  @Override
  public int compareTo(RecordId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return "RecordId[" + value + "]";
  }
}
