package io.securerecords.api.psu;

import io.securerecords.api.error.InvalidInputException;
import java.time.LocalDate;

/**
 * One PSU appointment of a client (class {@code SERVICE_USE} of the Basic Record, notice 1.1):
 * among the few things clauses 2.1 and 2.2 may disclose.
 *
 * <p>{@link #toString()} shows the team, never the date.
 *
 * @param date the date of the appointment: required, an ISO date with a four-digit year
 * @param team the team the appointment was with: required
 */
public record Appointment(LocalDate date, Team team) {
  /**
   * Validates.
   *
   * @throws InvalidInputException naming {@code appointment.date} or {@code appointment.team}
   */
  public Appointment {
    Input.date("appointment.date", date, true);
    Input.required("appointment.team", team);
  }

  /** The type and the team only. */
  @Override
  public String toString() {
    return "Appointment[team=" + team + "]";
  }
}
