package io.securerecords.api.psu;

import io.securerecords.api.error.InvalidInputException;
import java.time.LocalDate;
import java.util.List;

/**
 * The limits and the non-text input rules shared by the PSU record types. Every failure is an
 * {@link InvalidInputException} that names the field path and the rule, never the value.
 */
final class Input {
  /** Names and other short single-line values, in characters (code points). */
  static final int NAME_CHARS = 200;
  /** An email subject line: the line limit of RFC 5322. */
  static final int SUBJECT_CHARS = 998;
  /** A postal address. */
  static final int ADDRESS_CHARS = 500;
  /** Free text: summaries, observations, message bodies. */
  static final int FREE_TEXT_CHARS = 32_000;
  /** An email address: the path limit of RFC 5321. */
  static final int EMAIL_CHARS = 254;
  /** A service code. */
  static final int CODE_CHARS = 64;

  static final int MAX_MESSAGES = 500;
  static final int MAX_APPOINTMENTS = 1_000;
  static final int MAX_SERVICES = 1_000;

  /**
   * The largest JSON encoding of free text that passes the rules: a control character is escaped
   * as six bytes (a backslash-u escape), any other code point takes at most four, plus the quotes.
   */
  static final int FREE_TEXT_BYTES = 6 * FREE_TEXT_CHARS + 2;

  /** The largest JSON encoding of the service codes that pass the rules (ASCII, quoted, commas). */
  static final int SERVICES_BYTES = MAX_SERVICES * (CODE_CHARS + 3) + 2;

  /**
   * The correspondence of a record may be larger than one field can hold (500 bodies of 32,000
   * characters); the schema caps the whole field at the largest size a field may have, so a
   * larger one fails when it is encoded, naming the field.
   */
  static final int CORRESPONDENCE_BYTES = 16 * 1024 * 1024;

  private static final LocalDate FIRST_DATE = LocalDate.of(1, 1, 1);
  private static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

  private Input() {}

  /** Refuses a missing value. */
  static <T> T required(String path, T value) {
    if (value == null) {
      throw new InvalidInputException(path, "is required");
    }
    return value;
  }

  /** Refuses a missing required date and a date outside ISO 8601's four-digit years. */
  static LocalDate date(String path, LocalDate value, boolean required) {
    if (value == null) {
      if (required) {
        throw new InvalidInputException(path, "is required");
      }
      return null;
    }
    if (value.isBefore(FIRST_DATE) || value.isAfter(LAST_DATE)) {
      throw new InvalidInputException(path, "must be an ISO date from 0001-01-01 to 9999-12-31");
    }
    return value;
  }

  /**
   * Copies a list immutably: an absent list becomes empty; a missing element is refused with its
   * index in the path; more than {@code max} elements are refused.
   */
  static <T> List<T> list(String path, List<T> values, int max) {
    if (values == null) {
      return List.of();
    }
    if (values.size() > max) {
      throw new InvalidInputException(path, "must hold at most " + max + " entries");
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new InvalidInputException(path + "[" + i + "]", "is required");
      }
    }
    return List.copyOf(values);
  }
}
