package io.securerecords.crypto.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.jwt.RawJwt;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Shared fixtures: a realistic decision, and the means to take a token apart and re-sign it. */
final class Tokens {
  static final String ISSUER = "psu-disclosure-service";
  static final String AUDIENCE = "london-kss-case-management";
  static final Instant START = Instant.parse("2025-03-03T09:00:00Z");

  /** Personal values that must never appear in an error message or toString. */
  static final String REQUESTER_NAME = "Dr Amelia Okonkwo-Brennan";
  static final String REQUESTER_CONTACT = "amelia.okonkwo@trust.example.nhs.uk";
  static final String REASON = "Concern raised at the ARCP panel about patient safety";
  static final String APPROVER = "Professor Hari Venkataraman";

  private Tokens() {}

  /** A safety-risk disclosure (2.4): explicit classes, two records, approval. */
  static AccessTokenClaims.Builder safetyRisk(TokenIssuer issuer) {
    return issuer.newClaims()
        .audience(AUDIENCE)
        .subject(ClientId.of("c-5f1e9a"))
        .purpose(Purpose.SAFETY_RISK)
        .fieldClasses(EnumSet.of(FieldClass.IDENTITY, FieldClass.CASE_SUMMARY))
        .records(Set.of(RecordId.of("r-basic-1"), RecordId.of("r-case-7")))
        .requester(new Requester(REQUESTER_NAME, "North Thames Trust", "Medical Director",
            REQUESTER_CONTACT))
        .reason(REASON)
        .approval(new Approval(APPROVER, "Head of PSU"));
  }

  static String header(String token) {
    return decode(token.split("\\.")[0]);
  }

  static String payload(String token) {
    return decode(token.split("\\.")[1]);
  }

  static String kid(String token) throws Exception {
    return ClaimsCodec.JSON.readTree(header(token)).get("kid").textValue();
  }

  static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  static String encode(String json) {
    return encode(json.getBytes(StandardCharsets.UTF_8));
  }

  static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The token's payload with an edit applied, as JSON. */
  static String editedPayload(String token, Consumer<ObjectNode> edit) throws Exception {
    ObjectNode payload = (ObjectNode) ClaimsCodec.JSON.readTree(payload(token));
    edit.accept(payload);
    return ClaimsCodec.JSON.writeValueAsString(payload);
  }

  /**
   * Re-signs an edited payload with the genuine keys: what a buggy or malicious issuer could
   * produce. The signature is valid, so only the claim checks stand in the way.
   */
  static String resignedByIssuer(TokenKeys keys, String token, Optional<String> typ,
      Consumer<ObjectNode> edit) throws Exception {
    RawJwt raw = RawJwt.fromJsonPayload(typ, editedPayload(token, edit));
    return keys.snapshot().signer().sign(raw);
  }

  static JsonNode json(String text) throws Exception {
    return ClaimsCodec.JSON.readTree(text);
  }

}
