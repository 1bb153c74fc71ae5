package io.securerecords.api.psu;

import io.securerecords.api.error.InvalidInputException;

/**
 * A doctor's responsible officer and designated body (class {@code PROFESSIONAL} of the Basic
 * Record, notice 1.1). The policy reads it for clause 2.2: only the client's recorded officer may
 * be made aware that the client is accessing support.
 *
 * <p>{@link #toString()} never shows a value.
 *
 * @param name the officer's name: required, one line, at most 200 characters
 * @param designatedBody the designated body: optional, one line, at most 200 characters
 */
public record ResponsibleOfficer(String name, String designatedBody) {
  /**
   * Validates.
   *
   * @throws InvalidInputException naming {@code responsibleOfficer.name} or {@code
   *     responsibleOfficer.designatedBody} and the rule
   */
  public ResponsibleOfficer {
    TextKind.NAME.check("responsibleOfficer.name", name, true);
    TextKind.NAME.check("responsibleOfficer.designatedBody", designatedBody, false);
  }

  /** The type only. */
  @Override
  public String toString() {
    return "ResponsibleOfficer[***]";
  }
}
