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
