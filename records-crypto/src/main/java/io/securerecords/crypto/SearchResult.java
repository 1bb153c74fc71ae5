package io.securerecords.crypto;

import io.securerecords.api.record.RecordId;
import java.util.List;

/**
 * One page of a search: the matching records the token may see, ordered by record id, each
 * opened only in the classes the policy row and the token allow. Logged like any release, one
 * entry per client disclosed. Holds plaintext: {@link #toString()} prints counts only.
 *
 * @param records the records on this page
 * @param next the cursor for the next page (pass as {@code after}), or null when this is the last
 * @param logSequences the enquiry-log entries written for this page
 */
public record SearchResult(List<ReleasedRecord> records, RecordId next, List<Long> logSequences) {
  public SearchResult {
    records = List.copyOf(records);
    logSequences = List.copyOf(logSequences);
  }

  @Override
  public String toString() {
    return "SearchResult[" + records.size() + " records" + (next == null ? "" : ", more") + "]";
  }
}
