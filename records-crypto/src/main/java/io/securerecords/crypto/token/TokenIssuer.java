package io.securerecords.crypto.token;

import io.securerecords.api.error.InvalidInputException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Signs access tokens: turns {@link AccessTokenClaims} into a compact JWT (RFC 7519) with Tink's
 * JWT API, under the primary key of {@link TokenKeys} (ES256 by default, HS256 for one process).
 *
 * <p>Every token carries the explicit type header {@value #TYPE_HEADER} (RFC 8725 §3.11), so a
 * token made for another use, by this or any other issuer, is not accepted as an access token, and
 * an access token is not accepted elsewhere. Tokens are short-lived: the default lifetime is
 * {@link #DEFAULT_LIFETIME}, the longest accepted {@link #MAX_LIFETIME}. Time comes from the
 * injected {@link Clock} only.
 *
 * <p>Signing proves who issued the token and that nobody changed it; it does not hide the claims.
 * The payload is readable by anyone who holds the token, so it carries the client's internal id
 * and never a name or register number. Thread-safe.
 */
public final class TokenIssuer {
  /** The {@code typ} header of every access token (RFC 8725 §3.11: explicit typing). */
  public static final String TYPE_HEADER = "psu-access+jwt";

  /** The lifetime of a token made from {@link #newClaims()} unless configured otherwise. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);

  /** The longest time from not-before to expiry this issuer signs. */
  public static final Duration MAX_LIFETIME = Duration.ofHours(24);

  private final TokenKeys keys;
  private final String issuer;
  private final Clock clock;
  private final Duration lifetime;

  /**
   * An issuer with the {@link #DEFAULT_LIFETIME}.
   *
   * @param keys the signing keys; the key set's algorithm is the token's algorithm
   * @param issuer the {@code iss} of every token, which verifiers expect
   * @param clock the source of issued-at, not-before and expiry
   */
  public TokenIssuer(TokenKeys keys, String issuer, Clock clock) {
    this(keys, issuer, clock, DEFAULT_LIFETIME);
  }

  /**
   * An issuer with its own default lifetime.
   *
   * @throws InvalidInputException if the lifetime is not positive or exceeds {@link #MAX_LIFETIME}
   */
  public TokenIssuer(TokenKeys keys, String issuer, Clock clock, Duration lifetime) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.issuer = AccessTokenClaims.requireText("issuer", issuer);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lifetime = checkLifetime("lifetime", Objects.requireNonNull(lifetime, "lifetime"));
  }

  /**
   * A claims builder with this issuer, issued-at and not-before set to now, expiry set to now plus
   * the lifetime, a random token id and one use. The caller adds what the decision says: audience,
   * subject, purpose, classes, records, requester, reason and, where the notice needs them, the
   * legal reference, approval or acknowledged-content digest.
   */
  public AccessTokenClaims.Builder newClaims() {
    Instant now = clock.instant();
    return AccessTokenClaims.builder()
        .issuer(issuer)
        .issuedAt(now)
        .notBefore(now)
        .expiry(now.plus(lifetime))
        .jwtId(AccessTokenClaims.randomJwtId());
  }

  /**
   * Signs the claims into a compact JWT with the current primary key, whose id is the token's
   * {@code kid} header.
   *
   * @throws InvalidInputException if the claims name another issuer, live longer than {@link
   *     #MAX_LIFETIME}, or make a token longer than a verifier reads (16 KiB)
   * @throws IllegalStateException if the key cannot sign
   */
  public String issue(AccessTokenClaims claims) {
    Objects.requireNonNull(claims, "claims");
    if (!claims.issuer().equals(issuer)) {
      throw new InvalidInputException("issuer", "must be the issuer this TokenIssuer signs for");
    }
    checkLifetime("expiry", Duration.between(claims.notBefore(), claims.expiry()));
    String token;
    try {
      token = keys.snapshot().signer().sign(
          ClaimsCodec.encode(claims).setTypeHeader(TYPE_HEADER).build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the access token", e);
    }
    if (token.length() > TokenVerifier.MAX_TOKEN_LENGTH) {
      throw new InvalidInputException("claims", "the token would exceed 16 KiB: narrow the records");
    }
    return token;
  }

  /** Prints the issuer and lifetime. */
  @Override
  public String toString() {
    return "TokenIssuer[issuer=" + issuer + ", lifetime=" + lifetime + ", " + keys + "]";
  }

  private static Duration checkLifetime(String field, Duration lifetime) {
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new InvalidInputException(field, "token lifetime must be positive and at most 24 hours");
    }
    return lifetime;
  }
}
