package io.securerecords.crypto.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Rules that hold for every token: round trips, and any edit of a signed token is refused. */
class TokenProperties {
  private static final String ISSUER = "psu-disclosure-service";
  private static final String AUDIENCE = "recipient";
  private static final String BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final TokenKeys KEYS = TokenKeys.generateEs256();
  private static final TokenKeys HMAC_KEYS = TokenKeys.generateHs256();

  private final TestClock clock = new TestClock(Instant.EPOCH);

  private TokenVerifier verifier(TokenKeys keys) {
    return TokenVerifier.builder().keys(keys).issuer(ISSUER).audience(AUDIENCE).clock(clock)
        .build();
  }

  private String issue(TokenKeys keys, AccessTokenClaims claims) {
    return new TokenIssuer(keys, ISSUER, clock).issue(claims);
  }

  @Property(tries = 300)
  void verifyOfIssueReturnsTheSameClaims(@ForAll("claims") AccessTokenClaims claims) {
    clock.set(claims.notBefore());
    assertEquals(claims, verifier(KEYS).verify(issue(KEYS, claims)).claims());
    clock.set(claims.expiry().minusSeconds(1));
    assertEquals(claims, verifier(HMAC_KEYS).verify(issue(HMAC_KEYS, claims)).claims());
  }

  @Property(tries = 500)
  void flippingAnySingleCharacterOfTheSignatureIsRefused(
      @ForAll("claims") AccessTokenClaims claims,
      @ForAll("positions") double where,
      @ForAll("replacements") char replacement) {
    clock.set(claims.notBefore());
    String token = issue(KEYS, claims);
    int start = token.lastIndexOf('.') + 1;
    int at = start + (int) (where * (token.length() - start));
    assertRefused(flip(token, at, replacement));
  }

  @Property(tries = 500)
  void flippingAnySingleCharacterAnywhereIsRefused(
      @ForAll("claims") AccessTokenClaims claims,
      @ForAll("positions") double where,
      @ForAll("replacements") char replacement) {
    clock.set(claims.notBefore());
    String token = issue(KEYS, claims);
    assertRefused(flip(token, (int) (where * token.length()), replacement));
  }

  private void assertRefused(String presented) {
    RefusedException e =
        assertThrows(RefusedException.class, () -> verifier(KEYS).verify(presented));
    assertEquals("token", e.clause());
  }

  /** Replaces one character with a different one. */
  private static String flip(String token, int at, char replacement) {
    char now = token.charAt(at);
    char other = replacement != now ? replacement : (now == 'A' ? 'B' : 'A');
    return token.substring(0, at) + other + token.substring(at + 1);
  }

  @Provide
  Arbitrary<Double> positions() {
    return Arbitraries.doubles().between(0, true, 1, false);
  }

  @Provide
  Arbitrary<Character> replacements() {
    return Arbitraries.oneOf(
        Arbitraries.of(BASE64URL.toCharArray()),
        Arbitraries.of('=', '+', '/', '.', ' ', '\u00e9'));
  }

  @Provide
  Arbitrary<AccessTokenClaims> claims() {
    Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(40)
        .filter(s -> !s.isBlank())
        .filter(TokenProperties::wellFormedUnicode);
    Arbitrary<String> id = Arbitraries.strings().withChars(BASE64URL + ".")
        .ofMinLength(1).ofMaxLength(20).map(s -> "x" + s);
    Arbitrary<Instant> issuedAt = Arbitraries.longs().between(0, 4_000_000_000L)
        .map(Instant::ofEpochSecond);
    Arbitrary<Requester> requester = Combinators.combine(text, text, text, text)
        .as(Requester::new);
    return Builders.withBuilder(AccessTokenClaims::builder)
        .use(Arbitraries.just(ISSUER)).in(AccessTokenClaims.Builder::issuer)
        .use(Arbitraries.just(AUDIENCE)).in(AccessTokenClaims.Builder::audience)
        .use(id.map(ClientId::of)).in(AccessTokenClaims.Builder::subject)
        .use(Arbitraries.of(Purpose.class)).in(AccessTokenClaims.Builder::purpose)
        .use(Arbitraries.of(FieldClass.class).set().ofMinSize(1))
        .in(AccessTokenClaims.Builder::fieldClasses)
        .use(id.map(RecordId::of).set().ofMaxSize(5)).in(AccessTokenClaims.Builder::records)
        .use(requester).in(AccessTokenClaims.Builder::requester)
        .use(text).in(AccessTokenClaims.Builder::reason)
        .use(text).withProbability(0.5).in(AccessTokenClaims.Builder::legalReference)
        .use(Combinators.combine(text, text).as(Approval::new)).withProbability(0.5)
        .in(AccessTokenClaims.Builder::approval)
        .use(Arbitraries.strings().withChars(BASE64URL).ofMinLength(1).ofMaxLength(86))
        .withProbability(0.5).in(AccessTokenClaims.Builder::ackDigest)
        .use(Arbitraries.integers().between(1, 1000)).in(AccessTokenClaims.Builder::maxUses)
        .use(Arbitraries.strings().withChars(BASE64URL).ofLength(22))
        .in(AccessTokenClaims.Builder::jwtId)
        .use(Combinators.combine(issuedAt, Arbitraries.longs().between(0, 60),
                Arbitraries.longs().between(1, TokenIssuer.MAX_LIFETIME.toSeconds()))
            .as((iat, delay, life) -> new Instant[] {iat, iat.plusSeconds(delay),
                iat.plusSeconds(delay).plus(Duration.ofSeconds(life))}))
        .in((b, times) -> b.issuedAt(times[0]).notBefore(times[1]).expiry(times[2]))
        .build(AccessTokenClaims.Builder::build);
  }

  private static boolean wellFormedUnicode(String s) {
    return s.codePoints().noneMatch(
        cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
  }
}
