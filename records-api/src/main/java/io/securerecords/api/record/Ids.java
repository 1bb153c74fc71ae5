package io.securerecords.api.record;

import io.securerecords.api.error.InvalidInputException;
import java.util.regex.Pattern;

/** Shared validation of the typed ids. */
final class Ids {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Ids() {}

  static String check(String field, String value) {
    if (value == null) {
      throw new InvalidInputException(field, "is required");
    }
    if (!FORM.matcher(value).matches()) {
      throw new InvalidInputException(
          field, "must be 1 to 64 characters of letters, digits, '.', '_' or '-'");
    }
    return value;
  }
}
