package io.securerecords.crypto.token;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What an access token says: a decision to disclose, for one purpose, about one client, to one
 * recipient, for a short time.
 *
 * <p>The subject is the client's internal {@link ClientId}, never a name or register number, so a
 * token that leaks names nobody. The scope ({@link #fieldClasses()}, {@link #records()}) can only
 * narrow the policy's row for the purpose; the policy checks that at release time. Times are held
 * to whole seconds, as a JWT carries them.
 *
 * <p>The requester and the reason are personal data: {@link #toString()} prints only the purpose,
 * the token id and counts.
 *
 * @param issuer who issued the token ({@code iss}); a verifier accepts one issuer
 * @param audience the recipient ({@code aud}); a verifier accepts one audience
 * @param subject the client the disclosure is about ({@code sub})
 * @param purpose the disclosure basis; its clause travels with it
 * @param fieldClasses the field classes in scope, listed explicitly, at least one
 * @param records the records in scope; empty means every record of the client the policy allows
 * @param requester who asked
 * @param reason why they asked, as recorded with the decision
 * @param legalReference the court order or statute relied on (2.3), if any
 * @param approval the senior approval (2.3 to 2.5), if any
 * @param ackDigest base64url digest of the content the client acknowledged (feedback), if any
 * @param issuedAt when the token was issued ({@code iat})
 * @param notBefore the token is not valid before this ({@code nbf})
 * @param expiry the token is not valid from this instant on ({@code exp})
 * @param jwtId the token's unique id ({@code jti}), the key of its use count in the store
 * @param maxUses how many releases the token allows, at least 1 (default 1)
 * @throws InvalidInputException naming the component that is missing or malformed
 */
public record AccessTokenClaims(
    String issuer,
    String audience,
    ClientId subject,
    Purpose purpose,
    Set<FieldClass> fieldClasses,
    Set<RecordId> records,
    Requester requester,
    String reason,
    Optional<String> legalReference,
    Optional<Approval> approval,
    Optional<String> ackDigest,
    Instant issuedAt,
    Instant notBefore,
    Instant expiry,
    String jwtId,
    int maxUses) {

  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{1,512}");
  private static final Pattern JWT_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The largest time a JWT NumericDate carries in Tink: 9999-12-31T23:59:59Z. */
  private static final Instant LATEST = Instant.ofEpochSecond(253402300799L);

  public AccessTokenClaims {
    requireText("issuer", issuer);
    requireText("audience", audience);
    require("subject", subject);
    require("purpose", purpose);
    requireElements("fieldClasses", fieldClasses);
    if (fieldClasses.isEmpty()) {
      throw new InvalidInputException("fieldClasses", "must list at least one class explicitly");
    }
    fieldClasses = Collections.unmodifiableSet(EnumSet.copyOf(fieldClasses));
    requireElements("records", records);
    records = Collections.unmodifiableSet(new TreeSet<>(records));
    require("requester", requester);
    requireText("reason", reason);
    require("legalReference", legalReference);
    legalReference.ifPresent(value -> requireText("legalReference", value));
    require("approval", approval);
    require("ackDigest", ackDigest);
    if (ackDigest.isPresent() && !BASE64URL.matcher(ackDigest.get()).matches()) {
      throw new InvalidInputException("ackDigest", "must be unpadded base64url");
    }
    issuedAt = require("issuedAt", issuedAt).truncatedTo(ChronoUnit.SECONDS);
    notBefore = require("notBefore", notBefore).truncatedTo(ChronoUnit.SECONDS);
    expiry = require("expiry", expiry).truncatedTo(ChronoUnit.SECONDS);
    if (issuedAt.isBefore(Instant.EPOCH) || notBefore.isBefore(Instant.EPOCH)) {
      throw new InvalidInputException("issuedAt", "issuedAt and notBefore must not be before 1970");
    }
    if (expiry.isAfter(LATEST)) {
      throw new InvalidInputException("expiry", "must be before the year 10000");
    }
    if (!expiry.isAfter(notBefore) || !expiry.isAfter(issuedAt)) {
      throw new InvalidInputException("expiry", "must be after issuedAt and notBefore");
    }
    require("jwtId", jwtId);
    if (!JWT_ID.matcher(jwtId).matches()) {
      throw new InvalidInputException("jwtId", "must be 16 to 64 base64url characters");
    }
    if (maxUses < 1) {
      throw new InvalidInputException("maxUses", "must be at least 1");
    }
  }

  /** The clause of the notice the purpose rests on, e.g. {@code 2.3}. */
  public String clause() {
    return purpose.clause();
  }

  /** A new builder; {@code records} defaults to empty, {@code maxUses} to 1, the id to random. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every component of these claims, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.issuer = issuer;
    b.audience = audience;
    b.subject = subject;
    b.purpose = purpose;
    b.fieldClasses = fieldClasses;
    b.records = records;
    b.requester = requester;
    b.reason = reason;
    b.legalReference = legalReference;
    b.approval = approval;
    b.ackDigest = ackDigest;
    b.issuedAt = issuedAt;
    b.notBefore = notBefore;
    b.expiry = expiry;
    b.jwtId = jwtId;
    b.maxUses = maxUses;
    return b;
  }

  /** Prints the purpose, the token id and counts; never the requester, reason or subject. */
  @Override
  public String toString() {
    return "AccessTokenClaims[purpose=" + purpose + ", clause=" + purpose.clause()
        + ", jti=" + jwtId + ", classes=" + fieldClasses.size() + ", records=" + records.size()
        + ", maxUses=" + maxUses + "]";
  }

  /** A fresh random token id: 128 bits, base64url. */
  static String randomJwtId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static <T> T require(String field, T value) {
    if (value == null) {
      throw new InvalidInputException(field, "is required");
    }
    return value;
  }

  static void requireElements(String field, Set<?> values) {
    if (require(field, values).stream().anyMatch(Objects::isNull)) {
      throw new InvalidInputException(field, "must not contain null");
    }
  }

  static String requireText(String field, String value) {
    if (require(field, value).isBlank()) {
      throw new InvalidInputException(field, "must not be blank");
    }
    // A lone surrogate cannot be encoded as UTF-8: the token would be signed but never verify.
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (Character.isHighSurrogate(ch)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(ch)) {
        throw new InvalidInputException(field, "must be valid Unicode text");
      }
    }
    return value;
  }

  /**
   * Builds {@link AccessTokenClaims}. {@link TokenIssuer#newClaims()} returns one with the issuer,
   * the times from the issuer's clock and lifetime, and a random id already set.
   */
  public static final class Builder {
    private String issuer;
    private String audience;
    private ClientId subject;
    private Purpose purpose;
    private Set<FieldClass> fieldClasses;
    private Set<RecordId> records = Set.of();
    private Requester requester;
    private String reason;
    private Optional<String> legalReference = Optional.empty();
    private Optional<Approval> approval = Optional.empty();
    private Optional<String> ackDigest = Optional.empty();
    private Instant issuedAt;
    private Instant notBefore;
    private Instant expiry;
    private String jwtId;
    private int maxUses = 1;

    private Builder() {}

    /** Sets the issuer ({@code iss}). */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** Sets the recipient ({@code aud}). */
    public Builder audience(String audience) {
      this.audience = audience;
      return this;
    }

    /** Sets the client the disclosure is about ({@code sub}). */
    public Builder subject(ClientId subject) {
      this.subject = subject;
      return this;
    }

    /** Sets the disclosure basis. */
    public Builder purpose(Purpose purpose) {
      this.purpose = purpose;
      return this;
    }

    /** Sets the field classes in scope; at least one, never a wildcard. */
    public Builder fieldClasses(Set<FieldClass> fieldClasses) {
      this.fieldClasses = fieldClasses;
      return this;
    }

    /** Sets the records in scope; empty (the default) means all the policy allows. */
    public Builder records(Set<RecordId> records) {
      this.records = records;
      return this;
    }

    /** Sets who asked. */
    public Builder requester(Requester requester) {
      this.requester = requester;
      return this;
    }

    /** Sets why they asked. */
    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    /** Sets the court order or statute relied on (2.3). */
    public Builder legalReference(String legalReference) {
      this.legalReference = Optional.of(require("legalReference", legalReference));
      return this;
    }

    /** Sets the senior approval (2.3 to 2.5). */
    public Builder approval(Approval approval) {
      this.approval = Optional.of(require("approval", approval));
      return this;
    }

    /** Sets the base64url digest of the content the client acknowledged (feedback). */
    public Builder ackDigest(String ackDigest) {
      this.ackDigest = Optional.of(require("ackDigest", ackDigest));
      return this;
    }

    /** Sets when the token is issued. */
    public Builder issuedAt(Instant issuedAt) {
      this.issuedAt = issuedAt;
      return this;
    }

    /** Sets when the token becomes valid; defaults to {@code issuedAt}. */
    public Builder notBefore(Instant notBefore) {
      this.notBefore = notBefore;
      return this;
    }

    /** Sets when the token stops being valid. */
    public Builder expiry(Instant expiry) {
      this.expiry = expiry;
      return this;
    }

    /** Sets the token id; defaults to 128 random bits. */
    public Builder jwtId(String jwtId) {
      this.jwtId = jwtId;
      return this;
    }

    /** Sets how many releases the token allows; defaults to 1. */
    public Builder maxUses(int maxUses) {
      this.maxUses = maxUses;
      return this;
    }

    /**
     * Builds the claims.
     *
     * @throws InvalidInputException naming the first component that is missing or malformed
     */
    public AccessTokenClaims build() {
      return new AccessTokenClaims(
          issuer,
          audience,
          subject,
          purpose,
          fieldClasses,
          records,
          requester,
          reason,
          legalReference,
          approval,
          ackDigest,
          issuedAt,
          notBefore != null ? notBefore : issuedAt,
          expiry,
          jwtId != null ? jwtId : randomJwtId(),
          maxUses);
    }
  }
}
