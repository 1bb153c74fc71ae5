/**
 * Access tokens: the signed form of a decision to disclose (notice 2 to 6, issue "Access tokens").
 *
 * <p>A {@link io.securerecords.crypto.token.TokenIssuer} signs {@link
 * io.securerecords.crypto.token.AccessTokenClaims} into a compact JWT with Tink's JWT API (ES256 by
 * default, HS256 for one-process use) under the keys of {@link
 * io.securerecords.crypto.token.TokenKeys}. A {@link io.securerecords.crypto.token.TokenVerifier}
 * checks a token as RFC 8725 asks and yields a {@link io.securerecords.crypto.token.VerifiedGrant},
 * the only type a release accepts. Every failed check is a {@code RefusedException} with clause
 * {@code token}, naming the check and never a claim value.
 *
 * <p>Not here: whether the policy allows the grant (the policy checks the grant's purpose, classes
 * and conditions at release time) and use counting (done atomically in the store, keyed by the
 * grant's {@code jti}).
 */
package io.securerecords.crypto.token;
