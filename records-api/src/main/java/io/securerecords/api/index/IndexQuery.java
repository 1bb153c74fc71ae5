package io.securerecords.api.index;

import io.securerecords.api.error.InvalidInputException;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * A search over one declared blind index. The values are blinded before they reach the store,
 * and candidates are checked against the decrypted values, so truncation's false positives never
 * reach the caller. Holds the values searched for: {@link #toString()} names the index only.
 */
public sealed interface IndexQuery {

  /** The declared index searched. */
  String index();

  /** Records whose indexed value (or compound value, one per field) equals these. */
  static IndexQuery equal(String index, Object... values) {
    return new Equal(index, List.of(values));
  }

  /** Records with a date in a month from {@code from} to {@code to}, inclusive. */
  static IndexQuery months(String index, YearMonth from, YearMonth to) {
    return new Months(index, from, to);
  }

  /** Records whose text holds every one of these words (keyword index). */
  static IndexQuery allWords(String index, String... words) {
    return new Words(index, List.of(words), true);
  }

  /** Records whose text holds at least one of these words (keyword index). */
  static IndexQuery anyWord(String index, String... words) {
    return new Words(index, List.of(words), false);
  }

  /** Equality on one index. */
  record Equal(String index, List<Object> values) implements IndexQuery {
    public Equal {
      Objects.requireNonNull(index, "index");
      values = List.copyOf(values);
    }

    @Override
    public String toString() {
      return "IndexQuery.Equal[" + index + "]";
    }
  }

  /** A range of months on a month index. */
  record Months(String index, YearMonth from, YearMonth to) implements IndexQuery {
    public Months {
      Objects.requireNonNull(index, "index");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (to.isBefore(from)) {
        throw new InvalidInputException("query.to", "must not be before from");
      }
    }

    @Override
    public String toString() {
      return "IndexQuery.Months[" + index + "]";
    }
  }

  /** Words on a keyword index, all of them ({@code all}) or any. */
  record Words(String index, List<String> words, boolean all) implements IndexQuery {
    public Words {
      Objects.requireNonNull(index, "index");
      words = List.copyOf(words);
      if (words.isEmpty() || words.size() > 16) {
        throw new InvalidInputException("query.words", "name 1 to 16 words");
      }
    }

    @Override
    public String toString() {
      return "IndexQuery.Words[" + index + ", " + words.size() + (all ? " all" : " any") + "]";
    }
  }
}
