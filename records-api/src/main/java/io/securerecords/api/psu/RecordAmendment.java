package io.securerecords.api.psu;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.Classified;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.SealedType;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * One entry of a record's history (notice 6, rectification): which field of which record was
 * amended on the client's request, when, why, and its old value, kept sealed. The old value sits
 * in the field of its own class ({@code oldIdentity}, {@code oldContact}, ...) so it is protected
 * exactly as the value was; the other seven are null.
 *
 * @param record the amended record
 * @param field the amended field's name
 * @param fieldClass the amended field's class
 * @param amended the day of the amendment
 * @param reason the client's reason, as recorded
 */
@SealedType("psu.amendment")
public record RecordAmendment(
    @Classified(value = FieldClass.SERVICE_USE, required = true) RecordId record,
    @Classified(value = FieldClass.SERVICE_USE, required = true) String field,
    @Classified(value = FieldClass.SERVICE_USE, required = true) FieldClass fieldClass,
    @Classified(value = FieldClass.SERVICE_USE, required = true) LocalDate amended,
    @Classified(value = FieldClass.SERVICE_USE, required = true) String reason,
    @Classified(FieldClass.IDENTITY) String oldIdentity,
    @Classified(FieldClass.CONTACT) String oldContact,
    @Classified(FieldClass.PROFESSIONAL) String oldProfessional,
    @Classified(FieldClass.SERVICE_USE) String oldServiceUse,
    @Classified(FieldClass.DEMOGRAPHIC) String oldDemographic,
    @Classified(value = FieldClass.CASE_SUMMARY, maxBytes = 1 << 24) String oldCaseSummary,
    @Classified(value = FieldClass.CORRESPONDENCE, maxBytes = 1 << 24) String oldCorrespondence,
    @Classified(value = FieldClass.OBSERVATIONS, maxBytes = 1 << 24) String oldObservations) {

  /**
   * Validates.
   *
   * @throws InvalidInputException naming the field
   */
  public RecordAmendment {
    Input.required("amendment.record", record);
    Input.required("amendment.field", field);
    Input.required("amendment.fieldClass", fieldClass);
    Input.date("amendment.amended", amended, true);
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException("amendment.reason", "is required");
    }
    if (reason.length() > 2_000) {
      throw new InvalidInputException("amendment.reason", "is longer than 2000 characters");
    }
  }

  /**
   * An amendment whose old value (JSON text, as sealed) goes into the field of its class.
   */
  public static RecordAmendment of(RecordId record, String field, FieldClass fieldClass,
      LocalDate amended, String reason, String oldValueJson) {
    Map<FieldClass, String> old = new EnumMap<>(FieldClass.class);
    old.put(fieldClass, oldValueJson);
    return new RecordAmendment(record, field, fieldClass, amended, reason,
        old.get(FieldClass.IDENTITY), old.get(FieldClass.CONTACT), old.get(FieldClass.PROFESSIONAL),
        old.get(FieldClass.SERVICE_USE), old.get(FieldClass.DEMOGRAPHIC),
        old.get(FieldClass.CASE_SUMMARY), old.get(FieldClass.CORRESPONDENCE),
        old.get(FieldClass.OBSERVATIONS));
  }

  @Override
  public String toString() {
    return "RecordAmendment[" + field + ", " + fieldClass + "]";
  }
}
