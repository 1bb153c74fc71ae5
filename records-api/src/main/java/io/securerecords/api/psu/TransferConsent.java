package io.securerecords.api.psu;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.schema.Classified;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.SealedType;
import java.time.LocalDate;

/**
 * The client's agreement to an internal transfer to a named PSU team (notice 3.2), dated and
 * withdrawable: {@code INTERNAL_TRANSFER} releases only to a team with an agreement in force on
 * the day of the release. Withdraw by updating the record with a {@code withdrawn} date.
 *
 * @param receivingTeam the team the client agreed to be transferred to
 * @param given when the client agreed
 * @param withdrawn when the client withdrew the agreement, or null
 */
@SealedType("psu.consent")
public record TransferConsent(
    @Classified(value = FieldClass.SERVICE_USE, required = true) Team receivingTeam,
    @Classified(value = FieldClass.SERVICE_USE, required = true) LocalDate given,
    @Classified(FieldClass.SERVICE_USE) LocalDate withdrawn) {

  /**
   * Validates.
   *
   * @throws InvalidInputException naming the field
   */
  public TransferConsent {
    Input.required("consent.receivingTeam", receivingTeam);
    Input.date("consent.given", given, true);
    Input.date("consent.withdrawn", withdrawn, false);
    if (withdrawn != null && withdrawn.isBefore(given)) {
      throw new InvalidInputException("consent.withdrawn", "must not be before the date given");
    }
  }

  /** Whether the agreement is in force on that day. */
  public boolean inForceOn(LocalDate day) {
    return !given.isAfter(day) && (withdrawn == null || withdrawn.isAfter(day));
  }

  @Override
  public String toString() {
    return "TransferConsent[" + receivingTeam + "]";
  }
}
