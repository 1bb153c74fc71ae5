package io.securerecords.api.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The sizing rule: floor(log2(N / k)) bits, clamped, so each term stands for k to 2k values. */
class IndexSizingTest {

  @Test
  void workedExamples() {
    assertEquals(10, IndexSizing.recommendedBits(5_000)); // 1,250 per-term target -> 2^10
    assertEquals(17, IndexSizing.recommendedBits(1_000_000));
    assertEquals(10, IndexSizing.recommendedBits(4_096)); // exactly 4 per term
    assertEquals(9, IndexSizing.recommendedBits(4_095));
    assertEquals(20, IndexSizing.recommendedBits(1 << 20, 1));
  }

  @Test
  void smallPopulationsAreClampedToTheMinimum() {
    assertEquals(IndexSpec.MIN_BITS, IndexSizing.recommendedBits(1));
    assertEquals(IndexSpec.MIN_BITS, IndexSizing.recommendedBits(63));
    assertEquals(IndexSpec.MIN_BITS, IndexSizing.recommendedBits(127));
    assertEquals(5, IndexSizing.recommendedBits(128));
  }

  @Test
  void nonsenseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> IndexSizing.recommendedBits(0));
    assertThrows(IllegalArgumentException.class, () -> IndexSizing.recommendedBits(100, 0));
  }

  @Test
  void falsePositiveRateIsTwoToTheMinusBits() {
    assertEquals(1.0 / 1024, IndexSizing.falsePositiveRate(10));
    assertEquals(5_000 / 1024.0, IndexSizing.valuesPerTerm(5_000, 10));
  }

  @Property
  void everyTermStandsForBetweenKAndTwoKValues(
      @ForAll @LongRange(min = 1, max = 1L << 50) long population, // exact as a double
      @ForAll @IntRange(min = 1, max = 64) int k) {
    int bits = IndexSizing.recommendedBits(population, k);
    assertTrue(bits >= IndexSpec.MIN_BITS && bits <= 50, "bits " + bits);
    double perTerm = IndexSizing.valuesPerTerm(population, bits);
    if (population >= 16L * k) {
      assertTrue(perTerm >= k && perTerm < 2.0 * k, "per term " + perTerm);
    } else {
      assertTrue(perTerm < 2.0 * k, "clamped per term " + perTerm);
    }
  }
}
