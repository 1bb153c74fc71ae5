package io.securerecords.api.error;

import java.util.Objects;

/**
 * Input broke a rule of the schema; nothing was written.
 *
 * <p>The message names the field and the rule (for example {@code registration.number: GMC
 * numbers are 7 digits}) and never echoes the rejected value.
 */
public final class InvalidInputException extends SecureRecordsException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String rule;

  /**
   * @param field the path of the offending field, e.g. {@code correspondence[2].body}
   * @param rule the rule that was broken, phrased without the value
   */
  public InvalidInputException(String field, String rule) {
    super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(rule, "rule"));
    this.field = field;
    this.rule = rule;
  }

  /** The path of the field that broke the rule. */
  public String field() {
    return field;
  }

  /** The rule that was broken. */
  public String rule() {
    return rule;
  }
}
