package io.securerecords.api.psu;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.Classified;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.SealedType;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The client's acknowledgement of the exact feedback content a supervisor may receive (notice 2,
 * paragraph after 2.5: "no feedback will be provided without your prior knowledge of the
 * content"). It is bound to a digest of that content: any edit needs a new acknowledgement.
 *
 * @param casework the casework record whose observations were acknowledged
 * @param digest the SHA-256 of the observations' sealed value, unpadded base64url
 * @param given when the client acknowledged it
 * @param withdrawn when the acknowledgement was withdrawn, or null
 */
@SealedType("psu.acknowledgement")
public record FeedbackAcknowledgement(
    @Classified(value = FieldClass.OBSERVATIONS, required = true) RecordId casework,
    @Classified(value = FieldClass.OBSERVATIONS, required = true) String digest,
    @Classified(value = FieldClass.OBSERVATIONS, required = true) LocalDate given,
    @Classified(FieldClass.OBSERVATIONS) LocalDate withdrawn) {
  private static final Pattern DIGEST = Pattern.compile("[A-Za-z0-9_-]{43}");

  /**
   * Validates.
   *
   * @throws InvalidInputException naming the field
   */
  public FeedbackAcknowledgement {
    Input.required("acknowledgement.casework", casework);
    if (digest == null || !DIGEST.matcher(digest).matches()) {
      throw new InvalidInputException("acknowledgement.digest", "must be a SHA-256 in base64url");
    }
    Input.date("acknowledgement.given", given, true);
    Input.date("acknowledgement.withdrawn", withdrawn, false);
    if (withdrawn != null && withdrawn.isBefore(given)) {
      throw new InvalidInputException("acknowledgement.withdrawn", "must not be before the date given");
    }
  }

  /** Whether the acknowledgement is in force on that day. */
  public boolean inForceOn(LocalDate day) {
    return !given.isAfter(day) && (withdrawn == null || withdrawn.isAfter(day));
  }

  @Override
  public String toString() {
    return "FeedbackAcknowledgement[***]";
  }
}
