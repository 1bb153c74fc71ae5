package io.securerecords.crypto.token;

import static io.securerecords.crypto.token.Tokens.AUDIENCE;
import static io.securerecords.crypto.token.Tokens.ISSUER;
import static io.securerecords.crypto.token.Tokens.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.crypto.tink.Key;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.jwt.JwkSetConverter;
import com.google.crypto.tink.jwt.JwtEcdsaParameters;
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.error.RefusedException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rotation, persistence hand-off and the JWK set export of the token keys. */
class TokenKeysTest {
  private final TestClock clock = new TestClock(START);

  private TokenVerifier.Builder verifierFor() {
    return TokenVerifier.builder().issuer(ISSUER).audience(AUDIENCE).clock(clock);
  }

  private String issue(TokenKeys keys) {
    TokenIssuer issuer = new TokenIssuer(keys, ISSUER, clock);
    return issuer.issue(Tokens.safetyRisk(issuer).build());
  }

  @Test
  void afterRotationOldTokensStillVerifyAndNewOnesUseTheNewKey() throws Exception {
    TokenKeys keys = TokenKeys.generateEs256();
    TokenVerifier verifier = verifierFor().keys(keys).build();
    String before = issue(keys);
    int primaryBefore = keys.keyset().getPrimary().getId();

    keys.rotate();
    String after = issue(keys);

    assertEquals(2, keys.keyset().size());
    assertNotEquals(primaryBefore, keys.keyset().getPrimary().getId());
    assertNotEquals(Tokens.kid(before), Tokens.kid(after));
    assertEquals(Tokens.REASON, verifier.verify(before).reason());
    assertEquals(Tokens.REASON, verifier.verify(after).reason());
  }

  @Test
  void aTokenSignedBeforeRotationExpiresAsUsual() {
    TokenKeys keys = TokenKeys.generateEs256();
    String before = issue(keys);
    keys.rotate();
    clock.advance(TokenIssuer.DEFAULT_LIFETIME.plus(TokenVerifier.MAX_CLOCK_SKEW));
    RefusedException e = assertThrows(RefusedException.class,
        () -> verifierFor().keys(keys).build().verify(before));
    assertEquals("expired", e.condition());
  }

  @Test
  void theJwkSetHoldsOnlyPublicEcP256KeysOnePerKey() throws Exception {
    TokenKeys keys = TokenKeys.generateEs256();
    keys.rotate();
    JsonNode jwks = Tokens.json(keys.publicJwkSet());
    assertTrue(jwks.get("keys").isArray());
    assertEquals(2, jwks.get("keys").size());
    Set<String> kids = new HashSet<>();
    for (JsonNode key : jwks.get("keys")) {
      assertEquals("EC", key.get("kty").textValue());
      assertEquals("P-256", key.get("crv").textValue());
      assertEquals("ES256", key.get("alg").textValue());
      assertTrue(key.get("x").isTextual() && key.get("y").isTextual());
      assertFalse(key.has("d"), "a private key component was exported");
      kids.add(key.get("kid").textValue());
    }
    assertEquals(2, kids.size());
  }

  @Test
  void aVerifierBuiltFromTheExportedJwkSetVerifiesTokens() throws Exception {
    TokenKeys keys = TokenKeys.generateEs256();
    String before = issue(keys);
    keys.rotate();
    String after = issue(keys);
    String jwks = keys.publicJwkSet();

    TokenVerifier outside = verifierFor().jwkSet(jwks).build();
    assertEquals(Tokens.REASON, outside.verify(before).reason());
    assertEquals(Tokens.REASON, outside.verify(after).reason());

    KeysetHandle imported = JwkSetConverter.toPublicKeysetHandle(jwks);
    assertEquals(Tokens.REASON,
        verifierFor().publicKeyset(imported).build().verify(after).reason());
  }

  @Test
  void aJwkSetExportedBeforeRotationDoesNotVerifyTheNewKeysTokens() {
    TokenKeys keys = TokenKeys.generateEs256();
    TokenVerifier stale = verifierFor().jwkSet(keys.publicJwkSet()).build();
    keys.rotate();
    RefusedException e = assertThrows(RefusedException.class, () -> stale.verify(issue(keys)));
    assertEquals("signature", e.condition());
  }

  @Test
  void aKeysetReadBackFromStorageKeepsVerifyingAndSigning() {
    TokenKeys keys = TokenKeys.generateEs256();
    String token = issue(keys);
    TokenKeys restored = TokenKeys.fromKeyset(keys.keyset());
    assertEquals(Tokens.REASON, verifierFor().keys(restored).build().verify(token).reason());
    assertEquals(Tokens.REASON,
        verifierFor().keys(keys).build().verify(issue(restored)).reason());
  }

  @Test
  void keysetsOfOtherAlgorithmsOrOnlyPublicKeysAreRejected() throws Exception {
    TokenKeys keys = TokenKeys.generateEs256();
    assertThrows(InvalidInputException.class, () -> TokenKeys.fromKeyset(keys.publicKeyset()));
    KeysetHandle es384 = KeysetHandle.newBuilder()
        .addEntry(KeysetHandle.generateEntryFromParameters(JwtEcdsaParameters.builder()
                .setAlgorithm(JwtEcdsaParameters.Algorithm.ES384)
                .setKidStrategy(JwtEcdsaParameters.KidStrategy.BASE64_ENCODED_KEY_ID)
                .build())
            .withRandomId().makePrimary())
        .build();
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> TokenKeys.fromKeyset(es384));
    assertEquals("keyset", e.field());
    Key hmacKey = TokenKeys.generateHs256().keyset().getPrimary().getKey();
    KeysetHandle mixed = KeysetHandle.newBuilder(keys.keyset())
        .addEntry(KeysetHandle.importKey(hmacKey).withFixedId(hmacKey.getIdRequirementOrNull()))
        .build();
    assertThrows(InvalidInputException.class, () -> TokenKeys.fromKeyset(mixed));
    assertThrows(InvalidInputException.class,
        () -> verifierFor().publicKeyset(es384.getPublicKeysetHandle()));
    assertThrows(InvalidInputException.class, () -> verifierFor().jwkSet("{\"keys\":[{}]}"));
  }

  @Test
  void hs256RoundTripsInOneProcessAndHasNoPublicPart() {
    TokenKeys keys = TokenKeys.generateHs256();
    String before = issue(keys);
    keys.rotate();
    String after = issue(keys);
    TokenVerifier verifier = verifierFor().keys(keys).build();
    assertEquals(Tokens.REASON, verifier.verify(before).reason());
    assertEquals(Tokens.REASON, verifier.verify(after).reason());
    assertThrows(IllegalStateException.class, keys::publicJwkSet);
    assertThrows(IllegalStateException.class, keys::publicKeyset);

    RefusedException e = assertThrows(RefusedException.class,
        () -> verifierFor().keys(TokenKeys.generateHs256()).build().verify(after));
    assertEquals("signature", e.condition());
    e = assertThrows(RefusedException.class,
        () -> verifierFor().keys(TokenKeys.generateEs256()).build().verify(after));
    assertEquals("algorithm not allowed", e.condition());
  }

  @Test
  void toStringShowsNoKeyMaterial() {
    TokenKeys keys = TokenKeys.generateEs256();
    assertEquals("TokenKeys[ES256, keys=1]", keys.toString());
  }
}
