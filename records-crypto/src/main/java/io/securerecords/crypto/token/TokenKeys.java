package io.securerecords.crypto.token;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.Key;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.jwt.JwkSetConverter;
import com.google.crypto.tink.jwt.JwtEcdsaParameters;
import com.google.crypto.tink.jwt.JwtEcdsaPrivateKey;
import com.google.crypto.tink.jwt.JwtEcdsaPublicKey;
import com.google.crypto.tink.jwt.JwtHmacKey;
import com.google.crypto.tink.jwt.JwtHmacParameters;
import com.google.crypto.tink.jwt.JwtMac;
import com.google.crypto.tink.jwt.JwtMacConfig;
import com.google.crypto.tink.jwt.JwtPublicKeySign;
import com.google.crypto.tink.jwt.JwtPublicKeyVerify;
import com.google.crypto.tink.jwt.JwtSignatureConfig;
import com.google.crypto.tink.jwt.JwtValidator;
import com.google.crypto.tink.jwt.RawJwt;
import com.google.crypto.tink.jwt.VerifiedJwt;
import io.securerecords.api.error.InvalidInputException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * The keys that sign and verify access tokens: a Tink key set of ES256 signing keys (the default),
 * or of HS256 MAC keys for use inside one process.
 *
 * <p>The key set decides the algorithm (RFC 8725 §3.1): a key set holds keys of one algorithm
 * only, and a verifier built on it accepts that algorithm and no other, whatever a token's header
 * says. With ES256, other systems verify tokens with the public keys alone ({@link
 * #publicJwkSet()}); HS256 keys are secret and verify only where they sign.
 *
 * <p>{@link #rotate()} adds a new primary key; older keys stay for verification, so tokens signed
 * before a rotation stay valid until they expire. Persisting the key set (encrypted, under a KEK)
 * is done elsewhere: this class accepts and returns a {@link KeysetHandle}. Thread-safe.
 */
public final class TokenKeys {
  private static final Configuration CONFIGURATION = registerJwtPrimitives();

  /** The key families a token key set may hold. */
  enum Algorithm {
    ES256,
    HS256
  }

  /** A key set with the primitives made from it, replaced as a whole on rotation. */
  record Snapshot(KeysetHandle keyset, Signer signer, Checker checker) {}

  /** Signs a JWT with the primary key. */
  @FunctionalInterface
  interface Signer {
    String sign(RawJwt jwt) throws GeneralSecurityException;
  }

  /** Verifies a JWT with any key of the set, then validates it. */
  @FunctionalInterface
  interface Checker {
    VerifiedJwt verify(String compact, JwtValidator validator) throws GeneralSecurityException;
  }

  private final Algorithm algorithm;
  private volatile Snapshot current;

  private TokenKeys(Algorithm algorithm, KeysetHandle keyset) {
    this.algorithm = algorithm;
    this.current = snapshot(algorithm, keyset);
  }

  /**
   * Generates a key set with one fresh ES256 (ECDSA P-256, SHA-256) signing key. Tokens name their
   * key in the {@code kid} header.
   */
  public static TokenKeys generateEs256() {
    return new TokenKeys(Algorithm.ES256, generate(parameters(Algorithm.ES256)));
  }

  /**
   * Generates a key set with one fresh 256-bit HS256 key, for tokens issued and verified in the
   * same process. There is no public part to publish.
   */
  public static TokenKeys generateHs256() {
    return new TokenKeys(Algorithm.HS256, generate(parameters(Algorithm.HS256)));
  }

  /**
   * Wraps an existing key set, for example one read back from storage.
   *
   * @param keyset a key set of ES256 private keys only, or of HS256 keys (at least 32 bytes) only
   * @throws InvalidInputException if the key set mixes algorithms or holds any other key: a key
   *     set that admitted a second algorithm would let a token choose it
   */
  public static TokenKeys fromKeyset(KeysetHandle keyset) {
    Objects.requireNonNull(keyset, "keyset");
    return new TokenKeys(algorithmOf(keyset), keyset);
  }

  /**
   * Adds a freshly generated key of the same algorithm and makes it the primary: new tokens are
   * signed with it, and tokens signed with earlier keys still verify until they expire. Publish
   * the new {@link #publicJwkSet()} to outside verifiers before they receive new tokens.
   *
   * @throws IllegalStateException if Tink cannot generate the key
   */
  public synchronized void rotate() {
    try {
      KeysetHandle next =
          KeysetHandle.newBuilder(current.keyset())
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(parameters(algorithm))
                      .withRandomId()
                      .makePrimary())
              .build();
      current = snapshot(algorithm, next);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("token key rotation failed", e);
    }
  }

  /**
   * The whole key set, secret keys included, for encrypted persistence. Never publish it; publish
   * {@link #publicJwkSet()}.
   */
  public KeysetHandle keyset() {
    return current.keyset();
  }

  /**
   * The public keys of an ES256 key set, for outside verifiers.
   *
   * @throws IllegalStateException for HS256 keys, which have no public part
   */
  public KeysetHandle publicKeyset() {
    requirePublicPart();
    try {
      return current.keyset().getPublicKeysetHandle();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot derive the public token keys", e);
    }
  }

  /**
   * The public keys as a standard JWK set (RFC 7517) made by Tink's {@link JwkSetConverter}: EC
   * P-256 keys with {@code alg} ES256 and their {@code kid}. It holds no secret.
   *
   * @throws IllegalStateException for HS256 keys, which have no public part
   */
  public String publicJwkSet() {
    try {
      return JwkSetConverter.fromPublicKeysetHandle(publicKeyset());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot export the public token keys as a JWK set", e);
    }
  }

  /** Prints the algorithm and the number of keys, never key material. */
  @Override
  public String toString() {
    return "TokenKeys[" + algorithm + ", keys=" + current.keyset().size() + "]";
  }

  Algorithm algorithm() {
    return algorithm;
  }

  Snapshot snapshot() {
    return current;
  }

  /** A checker over public ES256 keys only, for verifiers outside the issuing process. */
  static Checker publicChecker(KeysetHandle publicKeyset) {
    for (int i = 0; i < publicKeyset.size(); i++) {
      Key key = publicKeyset.getAt(i).getKey();
      if (!(key instanceof JwtEcdsaPublicKey k)
          || k.getParameters().getAlgorithm() != JwtEcdsaParameters.Algorithm.ES256) {
        throw new InvalidInputException("publicKeyset", "must hold ES256 public keys only");
      }
    }
    try {
      JwtPublicKeyVerify verify =
          publicKeyset.getPrimitive(CONFIGURATION, JwtPublicKeyVerify.class);
      return verify::verifyAndDecode;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a token verifier from the public keys", e);
    }
  }

  private void requirePublicPart() {
    if (algorithm != Algorithm.ES256) {
      throw new IllegalStateException("HS256 token keys are secret and have no public part");
    }
  }

  private static Algorithm algorithmOf(KeysetHandle keyset) {
    Algorithm found = null;
    for (int i = 0; i < keyset.size(); i++) {
      Key key = keyset.getAt(i).getKey();
      Algorithm each;
      if (key instanceof JwtEcdsaPrivateKey k
          && k.getParameters().getAlgorithm() == JwtEcdsaParameters.Algorithm.ES256) {
        each = Algorithm.ES256;
      } else if (key instanceof JwtHmacKey k
          && k.getParameters().getAlgorithm() == JwtHmacParameters.Algorithm.HS256
          && k.getParameters().getKeySizeBytes() >= 32) {
        each = Algorithm.HS256;
      } else {
        each = null;
      }
      if (each == null || (found != null && found != each)) {
        throw new InvalidInputException(
            "keyset", "must hold only ES256 private keys or only HS256 keys of 32 bytes or more");
      }
      found = each;
    }
    if (found == null) {
      throw new InvalidInputException("keyset", "must hold at least one key");
    }
    return found;
  }

  private static Snapshot snapshot(Algorithm algorithm, KeysetHandle keyset) {
    try {
      if (algorithm == Algorithm.ES256) {
        JwtPublicKeySign sign = keyset.getPrimitive(CONFIGURATION, JwtPublicKeySign.class);
        JwtPublicKeyVerify verify =
            keyset.getPublicKeysetHandle().getPrimitive(CONFIGURATION, JwtPublicKeyVerify.class);
        return new Snapshot(keyset, sign::signAndEncode, verify::verifyAndDecode);
      }
      JwtMac mac = keyset.getPrimitive(CONFIGURATION, JwtMac.class);
      return new Snapshot(keyset, mac::computeMacAndEncode, mac::verifyMacAndDecode);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot use the token key set", e);
    }
  }

  private static Parameters parameters(Algorithm algorithm) {
    try {
      if (algorithm == Algorithm.ES256) {
        return JwtEcdsaParameters.builder()
            .setAlgorithm(JwtEcdsaParameters.Algorithm.ES256)
            .setKidStrategy(JwtEcdsaParameters.KidStrategy.BASE64_ENCODED_KEY_ID)
            .build();
      }
      return JwtHmacParameters.builder()
          .setAlgorithm(JwtHmacParameters.Algorithm.HS256)
          .setKeySizeBytes(32)
          .setKidStrategy(JwtHmacParameters.KidStrategy.BASE64_ENCODED_KEY_ID)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("invalid token key parameters", e);
    }
  }

  private static KeysetHandle generate(Parameters parameters) {
    try {
      return KeysetHandle.newBuilder()
          .addEntry(KeysetHandle.generateEntryFromParameters(parameters).withRandomId().makePrimary())
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a token key", e);
    }
  }

  private static Configuration registerJwtPrimitives() {
    try {
      JwtSignatureConfig.register();
      JwtMacConfig.register();
      return RegistryConfiguration.get();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot register Tink's JWT primitives", e);
    }
  }
}
