package io.securerecords.api.store;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.record.ClientId;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name under which a wrapped key is stored: a client's data key ({@code client:<id>}) or a
 * library key such as a blind-index or log key ({@code system:<name>}).
 *
 * @param value the stored name
 */
public record KeyName(String value) implements Comparable<KeyName> {
  private static final String CLIENT = "client:";
  private static final String SYSTEM = "system:";
  private static final Pattern SYSTEM_NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

  public KeyName {
    if (value == null) {
      throw new InvalidInputException("keyName", "is required");
    }
    if (value.startsWith(CLIENT)) {
      ClientId.of(value.substring(CLIENT.length()));
    } else if (!value.startsWith(SYSTEM)
        || !SYSTEM_NAME.matcher(value.substring(SYSTEM.length())).matches()) {
      throw new InvalidInputException("keyName", "must be client:<id> or system:<name>");
    }
  }

  /** The name of a client's data key. */
  public static KeyName client(ClientId client) {
    return new KeyName(CLIENT + client.value());
  }

  /** The name of a library key (lower-case letters, digits, '.', '_', '-'). */
  public static KeyName system(String name) {
    return new KeyName(SYSTEM + name);
  }

  /** The client whose data key this is, if it is one. */
  public Optional<ClientId> client() {
    return value.startsWith(CLIENT)
        ? Optional.of(ClientId.of(value.substring(CLIENT.length())))
        : Optional.empty();
  }

  @Override
  public int compareTo(KeyName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
