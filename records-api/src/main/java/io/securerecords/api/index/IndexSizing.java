package io.securerecords.api.index;

/**
 * Recommends how many bits an index keeps, so that every term stands for several values.
 *
 * <p>The rule: for an expected population of {@code N} distinct values (clients' names, register
 * numbers, months in use, words of the vocabulary) and a target of {@code k} values per term
 * (default {@value #DEFAULT_VALUES_PER_TERM}),
 *
 * <pre>  bits = floor(log2(N / k)),  clamped to [IndexSpec.MIN_BITS, IndexSpec.MAX_BITS]</pre>
 *
 * <p>Rounding down makes {@code 2^bits <= N / k}, so a term stands on average for {@code N /
 * 2^bits} values, between {@code k} and {@code 2k} (fewer only when the clamp at {@link
 * IndexSpec#MIN_BITS} applies, i.e. {@code N < 16k}). The false-positive rate implied: a record
 * whose value differs from the one searched for shares its term with probability {@code 2^-bits},
 * between {@code k/N} and {@code 2k/N}; so a search for one value returns its own records plus, on
 * average, {@code 2^-bits} of all other records (between {@code k} and {@code 2k} other values'
 * worth), which are decrypted and dropped before the caller sees anything.
 *
 * <p>Why: if each value had a term of its own, the store would learn exactly which records share a
 * value (the same client's name, the same register number) and how often each value occurs. With
 * several values per term it learns only that records <em>may</em> share one, and frequency
 * analysis sees sums of several values' counts. Too few bits for the population costs only
 * decryption work; too many gives the store exact equality.
 *
 * <p>Example: 5,000 clients, k = 4: {@code floor(log2(1250)) = 10} bits, 1,024 terms of about 4.9
 * names each; each non-matching record is returned with probability 1/1024.
 */
public final class IndexSizing {
  /** The default target number of distinct values per term. */
  public static final int DEFAULT_VALUES_PER_TERM = 4;

  private IndexSizing() {}

  /** The recommended bits for {@code population} distinct values, at the default four per term. */
  public static int recommendedBits(long population) {
    return recommendedBits(population, DEFAULT_VALUES_PER_TERM);
  }

  /**
   * The recommended bits: {@code floor(log2(population / valuesPerTerm))}, clamped to {@link
   * IndexSpec#MIN_BITS}..{@link IndexSpec#MAX_BITS}.
   *
   * @param population the expected number of distinct values, at least 1
   * @param valuesPerTerm the target number of distinct values per term, at least 1
   * @throws IllegalArgumentException if either is below 1
   */
  public static int recommendedBits(long population, int valuesPerTerm) {
    if (population < 1) {
      throw new IllegalArgumentException("population must be at least 1");
    }
    if (valuesPerTerm < 1) {
      throw new IllegalArgumentException("valuesPerTerm must be at least 1");
    }
    // floor(log2(x)) == floor(log2(floor(x))) for x >= 1, so integer division is exact here.
    long perTerm = population / valuesPerTerm;
    int bits = perTerm == 0 ? 0 : 63 - Long.numberOfLeadingZeros(perTerm);
    return Math.max(IndexSpec.MIN_BITS, Math.min(IndexSpec.MAX_BITS, bits));
  }

  /** The expected number of distinct values per term: {@code population / 2^bits}. */
  public static double valuesPerTerm(long population, int bits) {
    return population / Math.pow(2, bits);
  }

  /**
   * The probability that a value other than the one searched for has the same term, {@code
   * 2^-bits}: the fraction of non-matching records a search returns and then drops.
   */
  public static double falsePositiveRate(int bits) {
    return Math.pow(2, -bits);
  }
}
