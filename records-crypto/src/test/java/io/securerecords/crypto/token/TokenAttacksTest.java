package io.securerecords.crypto.token;

import static io.securerecords.crypto.token.Tokens.AUDIENCE;
import static io.securerecords.crypto.token.Tokens.ISSUER;
import static io.securerecords.crypto.token.Tokens.START;
import static io.securerecords.crypto.token.Tokens.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.jwt.JwtEcdsaParameters;
import com.google.crypto.tink.jwt.JwtEcdsaPublicKey;
import io.securerecords.api.error.RefusedException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The token attacks of issue 3, each refused with clause {@code token}, the check that failed as
 * condition, and no personal value in the message.
 */
class TokenAttacksTest {
  private static final Optional<String> TYP = Optional.of(TokenIssuer.TYPE_HEADER);

  private final TestClock clock = new TestClock(START);
  private final TokenKeys keys = TokenKeys.generateEs256();
  private final TokenIssuer issuer = new TokenIssuer(keys, ISSUER, clock);
  private final TokenVerifier verifier = verifier(keys, ISSUER, AUDIENCE);
  private final String token = issuer.issue(Tokens.safetyRisk(issuer).build());

  private TokenVerifier verifier(TokenKeys k, String iss, String aud) {
    return TokenVerifier.builder().keys(k).issuer(iss).audience(aud).clock(clock).build();
  }

  private void assertRefused(String condition, TokenVerifier v, String presented) {
    RefusedException e = assertThrows(RefusedException.class, () -> v.verify(presented));
    assertEquals("token", e.clause());
    assertEquals(condition, e.condition());
    assertEquals("refused under clause token: " + condition, e.getMessage());
    for (String personal : List.of(Tokens.REQUESTER_NAME, Tokens.REQUESTER_CONTACT,
        Tokens.REASON, Tokens.APPROVER, "c-5f1e9a")) {
      assertFalse(String.valueOf(e.getMessage()).contains(personal), "message leaks a value");
    }
  }

  private void assertRefused(String condition, String presented) {
    assertRefused(condition, verifier, presented);
  }

  @Test
  void theGenuineTokenVerifies() {
    assertEquals("c-5f1e9a", verifier.verify(token).subject().value());
  }

  @Test
  void forgedWithAnotherEs256KeyIsRefused() {
    TokenKeys forger = TokenKeys.generateEs256();
    String forged = new TokenIssuer(forger, ISSUER, clock).issue(Tokens.safetyRisk(issuer).build());
    assertRefused("signature", forged);
  }

  @Test
  void editedClaimsResignedWithAnotherKeyUnderTheGenuineKidAreRefused() throws Exception {
    String[] parts = token.split("\\.");
    String edited = encode(Tokens.editedPayload(token, p -> p.put("purpose", "SUBJECT_ACCESS")
        .put("clause", "6")));
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair attacker = generator.generateKeyPair();
    Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
    ecdsa.initSign(attacker.getPrivate());
    ecdsa.update((parts[0] + "." + edited).getBytes(StandardCharsets.US_ASCII));
    assertRefused("signature", parts[0] + "." + edited + "." + encode(ecdsa.sign()));
  }

  @Test
  void payloadEditedWithoutResigningIsRefused() throws Exception {
    String[] parts = token.split("\\.");
    String widened = encode(Tokens.editedPayload(token,
        p -> p.putArray("classes").add("IDENTITY").add("CASE_SUMMARY").add("DEMOGRAPHIC")));
    assertRefused("signature", parts[0] + "." + widened + "." + parts[2]);
    String longer = encode(Tokens.editedPayload(token,
        p -> p.put("exp", p.get("exp").longValue() + 86_400)));
    assertRefused("signature", parts[0] + "." + longer + "." + parts[2]);
  }

  @Test
  void algNoneIsRefused() {
    String[] parts = token.split("\\.");
    String none = encode("{\"alg\":\"none\",\"typ\":\"" + TokenIssuer.TYPE_HEADER + "\"}");
    assertRefused("algorithm not allowed", none + "." + parts[1] + ".");
    assertRefused("algorithm not allowed", none + "." + parts[1] + "." + parts[2]);
  }

