package io.securerecords.api.record;

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

  /** A fresh random id (a UUID). */
  public static RecordId random() {
    return new RecordId(UUID.randomUUID().toString());
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
