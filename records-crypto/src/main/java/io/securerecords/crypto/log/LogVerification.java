package io.securerecords.crypto.log;

import java.util.List;

/**
 * The outcome of verifying the enquiry log.
 *
 * @param intact true when every entry is in place, unaltered, correctly chained and signed, and
 *     the log still covers the anchor checkpoint
 * @param entries how many entries were checked
 * @param head the checkpoint to keep for the next verification (covers every entry checked)
 * @param problems what was found, by entry position; never an entry's content
 */
public record LogVerification(boolean intact, long entries, Checkpoint head, List<String> problems) {
  public LogVerification {
    problems = List.copyOf(problems);
  }
}
