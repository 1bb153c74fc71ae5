package io.securerecords.api.psu;

import io.securerecords.api.error.InvalidInputException;

/**
 * The client's recorded supervisor (class {@code PROFESSIONAL} of the Basic Record). Supervisor
 * feedback (notice 2, paragraph after 2.5) may go only to this person, so the policy compares a
 * requester with it.
 *
 * <p>{@link #toString()} never shows a value.
 *
 * @param name the supervisor's name: required, one line, at most 200 characters
 * @param email the supervisor's email address: optional, simple form, at most 254 characters
 */
public record Supervisor(String name, String email) {
  /**
   * Validates.
   *
   * @throws InvalidInputException naming {@code supervisor.name} or {@code supervisor.email} and
   *     the rule
   */
  public Supervisor {
    TextKind.NAME.check("supervisor.name", name, true);
    TextKind.EMAIL.check("supervisor.email", email, false);
  }

  /** The type only. */
  @Override
  public String toString() {
    return "Supervisor[***]";
  }
}
