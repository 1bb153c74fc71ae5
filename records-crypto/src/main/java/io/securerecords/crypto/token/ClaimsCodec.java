package io.securerecords.crypto.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.jwt.JwtInvalidException;
import com.google.crypto.tink.jwt.RawJwt;
import com.google.crypto.tink.jwt.VerifiedJwt;
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JWT form of {@link AccessTokenClaims}, both ways. Decoding reads only a token whose signature
 * and registered claims Tink has already verified, and still trusts nothing about its shape: every
 * claim must be present with the right JSON type and a known value, or the token is refused.
 */
final class ClaimsCodec {
  static final String PURPOSE = "purpose";
  static final String CLAUSE = "clause";
  static final String CLASSES = "classes";
  static final String RECORDS = "records";
  static final String REQUESTER = "requester";
  static final String REASON = "reason";
  static final String LEGAL_REFERENCE = "legal_ref";
  static final String APPROVAL = "approval";
  static final String ACK_DIGEST = "ack_digest";
  static final String MAX_USES = "max_uses";

  private static final Set<String> REQUIRED =
      Set.of(PURPOSE, CLAUSE, CLASSES, RECORDS, REQUESTER, REASON, MAX_USES);
  private static final Set<String> KNOWN =
      Set.of(PURPOSE, CLAUSE, CLASSES, RECORDS, REQUESTER, REASON, LEGAL_REFERENCE, APPROVAL,
          ACK_DIGEST, MAX_USES);
  private static final List<String> REQUESTER_FIELDS =
      List.of("name", "organisation", "role", "contact");
  private static final List<String> APPROVAL_FIELDS = List.of("name", "role");

  static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private ClaimsCodec() {}

  /** The claims as an unsigned JWT, without the type header. */
  static RawJwt.Builder encode(AccessTokenClaims c) {
    try {
      ArrayNode classes = JSON.createArrayNode();
      c.fieldClasses().forEach(fc -> classes.add(fc.name()));
      ArrayNode records = JSON.createArrayNode();
      c.records().forEach(r -> records.add(r.value()));
      ObjectNode requester = JSON.createObjectNode()
          .put("name", c.requester().name())
          .put("organisation", c.requester().organisation())
          .put("role", c.requester().role())
          .put("contact", c.requester().contact());
      RawJwt.Builder jwt = RawJwt.newBuilder()
          .setIssuer(c.issuer())
          .setAudience(c.audience())
          .setSubject(c.subject().value())
          .setJwtId(c.jwtId())
          .setIssuedAt(c.issuedAt())
          .setNotBefore(c.notBefore())
          .setExpiration(c.expiry())
          .addStringClaim(PURPOSE, c.purpose().name())
          .addStringClaim(CLAUSE, c.purpose().clause())
          .addJsonArrayClaim(CLASSES, JSON.writeValueAsString(classes))
          .addJsonArrayClaim(RECORDS, JSON.writeValueAsString(records))
          .addJsonObjectClaim(REQUESTER, JSON.writeValueAsString(requester))
          .addStringClaim(REASON, c.reason())
          .addNumberClaim(MAX_USES, (long) c.maxUses());
      if (c.legalReference().isPresent()) {
        jwt.addStringClaim(LEGAL_REFERENCE, c.legalReference().get());
      }
      if (c.approval().isPresent()) {
        ObjectNode approval = JSON.createObjectNode()
            .put("name", c.approval().get().approverName())
            .put("role", c.approval().get().role());
        jwt.addJsonObjectClaim(APPROVAL, JSON.writeValueAsString(approval));
      }
      if (c.ackDigest().isPresent()) {
        jwt.addStringClaim(ACK_DIGEST, c.ackDigest().get());
      }
      return jwt;
    } catch (JsonProcessingException | JwtInvalidException e) {
      throw new IllegalStateException("cannot encode token claims", e);
    }
  }

