package io.securerecords.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import io.securerecords.api.policy.Purpose;
import io.securerecords.crypto.log.Decision;
import java.time.Instant;

/**
 * One enquiry-log entry about a client, opened (notice 1.3): when, for what purpose, what was
 * decided, and its details (requester, reason, what was released). Holds personal data: {@link
 * #toString()} prints the clear header only.
 *
 * @param sequence its position in the log
 * @param time when it was logged
 * @param purpose the purpose claimed, or null
 * @param decision the decision
 * @param details the entry's body as JSON; null if it could not be opened
 * @param state whether the body could be opened ({@code open}, {@code erased} or {@code tampered})
 */
public record Enquiry(
    long sequence, Instant time, Purpose purpose, Decision decision, JsonNode details, String state) {

  @Override
  public String toString() {
    return "Enquiry[" + sequence + ", " + time + ", " + purpose + ", " + decision + ", " + state + "]";
  }
}
