package io.securerecords.api.schema;

import io.securerecords.api.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The name of a record type, e.g. {@code psu.basic}. It is stored in clear and bound into every
 * ciphertext, so a field sealed for one type cannot be opened as another.
 *
 * @param name lower-case letters, digits, '.', '_' or '-', starting with a letter, at most 64
 */
public record RecordType(String name) {
  private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

  public RecordType {
    if (name == null || !FORM.matcher(name).matches()) {
      throw new InvalidInputException(
          "recordType", "must be 1 to 64 lower-case letters, digits, '.', '_' or '-'");
    }
  }

  public static RecordType of(String name) {
    return new RecordType(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
