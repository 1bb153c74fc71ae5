package io.securerecords.api.record;

import java.util.UUID;

/**
 * The internal, opaque identifier of a client (a healthcare professional who uses the PSU).
 *
 * <p>It is stored in clear as record metadata and used as the subject of tokens, so it must
 * never be derived from a name, register number or email: use {@link #random()} or an existing
 * system's surrogate key. It is bound into every ciphertext of the client's records.
 *
 * @param value 1 to 64 characters of letters, digits, '.', '_' or '-'
 */
public record ClientId(String value) implements Comparable<ClientId> {
  public ClientId {
    Ids.check("clientId", value);
  }

  /** A fresh random id (a UUID). */
  public static ClientId random() {
    return new ClientId(UUID.randomUUID().toString());
  }

  /** Parses an id, failing with {@code InvalidInputException} when it is malformed. */
  public static ClientId of(String value) {
    return new ClientId(value);
  }

  @Override
  public int compareTo(ClientId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return "ClientId[" + value + "]";
  }
}
