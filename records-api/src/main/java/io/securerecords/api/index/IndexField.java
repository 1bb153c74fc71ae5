package io.securerecords.api.index;

import io.securerecords.api.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * One field an index covers, and the kind of value it holds.
 *
 * @param field the field's property name, or a dotted path into it (e.g. {@code supervisor.name})
 * @param kind how the field's values are normalised
 */
public record IndexField(String field, IndexKind kind) {
  private static final Pattern PATH =
      Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}(?:\\.[A-Za-z][A-Za-z0-9_]{0,63}){0,3}");

  /**
   * @throws InvalidInputException on {@code index.field} if the path is not one to four property
   *     names joined by '.', or the kind is missing
   */
  public IndexField {
    if (field == null || !PATH.matcher(field).matches()) {
      throw new InvalidInputException(
          "index.field", "is one to four property names (letters, digits, '_') joined by '.'");
    }
    if (kind == null) {
      throw new InvalidInputException("index.field", "needs a kind");
    }
  }

  /** A field of kind {@link IndexKind#NAME}. */
  public static IndexField name(String field) {
    return new IndexField(field, IndexKind.NAME);
  }

  /** A field of kind {@link IndexKind#CODE}. */
  public static IndexField code(String field) {
    return new IndexField(field, IndexKind.CODE);
  }
}
