package io.securerecords.crypto.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.crypto.tink.jwt.JwtValidator;
import io.securerecords.api.error.RefusedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * A compact token as received, before any signature check. Its content is read only to refuse
 * early or to word a refusal, never to grant anything.
 */
final class UnverifiedToken {
  private static final Set<String> HEADER_PARAMETERS = Set.of("alg", "typ", "kid");

  private UnverifiedToken() {}

  /**
   * Reads the unverified header only to refuse early: a wrong algorithm or type is refused
   * whatever the signature, and a right one still has to pass Tink's own checks.
   */
  static void checkHeader(String compact, String algorithm) {
    String[] parts = compact.split("\\.", -1);
    if (parts.length != 3) {
      throw refused("malformed token");
    }
    for (String part : parts) {
      // Canonical base64url only: one token, one spelling (no padding, no spare bits set).
      try {
        byte[] bytes = Base64.getUrlDecoder().decode(part);
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part)) {
          throw refused("malformed token");
        }
      } catch (IllegalArgumentException e) {
        throw refused("malformed token");
      }
    }
    JsonNode header;
    try {
      header = ClaimsCodec.JSON.readTree(
          new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | IOException e) {
      throw refused("malformed token");
    }
    if (header == null || !header.isObject()) {
      throw refused("malformed token");
    }
    JsonNode alg = header.get("alg");
    if (alg == null || !alg.isTextual() || !alg.textValue().equals(algorithm)) {
      throw refused("algorithm not allowed");
    }
    JsonNode typ = header.get("typ");
    if (typ == null) {
      throw refused("missing type header");
    }
    if (!typ.isTextual() || !typ.textValue().equals(TokenIssuer.TYPE_HEADER)) {
      throw refused("wrong type header");
    }
    for (Map.Entry<String, JsonNode> parameter : header.properties()) {
      if (!HEADER_PARAMETERS.contains(parameter.getKey())) {
        throw refused("unexpected header parameter");
      }
    }
  }

  /**
   * A validator that checks nothing but the signature and format, at an instant inside the
   * token's own claimed lifetime. Used only to name a failure, never to accept a token.
   */
  static JwtValidator relaxedValidator(String compact) throws IOException {
    String[] parts = compact.split("\\.", -1);
    JsonNode payload = ClaimsCodec.JSON.readTree(
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    Instant inside = Instant.EPOCH;
    if (payload.path("nbf").isNumber()) {
      inside = Instant.ofEpochSecond(payload.get("nbf").longValue());
    } else if (payload.path("exp").isNumber()) {
      inside = Instant.ofEpochSecond(payload.get("exp").longValue()).minusSeconds(1);
    }
    return JwtValidator.newBuilder()
        .ignoreTypeHeader()
        .ignoreIssuer()
        .ignoreAudiences()
        .allowMissingExpiration()
        .setClock(Clock.fixed(inside, ZoneOffset.UTC))
        .build();
  }

  private static RefusedException refused(String condition) {
    return new RefusedException(TokenVerifier.CLAUSE, condition);
  }
}
