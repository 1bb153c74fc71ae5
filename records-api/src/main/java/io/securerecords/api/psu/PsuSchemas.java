package io.securerecords.api.psu;

import io.securerecords.api.schema.RecordSchema;
import java.util.List;

/**
 * The schemas of the PSU record types, derived from {@link BasicRecord} and {@link
 * CaseworkRecord} with {@link RecordSchema#derive(Class)}. They put every field into the class the
 * disclosure policy names for it (the "What is held" table), so a release can never carry a field
 * whose class the policy did not grant.
 */
public final class PsuSchemas {
  private static final RecordSchema BASIC = RecordSchema.derive(BasicRecord.class);
  private static final RecordSchema CASEWORK = RecordSchema.derive(CaseworkRecord.class);
  private static final RecordSchema CONSENT = RecordSchema.derive(TransferConsent.class);
  private static final RecordSchema OBJECTION = RecordSchema.derive(SharingObjection.class);
  private static final RecordSchema ACKNOWLEDGEMENT =
      RecordSchema.derive(FeedbackAcknowledgement.class);
  private static final RecordSchema AMENDMENT = RecordSchema.derive(RecordAmendment.class);

  private PsuSchemas() {}

  /** The schema of the Basic Record (notice 1.1), record type {@code psu.basic}. */
  public static RecordSchema basic() {
    return BASIC;
  }

  /** The schema of a Casework Record (notice 1.2), record type {@code psu.casework}. */
  public static RecordSchema casework() {
    return CASEWORK;
  }

  /**
   * The schemas of the client's own choices: transfer consents (3.2), objections to internal
   * sharing (3.3) and feedback acknowledgements (2). They are sealed like any record and are
   * released only to the client (subject access).
   */
  public static List<RecordSchema> choices() {
    return List.of(CONSENT, OBJECTION, ACKNOWLEDGEMENT);
  }

  /** The schema of record history: amendments made on the client's request (notice 6). */
  public static RecordSchema amendment() {
    return AMENDMENT;
  }

  /**
   * Every PSU schema: the Basic Record's, the Casework Record's, the client's choices, then
   * record history.
   */
  public static List<RecordSchema> all() {
    return List.of(BASIC, CASEWORK, CONSENT, OBJECTION, ACKNOWLEDGEMENT, AMENDMENT);
  }
}
