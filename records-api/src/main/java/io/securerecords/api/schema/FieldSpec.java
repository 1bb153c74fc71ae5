package io.securerecords.api.schema;

import io.securerecords.api.error.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One field of a record type: its name, its class, whether it must be present, and the largest
 * encoded value it may hold. Each field is sealed on its own under the client's data key.
 *
 * @param name the property name (letters, digits and '_', starting with a letter)
 * @param fieldClass the class the policy grants or refuses
 * @param required whether a null or absent value is refused
 * @param maxBytes the largest UTF-8 JSON encoding of the value accepted
 */
public record FieldSpec(String name, FieldClass fieldClass, boolean required, int maxBytes) {
  /** The default size limit of one field: 64 KiB of encoded value. */
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  public FieldSpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException("field", "names are 1 to 64 letters, digits or '_'");
    }
    Objects.requireNonNull(fieldClass, "fieldClass");
    if (maxBytes < 1 || maxBytes > 16 * 1024 * 1024) {
      throw new InvalidInputException(name, "maxBytes must be between 1 and 16 MiB");
    }
  }
}
