package io.securerecords.api.psu;

import io.securerecords.api.error.InvalidInputException;
import java.time.LocalDate;

/**
 * One piece of correspondence about a case: an email between the client, the allocated adviser
 * and the service administrator (class {@code CORRESPONDENCE} of a Casework Record, notice 1.2).
 *
 * <p>Standing alone, its errors name {@code message.<field>}; inside a casework record decoded
 * through its schema, they name {@code correspondence[i].<field>}. {@link #toString()} never
 * shows a value.
 *
 * @param sent the date sent: required, an ISO date with a four-digit year
 * @param from the sender (name or address): required, one line, at most 200 characters
 * @param to the recipient (name or address): required, one line, at most 200 characters
 * @param subject the subject: optional, one line, at most 998 characters
 * @param body the body: optional, any Unicode text, at most 32,000 characters
 */
public record Message(LocalDate sent, String from, String to, String subject, String body) {
  /**
   * Validates.
   *
   * @throws InvalidInputException naming {@code message.sent}, {@code message.from}, {@code
   *     message.to}, {@code message.subject} or {@code message.body} and the rule
   */
  public Message {
    Input.date("message.sent", sent, true);
    TextKind.NAME.check("message.from", from, true);
    TextKind.NAME.check("message.to", to, true);
    TextKind.SUBJECT.check("message.subject", subject, false);
    TextKind.FREE_TEXT.check("message.body", body, false);
  }

  /** The type only. */
  @Override
  public String toString() {
    return "Message[***]";
  }
}
