package io.securerecords.api.psu;

import io.securerecords.api.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The kinds of text the PSU records hold, each with its size limit and its line rule. Checking a
 * value never puts the value into the error.
 */
enum TextKind {
  /** A name or other short value on one line. */
  NAME(Input.NAME_CHARS, Lines.SINGLE, null, null),
  /** An email subject line. */
  SUBJECT(Input.SUBJECT_CHARS, Lines.SINGLE, null, null),
  /** A postal address: line breaks allowed. */
  POSTAL_ADDRESS(Input.ADDRESS_CHARS, Lines.BREAKS, null, null),
  /** Free text: any well-formed Unicode, control characters included. */
  FREE_TEXT(Input.FREE_TEXT_CHARS, Lines.ANY, null, null),
  /** An email address in its simple form. */
  EMAIL(
      Input.EMAIL_CHARS,
      Lines.SINGLE,
      Pattern.compile("(?U)[^@\\s]{1,64}@[^@\\s.]+(?:\\.[^@\\s.]+)+"),
      "must be an email address of the form name@domain.tld"),
  /** The code of a PSU service. */
  SERVICE_CODE(
      Input.CODE_CHARS,
      Lines.SINGLE,
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*"),
      "must be letters, digits, '.', '_' or '-', starting with a letter or digit");

  private enum Lines {
    SINGLE,
    BREAKS,
    ANY
  }

  private final int maxChars;
  private final Lines lines;
  private final Pattern form;
  private final String formRule;

  TextKind(int maxChars, Lines lines, Pattern form, String formRule) {
    this.maxChars = maxChars;
    this.lines = lines;
    this.form = form;
    this.formRule = formRule;
  }

  /**
   * Checks one value of this kind.
   *
   * @param path the field path named in an error
   * @param value the value, or null
   * @param required whether a null or blank value is refused
   * @return the value, unchanged
   * @throws InvalidInputException naming the path and the broken rule
   */
  String check(String path, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw new InvalidInputException(path, "is required");
      }
      return value;
    }
    int chars = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          throw new InvalidInputException(path, "must be well-formed Unicode text");
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw new InvalidInputException(path, "must be well-formed Unicode text");
      } else if (!allowed(c)) {
        throw new InvalidInputException(
            path,
            lines == Lines.SINGLE
                ? "must be a single line without control characters"
                : "may hold line breaks but no other control characters");
      }
      if (++chars > maxChars) {
        throw new InvalidInputException(path, "must be at most " + maxChars + " characters");
      }
    }
    if (form != null && !form.matcher(value).matches()) {
      throw new InvalidInputException(path, formRule);
    }
    return value;
  }

  private boolean allowed(char c) {
    // Surrogates are handled by the caller; every other control or separator is a BMP char.
    int type = Character.getType(c);
    boolean lineBreaking =
        type == Character.CONTROL
            || type == Character.LINE_SEPARATOR
            || type == Character.PARAGRAPH_SEPARATOR;
    switch (lines) {
      case ANY:
        return true;
      case BREAKS:
        return !lineBreaking || c == '\n' || c == '\r';
      default:
        return !lineBreaking;
    }
  }
}
