package io.securerecords.api.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The ids' loop accepts exactly what their documented pattern accepts. */
class IdsProperties {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  @Property(tries = 2_000)
  void theLoopAgreesWithThePattern(@ForAll("nearIds") String value) {
    assertEquals(FORM.matcher(value).matches(), Ids.wellFormed(value), "for " + value);
  }

  @Property(tries = 500)
  void anyStringAtAll(@ForAll String value) {
    assertEquals(FORM.matcher(value).matches(), Ids.wellFormed(value));
  }

  /** Mostly id characters, with the edges: empty, 64 and 65 long, a leading '.', non-ASCII. */
  @Provide
  Arbitrary<String> nearIds() {
    return Arbitraries.strings()
        .withChars("aZ09._-")
        .withChars('/', ' ', '\u00e9', '\u0130', '\u212a', ':', '@', '`', '{', '[', '\u0000')
        .ofMinLength(0).ofMaxLength(66);
  }

  @Test
  void edges() {
    assertTrue(Ids.wellFormed("a".repeat(64)));
    assertFalse(Ids.wellFormed("a".repeat(65)));
    assertFalse(Ids.wellFormed(""));
    assertFalse(Ids.wellFormed(".a"));
    assertTrue(Ids.wellFormed("0.a_b-c"));
    assertFalse(Ids.wellFormed("a\u212a")); // Kelvin sign: a letter, but not an ASCII one
  }
}
