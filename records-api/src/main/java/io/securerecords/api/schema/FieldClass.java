package io.securerecords.api.schema;

/**
 * The class of a field, as the disclosure policy speaks of it. Every field of every record type
 * belongs to exactly one class; the policy grants or refuses classes, never field names, so an
 * existing system can map its own columns onto these.
 */
public enum FieldClass {
  /** Name and professional register number (notice 1.1). */
  IDENTITY(Part.BASIC),
  /** Email and postal address (notice 1.1). */
  CONTACT(Part.BASIC),
  /** Career grade, employer, responsible officer, training status and region (notice 1.1). */
  PROFESSIONAL(Part.BASIC),
  /** Services and teams accessed, appointment dates; casework team and dates (1.1, 1.2). */
  SERVICE_USE(Part.BOTH),
  /** Ethnicity, place of primary medical qualification, disability: special category (1.1). */
  DEMOGRAPHIC(Part.BASIC),
  /** Summary of objectives and details of progress (1.2). */
  CASE_SUMMARY(Part.CASEWORK),
  /** Emails between the client, adviser and administrator (1.2). */
  CORRESPONDENCE(Part.CASEWORK),
  /** Observations and feedback in skills and development services (1.2). */
  OBSERVATIONS(Part.CASEWORK);

  /** Which record of the notice a class belongs to. */
  public enum Part {
    /** The Basic Record (1.1). */
    BASIC,
    /** A Casework Record (1.2). */
    CASEWORK,
    /** Both. */
    BOTH
  }

  private final Part part;

  FieldClass(Part part) {
    this.part = part;
  }

  /** The record of the notice this class is held in. */
  public Part part() {
    return part;
  }
}
