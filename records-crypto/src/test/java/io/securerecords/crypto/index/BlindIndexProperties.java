package io.securerecords.crypto.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.index.IndexField;
import io.securerecords.api.index.IndexKind;
import io.securerecords.api.index.IndexSpec;
import io.securerecords.api.index.Normaliser;
import io.securerecords.api.store.IndexTerm;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/** Rules of blinding that hold for every value: determinism, no collisions at full length, exact truncation. */
class BlindIndexProperties {
  private static final KeysetHandle KEY = BlindIndex.generateKeyset();
  private static final IndexSpec SURNAME = IndexSpec.of("client.surname", IndexKind.NAME, "surname", 256);
  private static final BlindIndex FULL = BlindIndex.create(SURNAME, KEY);
  private static final BlindIndex PAIR = BlindIndex.create(
      IndexSpec.compound("client.surname-employer", 256, IndexField.name("surname"), IndexField.name("employer")),
      KEY);
  private static final BlindIndex CODES = BlindIndex.create(
      IndexSpec.compound("casework.codes", 256, IndexField.code("team"), IndexField.code("service")), KEY);

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars("aAbB ßsSëe\u0308\uFF41\u00A0\u200B'\u2019-").ofMaxLength(12));
  }

  /** Short strings over a tiny alphabet, so shifts between fields and near misses are common. */
  @Provide
  Arbitrary<String> fragment() {
    return Arbitraries.strings().withChars("ab c").ofMaxLength(4);
  }

  /** Texts made of pieces that spell the CODE kind's own tag, so any split can look like a field boundary. */
  @Provide
  Arbitrary<String> codeText() {
    return Arbitraries.of("CODE", "CODE", "A", "B", " ", "COD", "E")
        .list().ofMinSize(2).ofMaxSize(8).map(pieces -> String.join("", pieces));
  }

  private static Optional<String> normalisedName(String s) {
    try {
      return Optional.of(Normaliser.name(s, false));
    } catch (InvalidInputException blankOrMalformed) {
      return Optional.empty();
    }
  }

  @Property(tries = 500)
  void aTermIsDeterministicAndDependsOnlyOnTheNormalisedValue(@ForAll("anyText") String name) {
    Optional<String> normalised = normalisedName(name);
    Assume.that(normalised.isPresent());
    BlindIndex again = BlindIndex.create(SURNAME, KEY);
    assertEquals(FULL.term(name), again.term(name));
    assertEquals(FULL.term(name), FULL.term(normalised.get()));
  }

  @Property(tries = 500)
  void normalisingTwiceChangesNothing(@ForAll("anyText") String name, @ForAll boolean foldAccents) {
    String once;
    try {
      once = Normaliser.name(name, foldAccents);
    } catch (InvalidInputException blankOrMalformed) {
      return;
    }
    assertEquals(once, Normaliser.name(once, foldAccents));
  }

  @Property(tries = 200)
  void distinctNormalisedValuesHaveDistinctFullLengthTerms(
      @ForAll @Size(max = 200) @UniqueElements List<@net.jqwik.api.From("anyText") String> names) {
    Map<IndexTerm, String> seen = new HashMap<>();
    for (String name : names) {
      Optional<String> normalised = normalisedName(name);
      if (normalised.isEmpty()) {
        continue;
      }
      String previous = seen.putIfAbsent(FULL.term(name), normalised.get());
      assertTrue(previous == null || previous.equals(normalised.get()), "collision at 256 bits");
    }
  }

  @Property(tries = 1000)
  void compoundTermsAreEqualExactlyWhenEveryFieldIsEqual(
      @ForAll("fragment") String a1, @ForAll("fragment") String b1,
      @ForAll("fragment") String a2, @ForAll("fragment") String b2) {
    Optional<String> na1 = normalisedName(a1), nb1 = normalisedName(b1);
    Optional<String> na2 = normalisedName(a2), nb2 = normalisedName(b2);
    Assume.that(na1.isPresent() && nb1.isPresent() && na2.isPresent() && nb2.isPresent());
    boolean sameValue = na1.equals(na2) && nb1.equals(nb2);
    assertEquals(sameValue, PAIR.term(a1, b1).equals(PAIR.term(a2, b2)));
  }

  @Property(tries = 500)
  void everySplitOfOneTextIntoTwoCodesHasItsOwnTerm(@ForAll("codeText") String text) {
    Map<IndexTerm, List<String>> seen = new HashMap<>();
    for (int k = 1; k < text.length(); k++) {
      String team = text.substring(0, k);
      String service = text.substring(k);
      if (team.isBlank() || service.isBlank()) {
        continue;
      }
      List<String> value = CODES.spec().normalise(team, service);
      List<String> previous = seen.putIfAbsent(CODES.term(team, service), value);
      assertTrue(previous == null || previous.equals(value), "two splits share a term");
    }
  }

  @Property(tries = 300)
  void truncationKeepsTheFirstBitsAndZeroesTheRest(
      @ForAll @IntRange(min = IndexSpec.MIN_BITS, max = IndexSpec.MAX_BITS) int bits,
      @ForAll("anyText") String name) {
    Assume.that(normalisedName(name).isPresent());
    byte[] full = FULL.term(name).term();
    byte[] term = BlindIndex.create(IndexSpec.of("client.surname", IndexKind.NAME, "surname", bits), KEY)
        .term(name).term();
    assertEquals((bits + 7) / 8, term.length);
    for (int bit = 0; bit < term.length * 8; bit++) {
      int expected = bit < bits ? bit(full, bit) : 0;
      assertEquals(expected, bit(term, bit), "bit " + bit + " of " + bits);
    }
  }

  @Property(tries = 300)
  void aBlindedValueHasItsTermAndTheLastBytesOfTheFullOutputAsItsCheck(
      @ForAll @IntRange(min = IndexSpec.MIN_BITS, max = IndexSpec.MAX_BITS) int bits,
      @ForAll("anyText") String name) {
    Assume.that(normalisedName(name).isPresent());
    BlindIndex index =
        BlindIndex.create(IndexSpec.of("client.surname", IndexKind.NAME, "surname", bits), KEY);
    BlindIndex.Blinded blinded = index.blinded(name);
    assertEquals(index.term(name), blinded.term());
    byte[] full = FULL.term(name).term();
    assertArrayEquals(java.util.Arrays.copyOfRange(full, full.length - BlindIndex.CHECK_BYTES,
        full.length), blinded.check());
  }

  @Example
  void malformedUnicodeIsRefusedRatherThanBlindedAsQuestionMarks() {
    assertThrows(InvalidInputException.class, () -> FULL.term("Ann\uD800"));
    assertThrows(InvalidInputException.class, () -> FULL.term("\uDC00Ann"));
  }

  @Example
  void twentyThousandValuesAtFullLengthNeverCollide() {
    Set<IndexTerm> terms = new HashSet<>();
    for (String value : values(20_000)) {
      terms.add(FULL.term(value));
    }
    assertEquals(20_000, terms.size());
  }

  /**
   * At 8 bits, two different values share a term with probability 1/256: over 20,000 values the
   * share of colliding pairs is within 20% of that, and every one of the 256 terms holds between
   * 20 and 160 values (78 expected, standard deviation about 9). The bounds are loose on purpose:
   * a correct PRF fails them with negligible probability, a biased truncation does not pass.
   */
  @Example
  void eightBitTermsCollideAtTheExpectedRate() {
    BlindIndex small = BlindIndex.create(IndexSpec.of("client.surname", IndexKind.NAME, "surname", 8), KEY);
    int n = 20_000;
    int[] buckets = new int[256];
    for (String value : values(n)) {
      buckets[small.term(value).term()[0] & 0xFF]++;
    }
    long collidingPairs = Arrays.stream(buckets).mapToLong(c -> (long) c * (c - 1) / 2).sum();
    double rate = collidingPairs / (n * (n - 1) / 2.0);
    assertTrue(rate > 0.8 / 256 && rate < 1.2 / 256, "pair collision rate " + rate);
    assertTrue(Arrays.stream(buckets).allMatch(c -> c > 20 && c < 160), Arrays.toString(buckets));
  }

  @Example
  void twelveBitTermsUseAboutAsManyTermsAsABallsInBinsModel() {
    BlindIndex twelve = BlindIndex.create(IndexSpec.of("client.surname", IndexKind.NAME, "surname", 12), KEY);
    Set<IndexTerm> terms = new HashSet<>();
    for (String value : values(20_000)) {
      terms.add(twelve.term(value));
    }
    // expected 4096 * (1 - e^(-20000/4096)) ~ 4065
    assertTrue(terms.size() > 3_950 && terms.size() <= 4_096, "terms used " + terms.size());
  }

  private static List<String> values(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> "surname " + i).toList();
  }

  private static int bit(byte[] bytes, int bit) {
    return (bytes[bit / 8] >> (7 - bit % 8)) & 1;
  }
}
