package io.securerecords.crypto;

import io.securerecords.api.policy.Purpose;
import io.securerecords.api.record.ClientId;
import java.util.Base64;
import java.util.List;

/**
 * What one token released: the fields of the records that the policy row, its conditions and the
 * token allowed, and nothing else. The release, its enquiry-log entry and the token's use were
 * committed together before this object was returned.
 *
 * <p>For {@link Purpose#SUBJECT_ACCESS} it also carries every enquiry-log entry about the client
 * (GDPR Art. 15(1)(c)). Holds plaintext: {@link #toString()} prints ids and counts only.
 *
 * @param purpose the purpose released for
 * @param client the client the data is about; null in a pseudonymised release (3.1)
 * @param pseudonym for a pseudonymised release, the client's pseudonym for this disclosure only
 *     (record ids are replaced likewise); otherwise null
 * @param records the records and fields released, ordered by record id
 * @param enquiries for subject access, the log entries about the client; otherwise empty
 * @param digest SHA-256 of exactly the bytes released (as written in the enquiry log)
 * @param logSequence the position of this release's enquiry-log entry
 */
public record Release(
    Purpose purpose,
    ClientId client,
    String pseudonym,
    List<ReleasedRecord> records,
    List<Enquiry> enquiries,
    byte[] digest,
    long logSequence) {

  public Release {
    records = List.copyOf(records);
    enquiries = List.copyOf(enquiries);
    digest = digest.clone();
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  /** The digest as unpadded base64url, as in the enquiry log. */
  public String digestText() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  /**
   * Everything released as one JSON document: the records grouped by type (for subject access:
   * the Basic Record, every casework record, the client's consents, objections and
   * acknowledgements, and record history), then the enquiry-log entries with their recipients.
   * Plaintext: hand it only to the recipient the token named.
   */
  public String toJson() {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("could not render the release", e);
    }
  }

  /** The same as {@link #toJson()}, as plain text for a letter or a screen. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append("Disclosure under clause ").append(purpose.clause()).append(" (").append(purpose)
        .append(")\n");
    out.append("About: ").append(client != null ? client.value() : pseudonym).append("\n");
    for (ReleasedRecord r : records) {
      out.append("\n").append(r.type().name()).append(" ").append(r.id().value()).append("\n");
      for (String field : r.fieldNames()) {
        out.append("  ").append(field).append(": ").append(r.json(field)).append("\n");
      }
    }
    if (!enquiries.isEmpty()) {
      out.append("\nEnquiries about you (who asked, why, what they were told):\n");
      for (Enquiry e : enquiries) {
        out.append("  #").append(e.sequence()).append(" ").append(e.time()).append(" ")
            .append(e.purpose() == null ? "-" : e.purpose().clause()).append(" ")
            .append(e.decision()).append(" ")
            .append(e.details() == null ? "(" + e.state() + ")" : e.details().toString())
            .append("\n");
      }
    }
    out.append("\nDigest of what was released: ").append(digestText()).append("\n");
    return out.toString();
  }

  private com.fasterxml.jackson.databind.node.ObjectNode tree() {
    var root = Json.MAPPER.createObjectNode();
    root.put("purpose", purpose.name());
    root.put("clause", purpose.clause());
    if (client != null) {
      root.put("client", client.value());
    } else {
      root.put("pseudonym", pseudonym);
    }
    var byType = root.putObject("records");
    for (ReleasedRecord r : records) {
      var item = byType.withArray(r.type().name()).addObject();
      item.put("id", r.id().value());
      var fields = item.putObject("fields");
      for (String field : r.fieldNames()) {
        fields.set(field, r.node(field));
      }
    }
    var log = root.putArray("enquiries");
    for (Enquiry e : enquiries) {
      var item = log.addObject();
      item.put("sequence", e.sequence());
      item.put("time", e.time().toString());
      item.put("purpose", e.purpose() == null ? null : e.purpose().name());
      item.put("decision", e.decision().name());
      item.put("state", e.state());
      item.set("details", e.details());
    }
    root.put("digest", digestText());
    return root;
  }

  @Override
  public boolean equals(Object o) {
    return o == this;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "Release[" + purpose + ", " + (client != null ? client : pseudonym) + ", " + records.size() + " records, "
        + enquiries.size() + " enquiries, log " + logSequence + "]";
  }
}
