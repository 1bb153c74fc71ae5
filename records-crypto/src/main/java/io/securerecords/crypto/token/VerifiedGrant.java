package io.securerecords.crypto.token;

import io.securerecords.api.policy.Purpose;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An access token that passed every check of {@link TokenVerifier}: its signature under the
 * token keys, its type header, issuer, audience and lifetime, and the shape of every claim.
 *
 * <p>Only the verifier makes one (the constructor is package-private, as with Tink's {@code
 * VerifiedJwt}), so a method that takes a {@code VerifiedGrant} cannot be reached with a token
 * nobody checked. A grant says what the token allows; it does not say the policy allows it (the
 * release checks the purpose's row and conditions against the current state) and it is not a use:
 * <b>use counting is not done here</b>. The caller counts uses atomically in the store, keyed by
 * {@link #jwtId()} and bounded by {@link #maxUses()}, in the same transaction as the release and
 * its enquiry-log entry, so a single-use token releases once even under concurrent callers.
 *
 * <p>{@link #toString()} prints the purpose, the token id and counts, never the requester, the
 * reason or the subject.
 */
public final class VerifiedGrant {
  private final AccessTokenClaims claims;

  VerifiedGrant(AccessTokenClaims claims) {
    this.claims = Objects.requireNonNull(claims, "claims");
  }

  /** All verified claims. */
  public AccessTokenClaims claims() {
    return claims;
  }

  /** The disclosure basis the token was issued for. */
  public Purpose purpose() {
    return claims.purpose();
  }

  /** The clause of the notice the purpose rests on. */
  public String clause() {
    return claims.clause();
  }

  /** The client the disclosure is about. */
  public ClientId subject() {
    return claims.subject();
  }

  /** The recipient the token was issued to; the verifier checked it is its own audience. */
  public String audience() {
    return claims.audience();
  }

  /** The field classes in scope; never more than the policy row allows, which the release checks. */
  public Set<FieldClass> fieldClasses() {
    return claims.fieldClasses();
  }

  /** The records in scope; empty means every record of the client the policy allows. */
  public Set<RecordId> records() {
    return claims.records();
  }

  /** Who asked. Personal data: for the enquiry log, not for logs. */
  public Requester requester() {
    return claims.requester();
  }

  /** Why they asked. Personal data: for the enquiry log, not for logs. */
  public String reason() {
    return claims.reason();
  }

  /** The court order or statute relied on (2.3), if any. */
  public Optional<String> legalReference() {
    return claims.legalReference();
  }

  /** The senior approval (2.3 to 2.5), if any. */
  public Optional<Approval> approval() {
    return claims.approval();
  }

  /** The base64url digest of the content the client acknowledged (feedback), if any. */
  public Optional<String> ackDigest() {
    return claims.ackDigest();
  }

  /** The token's unique id: the key of its use count in the store. */
  public String jwtId() {
    return claims.jwtId();
  }

  /** How many releases the token allows; the store enforces it, not this class. */
  public int maxUses() {
    return claims.maxUses();
  }

  /** The instant from which the token is no longer valid. */
  public Instant expiry() {
    return claims.expiry();
  }

  /** Prints the purpose, the token id and counts; never personal values. */
  @Override
  public String toString() {
    return "VerifiedGrant[purpose=" + claims.purpose() + ", clause=" + claims.clause()
        + ", jti=" + claims.jwtId() + ", classes=" + claims.fieldClasses().size()
        + ", records=" + claims.records().size() + ", maxUses=" + claims.maxUses() + "]";
  }
}
