package io.securerecords.api.error;

import java.util.Objects;

/**
 * A request was refused: the policy, a condition of the notice, or the token does not allow it.
 * Nothing was disclosed. The message names the clause and the failed condition, never a personal
 * value; the refusal itself is written to the enquiry log.
 */
public final class RefusedException extends SecureRecordsException {
  private static final long serialVersionUID = 1L;

  private final String clause;
  private final String condition;

  /**
   * @param clause the clause of the notice the request relied on, e.g. {@code 2.2}, or
   *     {@code token} when the token itself failed verification
   * @param condition the condition that failed, phrased without personal values
   */
  public RefusedException(String clause, String condition) {
    super("refused under clause " + Objects.requireNonNull(clause, "clause") + ": "
        + Objects.requireNonNull(condition, "condition"));
    this.clause = clause;
    this.condition = condition;
  }

  /** The clause the request relied on. */
  public String clause() {
    return clause;
  }

  /** The condition that failed. */
  public String condition() {
    return condition;
  }
}
