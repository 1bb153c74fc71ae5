package io.securerecords.api.store;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A blinded search term: a truncated keyed PRF of a normalised value, under the named index's
 * own key. The store compares terms for equality and learns nothing else from them.
 *
 * @param index the index name
 * @param term the blinded term
 */
public record IndexTerm(String index, byte[] term) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

  public IndexTerm {
    if (index == null || !NAME.matcher(index).matches()) {
      throw new IllegalArgumentException("index names are lower-case letters, digits, '.', '_', '-'");
    }
    term = Bytes.copy("term", term);
    if (term.length == 0 || term.length > 64) {
      throw new IllegalArgumentException("a term is 1 to 64 bytes");
    }
  }

  /** A copy of the term. */
  @Override
  public byte[] term() {
    return term.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexTerm t && index.equals(t.index) && Arrays.equals(term, t.term);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index) + 31 * Arrays.hashCode(term);
  }

  @Override
  public String toString() {
    return "IndexTerm[" + index + ", " + term.length + " bytes]";
  }
}
