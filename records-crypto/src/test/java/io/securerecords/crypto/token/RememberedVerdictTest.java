package io.securerecords.crypto.token;

import static io.securerecords.crypto.token.Tokens.AUDIENCE;
import static io.securerecords.crypto.token.Tokens.ISSUER;
import static io.securerecords.crypto.token.Tokens.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securerecords.api.error.RefusedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A verifier remembers the tokens it accepted so that a token used several times costs one
 * signature check; a remembered verdict never outlives the token's lifetime or the key set.
 */
class RememberedVerdictTest {
  private final TestClock clock = new TestClock(START);
  private final TokenKeys keys = TokenKeys.generateEs256();
  private final TokenIssuer issuer = new TokenIssuer(keys, ISSUER, clock);
  private final TokenVerifier verifier =
      TokenVerifier.builder().keys(keys).issuer(ISSUER).audience(AUDIENCE).clock(clock).build();
  private final String token = issuer.issue(Tokens.safetyRisk(issuer).build());

  @Test
  void theSameStringIsVerifiedOnceAndAnyOtherStringAfresh() {
    VerifiedGrant first = verifier.verify(token);
    assertSame(first, verifier.verify(token), "the remembered verdict");
    char last = token.charAt(token.length() - 1);
    String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThrows(RefusedException.class, () -> verifier.verify(altered));
    assertSame(first, verifier.verify(token));
  }

  @Test
  void aRememberedTokenStillExpiresOnTime() {
    verifier.verify(token);
    clock.advance(TokenIssuer.DEFAULT_LIFETIME.plus(TokenVerifier.MAX_CLOCK_SKEW));
    RefusedException e = assertThrows(RefusedException.class, () -> verifier.verify(token));
    assertEquals("expired", e.condition());
  }

  @Test
  void aRememberedTokenIsRefusedWhenTheClockIsBeforeItsValidity() {
    verifier.verify(token);
    clock.set(START.minus(TokenVerifier.MAX_CLOCK_SKEW).minus(Duration.ofSeconds(1)));
    assertThrows(RefusedException.class, () -> verifier.verify(token));
    clock.set(START);
    verifier.verify(token);
  }

  @Test
  void aKeyRotationStartsAfresh() {
    VerifiedGrant before = verifier.verify(token);
    keys.rotate();
    VerifiedGrant after = verifier.verify(token);
    assertNotSame(before, after, "verified again under the new key set");
    assertEquals(before.claims(), after.claims());
    assertSame(after, verifier.verify(token));
  }
}
