package io.securerecords.crypto.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.jwt.JwkSetConverter;
import com.google.crypto.tink.jwt.JwtInvalidException;
import com.google.crypto.tink.jwt.JwtValidator;
import com.google.crypto.tink.jwt.VerifiedJwt;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.error.RefusedException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks access tokens as RFC 8725 (JWT Best Current Practices) asks, and turns a good one into a
 * {@link VerifiedGrant}.
 *
 * <p>What each check answers:
 *
 * <ul>
 *   <li><b>Algorithm from the key set</b> (§2.1, §3.1): the keys decide the algorithm, never the
 *       header. A header naming any other algorithm ({@code none}, or HS256 "signed" with the
 *       public key) is refused before any cryptography, and Tink checks it again after.
 *   <li><b>Signature</b> (Tink, under every key of the set, so tokens signed before a rotation
 *       still verify): answers forged tokens, tokens re-signed with another key after editing,
 *       and payloads edited without re-signing.
 *   <li><b>Explicit type</b> (§3.11): the {@code typ} header must be {@value
 *       TokenIssuer#TYPE_HEADER}; answers a JWT made for another use being replayed as an access
 *       token. Header parameters other than {@code alg}, {@code typ} and {@code kid} are refused
 *       (an embedded {@code jwk} or {@code jku} is never followed).
 *   <li><b>Issuer and audience</b> (§3.8, §3.9): exactly the configured values; answers a token
 *       from another issuer or one issued to another recipient.
 *   <li><b>Lifetime</b> with a clock skew of at most {@link #MAX_CLOCK_SKEW} from the injected
 *       {@link Clock}: answers expired tokens, tokens used before they are valid, and tokens
 *       issued in the future.
 *   <li><b>One spelling per token</b>: three parts of canonical, unpadded base64url and at most
 *       16 KiB, so a token cannot be altered into another string that still verifies.
 *   <li><b>Claims</b> (§3.10, do not trust received claims): every required claim present, of
 *       the right JSON type, with a known purpose and known field classes, no unknown claim.
 * </ul>
 *
 * <p><b>Verdicts remembered</b>: a token string that passed every check is remembered (a bounded
 * cache, up to {@value #REMEMBERED} tokens) with the key set that verified it, so that a token
 * used several times (a search token) costs one signature verification, not one per use. A
 * remembered verdict is reused only for the identical string, only while the verifier's key set
 * is the same object (a rotation starts afresh), and only while its lifetime checks still hold at
 * the clock's current time ({@code exp > now - skew}, {@code nbf} and {@code iat} {@code <= now +
 * skew}, Tink's own rules); otherwise Tink verifies the token again, and its verdict, refusal
 * included, stands. Claims are immutable, so nothing a caller does to a grant changes what is
 * remembered.
 *
 * <p>Every failure throws {@link RefusedException} with clause {@value #CLAUSE} and a condition
 * naming the check, never a claim value; Tink's messages, which may quote claims, are dropped.
 * Not checked here: the policy (done at release) and use counts (done in the store, see {@link
 * VerifiedGrant}). Thread-safe.
 */
public final class TokenVerifier {
  /** The clause every token refusal names. */
  public static final String CLAUSE = "token";

  /** The largest clock skew a verifier tolerates, and its default. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(30);

  /** Longer strings are refused unread: no legitimate access token comes close. */
  static final int MAX_TOKEN_LENGTH = 16 * 1024;

  private final Supplier<TokenKeys.Checker> checker;
  private final String algorithm;
  private final String issuer;
  private final String audience;
  private final Clock clock;
  private final Duration clockSkew;
  private final JwtValidator validator;

  /** Tokens remembered as verified; see the class comment. */
  static final int REMEMBERED = 4_096;

  private record Verdict(TokenKeys.Checker checker, VerifiedGrant grant) {}

  private final Cache<String, Verdict> verdicts =
      Caffeine.newBuilder().maximumSize(REMEMBERED).executor(Runnable::run).build();

  private TokenVerifier(Builder b) {
    this.checker = b.checker;
    this.algorithm = b.algorithm;
    this.issuer = b.issuer;
    this.audience = b.audience;
    this.clock = b.clock;
    this.clockSkew = b.clockSkew;
    this.validator =
        JwtValidator.newBuilder()
            .expectTypeHeader(TokenIssuer.TYPE_HEADER)
            .expectIssuer(issuer)
            .expectAudience(audience)
            .expectIssuedInThePast()
            .setClock(clock)
            .setClockSkew(clockSkew)
            .build();
  }

  /** A new builder. One key source, the issuer, the audience and the clock are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a compact JWT and returns what it grants.
   *
   * @param compactJwt the token as received
   * @return the verified grant; nothing has been released or counted yet
   * @throws RefusedException with clause {@value #CLAUSE} and the failed check as condition
   */
  public VerifiedGrant verify(String compactJwt) {
    if (compactJwt == null || compactJwt.isEmpty()) {
      throw refused("token missing");
    }
    if (compactJwt.length() > MAX_TOKEN_LENGTH) {
      throw refused("token too large");
    }
    UnverifiedToken.checkHeader(compactJwt, algorithm);
    TokenKeys.Checker keys = checker.get();
    Verdict remembered = verdicts.getIfPresent(compactJwt);
    if (remembered != null && remembered.checker() == keys && stillInTime(remembered.grant())) {
      return remembered.grant();
    }
    VerifiedJwt jwt;
    try {
      jwt = keys.verify(compactJwt, validator);
    } catch (JwtInvalidException e) {
      throw refused(whichClaimFailed(compactJwt));
    } catch (GeneralSecurityException e) {
      throw refused("signature");
    } catch (RuntimeException e) {
      // Fail closed on anything Tink did not foresee in hostile input.
      throw refused("malformed token");
    }
    VerifiedGrant grant = new VerifiedGrant(ClaimsCodec.decode(jwt));
    verdicts.put(compactJwt, new Verdict(keys, grant));
    return grant;
  }

  /** Tink's lifetime rules, at the clock's current time, for a verdict Tink gave earlier. */
  private boolean stillInTime(VerifiedGrant grant) {
    Instant now = clock.instant();
    AccessTokenClaims claims = grant.claims();
    return claims.expiry().isAfter(now.minus(clockSkew))
        && !claims.notBefore().isAfter(now.plus(clockSkew))
        && !claims.issuedAt().isAfter(now.plus(clockSkew));
  }

  /**
   * The subject of a token whose signature is genuine but which this verifier refuses (expired,
   * not yet valid, wrong audience or issuer), so the refusal can be logged against the client it
   * was about (notice 1.3: refused enquiries are logged too). Empty when the signature does not
   * verify under this verifier's keys: an unauthenticated token is never attributed to anyone.
   */
  public Optional<ClientId> authenticSubject(String compactJwt) {
    if (compactJwt == null || compactJwt.isEmpty() || compactJwt.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    try {
      UnverifiedToken.checkHeader(compactJwt, algorithm);
      VerifiedJwt authentic =
          checker.get().verify(compactJwt, UnverifiedToken.relaxedValidator(compactJwt));
      return authentic.hasSubject()
          ? Optional.of(ClientId.of(authentic.getSubject())) : Optional.empty();
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Prints the expected issuer, audience, algorithm and skew. */
  @Override
  public String toString() {
    return "TokenVerifier[" + algorithm + ", issuer=" + issuer + ", audience=" + audience
        + ", clockSkew=" + clockSkew + "]";
  }

  /**
   * Names the check a token failed after Tink refused it with a validation error. The verdict is
   * Tink's; this only finds the words. It re-verifies the signature with the claim checks relaxed
   * and reads the claims only if that succeeds, so the condition never comes from unsigned data.
   */
  private String whichClaimFailed(String compact) {
    VerifiedJwt authentic;
    try {
      authentic = checker.get().verify(compact, UnverifiedToken.relaxedValidator(compact));
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return "malformed token";
    }
    try {
      Instant now = clock.instant();
      if (!authentic.hasExpiration()) {
        return "missing claim exp";
      }
      if (!authentic.getExpiration().isAfter(now.minus(clockSkew))) {
        return "expired";
      }
      if (authentic.hasNotBefore() && authentic.getNotBefore().isAfter(now.plus(clockSkew))) {
        return "not yet valid";
      }
      if (!authentic.hasIssuedAt()) {
        return "missing claim iat";
      }
      if (authentic.getIssuedAt().isAfter(now.plus(clockSkew))) {
        return "issued in the future";
      }
      if (!authentic.hasIssuer() || !authentic.getIssuer().equals(issuer)) {
        return "wrong issuer";
      }
      if (!authentic.hasAudiences() || !authentic.getAudiences().contains(audience)) {
        return "wrong audience";
      }
    } catch (JwtInvalidException e) {
      return "malformed registered claim";
    }
    return "invalid token";
  }

  private static RefusedException refused(String condition) {
    return new RefusedException(CLAUSE, condition);
  }

  /**
   * Configures a {@link TokenVerifier}. Exactly one key source: {@link #keys(TokenKeys)} for the
   * issuing process (follows rotation), or {@link #publicKeyset(KeysetHandle)} or {@link
   * #jwkSet(String)} for ES256 public keys published by the issuer.
   */
  public static final class Builder {
    private Supplier<TokenKeys.Checker> checker;
    private String algorithm;
    private String issuer;
    private String audience;
    private Clock clock;
    private Duration clockSkew = MAX_CLOCK_SKEW;

    private Builder() {}

    /** Verifies with the given keys, ES256 or HS256, including keys added by later rotations. */
    public Builder keys(TokenKeys keys) {
      Objects.requireNonNull(keys, "keys");
      return source(() -> keys.snapshot().checker(), keys.algorithm().name());
    }

    /**
     * Verifies with a set of ES256 public keys.
     *
     * @throws InvalidInputException if the set holds any key that is not an ES256 public key
     */
    public Builder publicKeyset(KeysetHandle publicKeyset) {
      TokenKeys.Checker fixed = TokenKeys.publicChecker(Objects.requireNonNull(publicKeyset));
      return source(() -> fixed, TokenKeys.Algorithm.ES256.name());
    }

    /**
     * Verifies with the ES256 public keys of a JWK set, as {@link TokenKeys#publicJwkSet()}
     * exports it, read with Tink's {@link JwkSetConverter}.
     *
     * @throws InvalidInputException if it is not a JWK set of ES256 public keys
     */
    public Builder jwkSet(String jwkSetJson) {
      KeysetHandle keyset;
      try {
        keyset = JwkSetConverter.toPublicKeysetHandle(Objects.requireNonNull(jwkSetJson));
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        throw new InvalidInputException("jwkSet", "must be a JWK set of ES256 public keys");
      }
      return publicKeyset(keyset);
    }

    /** The one issuer ({@code iss}) accepted. */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** The one audience ({@code aud}) accepted: this recipient. */
    public Builder audience(String audience) {
      this.audience = audience;
      return this;
    }

    /** The source of the current time for lifetime checks. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The clock skew tolerated on expiry, not-before and issued-at; default and maximum {@link
     * #MAX_CLOCK_SKEW}.
     *
     * @throws InvalidInputException if negative or above the maximum
     */
    public Builder clockSkew(Duration clockSkew) {
      if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
        throw new InvalidInputException("clockSkew", "must be from 0 to 30 seconds");
      }
      this.clockSkew = clockSkew;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @throws InvalidInputException naming the first missing setting
     */
    public TokenVerifier build() {
      AccessTokenClaims.require("keys", checker);
      AccessTokenClaims.requireText("issuer", issuer);
      AccessTokenClaims.requireText("audience", audience);
      AccessTokenClaims.require("clock", clock);
      return new TokenVerifier(this);
    }

    private Builder source(Supplier<TokenKeys.Checker> source, String sourceAlgorithm) {
      if (checker != null) {
        throw new InvalidInputException("keys", "exactly one key source may be set");
      }
      this.checker = source;
      this.algorithm = sourceAlgorithm;
      return this;
    }
  }
}