  /**
   * Reads the claims of a verified token.
   *
   * @throws RefusedException naming the first claim that is missing, of the wrong type, unknown
   *     or malformed; never its value
   */
  static AccessTokenClaims decode(VerifiedJwt jwt) {
    try {
      for (String name : jwt.customClaimNames()) {
        if (!KNOWN.contains(name)) {
          throw refused("unexpected claim");
        }
      }
      for (String name : REQUIRED) {
        if (!jwt.customClaimNames().contains(name)) {
          throw refused("missing claim " + name);
        }
      }
      if (!jwt.hasSubject()) {
        throw refused("missing claim sub");
      }
      if (!jwt.hasJwtId()) {
        throw refused("missing claim jti");
      }
      if (!jwt.hasIssuedAt()) {
        throw refused("missing claim iat");
      }
      if (!jwt.hasNotBefore()) {
        throw refused("missing claim nbf");
      }
      if (jwt.getAudiences().size() != 1) {
        throw refused("audience must name exactly one recipient");
      }
      Purpose purpose = purpose(string(jwt, PURPOSE));
      if (!purpose.clause().equals(string(jwt, CLAUSE))) {
        throw refused("clause does not match purpose");
      }
      Map<String, String> requester = object(jwt, REQUESTER, REQUESTER_FIELDS);
      AccessTokenClaims.Builder claims = AccessTokenClaims.builder()
          .issuer(jwt.getIssuer())
          .audience(jwt.getAudiences().get(0))
          .subject(ClientId.of(jwt.getSubject()))
          .purpose(purpose)
          .fieldClasses(fieldClasses(jwt))
          .records(records(jwt))
          .requester(new Requester(requester.get("name"), requester.get("organisation"),
              requester.get("role"), requester.get("contact")))
          .reason(string(jwt, REASON))
          .issuedAt(jwt.getIssuedAt())
          .notBefore(jwt.getNotBefore())
          .expiry(jwt.getExpiration())
          .jwtId(jwt.getJwtId())
          .maxUses(maxUses(jwt));
      if (jwt.customClaimNames().contains(LEGAL_REFERENCE)) {
        claims.legalReference(string(jwt, LEGAL_REFERENCE));
      }
      if (jwt.customClaimNames().contains(APPROVAL)) {
        Map<String, String> approval = object(jwt, APPROVAL, APPROVAL_FIELDS);
        claims.approval(new Approval(approval.get("name"), approval.get("role")));
      }
      if (jwt.customClaimNames().contains(ACK_DIGEST)) {
        claims.ackDigest(string(jwt, ACK_DIGEST));
      }
      return claims.build();
    } catch (InvalidInputException e) {
      // The field name is ours and the rule never echoes the value: safe to name.
      throw refused("malformed claim " + e.field());
    } catch (JwtInvalidException e) {
      // Tink's messages may quote claim values: keep neither message nor cause.
      throw refused("malformed registered claim");
    }
  }

  private static Purpose purpose(String name) {
    for (Purpose p : Purpose.values()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw refused("unknown purpose");
  }

  private static Set<FieldClass> fieldClasses(VerifiedJwt jwt) throws JwtInvalidException {
    Set<FieldClass> classes = EnumSet.noneOf(FieldClass.class);
    for (String name : strings(jwt, CLASSES)) {
      FieldClass found = null;
      for (FieldClass fc : FieldClass.values()) {
        if (fc.name().equals(name)) {
          found = fc;
        }
      }
      if (found == null) {
        throw refused("unknown field class");
      }
      if (!classes.add(found)) {
        throw refused("duplicate field class");
      }
    }
    return classes;
  }

  private static Set<RecordId> records(VerifiedJwt jwt) throws JwtInvalidException {
    Set<RecordId> records = new HashSet<>();
    for (String value : strings(jwt, RECORDS)) {
      if (!records.add(RecordId.of(value))) {
        throw refused("duplicate record");
      }
    }
    return records;
  }

  private static int maxUses(VerifiedJwt jwt) throws JwtInvalidException {
    if (!jwt.hasNumberClaim(MAX_USES)) {
      throw wrongType(MAX_USES);
    }
    double uses = jwt.getNumberClaim(MAX_USES);
    if (uses != Math.rint(uses) || uses < 1 || uses > Integer.MAX_VALUE) {
      throw refused("claim max_uses must be a whole number of at least 1");
    }
    return (int) uses;
  }

  private static String string(VerifiedJwt jwt, String name) throws JwtInvalidException {
    if (!jwt.hasStringClaim(name)) {
      throw wrongType(name);
    }
    return jwt.getStringClaim(name);
  }

  private static List<String> strings(VerifiedJwt jwt, String name) throws JwtInvalidException {
    if (!jwt.hasJsonArrayClaim(name)) {
      throw wrongType(name);
    }
    JsonNode array = parse(jwt.getJsonArrayClaim(name), name);
    if (!array.isArray()) {
      throw wrongType(name);
    }
    List<String> values = new ArrayList<>();
    for (JsonNode element : array) {
      if (!element.isTextual()) {
        throw wrongType(name);
      }
      values.add(element.textValue());
    }
    return values;
  }

  /** An object claim with exactly the given string members. */
  private static Map<String, String> object(VerifiedJwt jwt, String name, List<String> fields)
      throws JwtInvalidException {
    if (!jwt.hasJsonObjectClaim(name)) {
      throw wrongType(name);
    }
    JsonNode object = parse(jwt.getJsonObjectClaim(name), name);
    if (!object.isObject() || object.size() != fields.size()) {
      throw refused("claim " + name + " has unexpected members");
    }
    Map<String, String> values = new HashMap<>();
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      if (!fields.contains(member.getKey())) {
        throw refused("claim " + name + " has unexpected members");
      }
      if (!member.getValue().isTextual()) {
        throw wrongType(name);
      }
      values.put(member.getKey(), member.getValue().textValue());
    }
    return values;
  }

  private static JsonNode parse(String json, String name) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw refused("malformed claim " + name);
    }
  }

  private static RefusedException wrongType(String name) {
    return refused("claim " + name + " has the wrong type");
  }

  static RefusedException refused(String condition) {
    return new RefusedException(TokenVerifier.CLAUSE, condition);
  }
}
