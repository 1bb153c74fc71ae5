package io.securerecords.api.psu;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.Classified;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.SealedType;
import java.time.LocalDate;

/**
 * The client's objection to internal sharing of an aspect of their casework (notice 3.3): a
 * whole casework record, one class within it, or one class across all their casework. While in
 * force it blocks {@code INTERNAL_ADVICE} (3.1) and {@code INTERNAL_TRANSFER} (3.2) for that
 * aspect, and nothing else (not 2.3 to 2.5, not subject access).
 *
 * @param casework the casework record objected to, or null for all of the client's casework
 * @param fieldClass the class objected to, or null for the whole record
 * @param given when the objection was made
 * @param withdrawn when it was withdrawn, or null
 */
@SealedType("psu.objection")
public record SharingObjection(
    @Classified(FieldClass.SERVICE_USE) RecordId casework,
    @Classified(FieldClass.SERVICE_USE) FieldClass fieldClass,
    @Classified(value = FieldClass.SERVICE_USE, required = true) LocalDate given,
    @Classified(FieldClass.SERVICE_USE) LocalDate withdrawn) {

  /**
   * Validates.
   *
   * @throws InvalidInputException naming the field
   */
  public SharingObjection {
    Input.date("objection.given", given, true);
    Input.date("objection.withdrawn", withdrawn, false);
    if (withdrawn != null && withdrawn.isBefore(given)) {
      throw new InvalidInputException("objection.withdrawn", "must not be before the date given");
    }
  }

  /** Whether the objection is in force on that day. */
  public boolean inForceOn(LocalDate day) {
    return !given.isAfter(day) && (withdrawn == null || withdrawn.isAfter(day));
  }

  /** Whether it covers this field class of this casework record. */
  public boolean covers(RecordId record, FieldClass cls) {
    return (casework == null || casework.equals(record)) && (fieldClass == null || fieldClass == cls);
  }

  @Override
  public String toString() {
    return "SharingObjection[" + (fieldClass == null ? "whole record" : fieldClass) + "]";
  }
}