  @Test
  void hs256SignedWithThePublicKeyIsRefused() throws Exception {
    // Algorithm confusion: an attacker who knows the public key uses its bytes as an HMAC key.
    JwtEcdsaPublicKey publicKey = (JwtEcdsaPublicKey) keys.publicKeyset().getPrimary().getKey();
    byte[] x509 = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
        publicKey.getPublicPoint(),
        JwtEcdsaParameters.Algorithm.ES256.getEcParameterSpec())).getEncoded();
    String edited = encode(Tokens.editedPayload(token, p -> p.put("max_uses", 1000)));
    for (byte[] secret : List.of(x509, keys.publicJwkSet().getBytes(StandardCharsets.UTF_8))) {
      String header = encode("{\"alg\":\"HS256\",\"typ\":\"" + TokenIssuer.TYPE_HEADER
          + "\",\"kid\":\"" + Tokens.kid(token) + "\"}");
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] tag = mac.doFinal((header + "." + edited).getBytes(StandardCharsets.US_ASCII));
      assertRefused("algorithm not allowed", header + "." + edited + "." + encode(tag));
    }
  }

  @Test
  void anEs256TokenIsRefusedByAnHs256Verifier() {
    TokenVerifier hmacVerifier = verifier(TokenKeys.generateHs256(), ISSUER, AUDIENCE);
    assertRefused("algorithm not allowed", hmacVerifier, token);
  }

  @Test
  void expiredIsRefusedOnceTheSkewIsUsedUp() {
    clock.set(START.plus(TokenIssuer.DEFAULT_LIFETIME).plus(TokenVerifier.MAX_CLOCK_SKEW)
        .minusSeconds(1));
    verifier.verify(token);
    clock.advance(Duration.ofSeconds(1));
    assertRefused("expired", token);
  }

  @Test
  void notYetValidIsRefusedBeyondTheSkew() {
    String later = issuer.issue(Tokens.safetyRisk(issuer)
        .notBefore(START.plus(Duration.ofMinutes(5))).build());
    assertRefused("not yet valid", later);
    clock.set(START.plus(Duration.ofMinutes(5)).minus(TokenVerifier.MAX_CLOCK_SKEW));
    verifier.verify(later);
  }

  @Test
  void issuedInTheFutureIsRefused() {
    String fromTheFuture = issuer.issue(Tokens.safetyRisk(issuer)
        .issuedAt(START.plus(Duration.ofMinutes(2))).notBefore(START).build());
    assertRefused("issued in the future", fromTheFuture);
  }

  @Test
  void wrongAudienceIsRefused() {
    assertRefused("wrong audience", verifier(keys, ISSUER, "gmc-fitness-to-practise"), token);
  }

  @Test
  void wrongIssuerIsRefused() {
    String other = new TokenIssuer(keys, "another-service", clock).issue(
        Tokens.safetyRisk(issuer).issuer("another-service").build());
    assertRefused("wrong issuer", other);
  }

  @Test
  void missingOrWrongTypeHeaderIsRefused() throws Exception {
    assertRefused("missing type header",
        Tokens.resignedByIssuer(keys, token, Optional.empty(), p -> { }));
    assertRefused("wrong type header",
        Tokens.resignedByIssuer(keys, token, Optional.of("JWT"), p -> { }));
    assertRefused("wrong type header",
        Tokens.resignedByIssuer(keys, token, Optional.of("at+jwt"), p -> { }));
  }

  @Test
  void unknownPurposeIsRefused() throws Exception {
    assertRefused("unknown purpose",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.put("purpose", "MARKETING")));
    assertRefused("unknown purpose",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.put("purpose", "safety_risk")));
  }

  @Test
  void clauseThatDoesNotMatchThePurposeIsRefused() throws Exception {
    assertRefused("clause does not match purpose",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.put("clause", "6")));
  }

  @Test
  void classesOfTheWrongTypeAreRefused() throws Exception {
    assertRefused("claim classes has the wrong type",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.put("classes", "IDENTITY")));
    assertRefused("claim classes has the wrong type",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.putArray("classes").add(3)));
    assertRefused("claim classes has the wrong type",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.putObject("classes")));
  }

  @Test
  void unknownOrRepeatedFieldClassesAreRefused() throws Exception {
    assertRefused("unknown field class", Tokens.resignedByIssuer(keys, token, TYP,
        p -> p.putArray("classes").add("IDENTITY").add("EVERYTHING")));
    assertRefused("duplicate field class", Tokens.resignedByIssuer(keys, token, TYP,
        p -> p.putArray("classes").add("IDENTITY").add("IDENTITY")));
    assertRefused("malformed claim fieldClasses",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.putArray("classes")));
  }

  @Test
  void maxUsesOfTheWrongTypeIsRefused() throws Exception {
    assertRefused("claim max_uses has the wrong type",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.put("max_uses", "1")));
    assertRefused("claim max_uses has the wrong type",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.put("max_uses", true)));
    assertRefused("claim max_uses must be a whole number of at least 1",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.put("max_uses", 1.5)));
    assertRefused("claim max_uses must be a whole number of at least 1",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.put("max_uses", 0)));
  }

  @Test
  void missingRequiredClaimsAreRefused() throws Exception {
    for (String claim : List.of("purpose", "clause", "classes", "records", "requester", "reason",
        "max_uses", "sub", "jti", "iat", "nbf")) {
      assertRefused("missing claim " + claim,
          Tokens.resignedByIssuer(keys, token, TYP, p -> p.remove(claim)));
    }
    assertRefused("missing claim exp",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.remove("exp")));
  }

  @Test
  void claimsOfOtherShapesAreRefused() throws Exception {
    assertRefused("unexpected claim",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.put("admin", true)));
    assertRefused("claim requester has unexpected members",
        Tokens.resignedByIssuer(keys, token, TYP, p -> ((ObjectNode) p.get("requester")).remove("contact")));
    assertRefused("claim requester has the wrong type",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.put("requester", "Dr Who")));
    assertRefused("claim reason has the wrong type",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.put("reason", 42)));
    assertRefused("malformed claim clientId",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.put("sub", "GMC 1234567")));
    assertRefused("audience must name exactly one recipient",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.putArray("aud").add(AUDIENCE).add("x")));
    assertRefused("malformed claim ackDigest",
        Tokens.resignedByIssuer(keys, token, TYP, p -> p.put("ack_digest", "not base64url!")));
  }

  @Test
  void malformedAndOversizedInputIsRefused() {
    assertRefused("token missing", null);
    assertRefused("token missing", "");
    assertRefused("malformed token", "abc");
    assertRefused("malformed token", token + ".extra");
    assertRefused("malformed token", token + "=");
    assertRefused("token too large", "a".repeat(TokenVerifier.MAX_TOKEN_LENGTH + 1));
    String[] parts = token.split("\\.");
    String deep = encode("[".repeat(5000) + "]".repeat(5000));
    assertRefused("malformed token", deep + "." + parts[1] + "." + parts[2]);
    assertRefused("malformed token", encode("not json") + "." + parts[1] + "." + parts[2]);
  }

  @Test
  void headerParametersBeyondAlgTypAndKidAreRefused() throws Exception {
    String[] parts = token.split("\\.");
    String withJku = encode(Tokens.header(token).replace("}",
        ",\"jku\":\"https://attacker.example/jwks\"}"));
    assertRefused("unexpected header parameter", withJku + "." + parts[1] + "." + parts[2]);
  }

  @Test
  void refusalsNeverQuoteTheToken() {
    RefusedException e = assertThrows(RefusedException.class,
        () -> verifier(keys, ISSUER, "someone-else").verify(token));
    // Tink's own message would name the audiences; ours names only the check.
    assertEquals("wrong audience", e.condition());
    assertFalse(e.getMessage().contains("someone-else"));
    assertFalse(e.getMessage().contains(AUDIENCE));
    assertEquals(null, e.getCause());
  }
}
