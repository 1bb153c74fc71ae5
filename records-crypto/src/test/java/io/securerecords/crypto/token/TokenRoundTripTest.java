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
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A genuine token carries every claim of the decision, unchanged, to the verified grant. */
class TokenRoundTripTest {
  private final TestClock clock = new TestClock(START);
  private final TokenKeys keys = TokenKeys.generateEs256();
  private final TokenIssuer issuer = new TokenIssuer(keys, ISSUER, clock);
  private final TokenVerifier verifier =
      TokenVerifier.builder().keys(keys).issuer(ISSUER).audience(AUDIENCE).clock(clock).build();

  @Test
  void everyClaimRoundTrips() {
    AccessTokenClaims claims = Tokens.safetyRisk(issuer)
        .legalReference("Children Act 1989 s.47")
        .ackDigest("q1w2e3r4t5y6u7i8o9p0-_ZXCVBNMasdfghjkl12345")
        .maxUses(3)
        .build();
    VerifiedGrant grant = verifier.verify(issuer.issue(claims));

    assertEquals(claims, grant.claims());
    assertEquals(Purpose.SAFETY_RISK, grant.purpose());
    assertEquals("2.4", grant.clause());
    assertEquals(ClientId.of("c-5f1e9a"), grant.subject());
    assertEquals(AUDIENCE, grant.audience());
    assertEquals(EnumSet.of(FieldClass.IDENTITY, FieldClass.CASE_SUMMARY), grant.fieldClasses());
    assertEquals(Set.of(RecordId.of("r-basic-1"), RecordId.of("r-case-7")), grant.records());
    assertEquals(Tokens.REQUESTER_NAME, grant.requester().name());
    assertEquals("North Thames Trust", grant.requester().organisation());
    assertEquals("Medical Director", grant.requester().role());
    assertEquals(Tokens.REQUESTER_CONTACT, grant.requester().contact());
    assertEquals(Tokens.REASON, grant.reason());
    assertEquals(Optional.of("Children Act 1989 s.47"), grant.legalReference());
    assertEquals(Optional.of(new Approval(Tokens.APPROVER, "Head of PSU")), grant.approval());
    assertEquals(Optional.of("q1w2e3r4t5y6u7i8o9p0-_ZXCVBNMasdfghjkl12345"), grant.ackDigest());
    assertEquals(claims.jwtId(), grant.jwtId());
    assertEquals(3, grant.maxUses());
    assertEquals(START.plus(TokenIssuer.DEFAULT_LIFETIME), grant.expiry());
  }

  @Test
  void defaultsAreOneUseFifteenMinutesAllRecordsAndARandomId() {
    AccessTokenClaims first = issuer.newClaims().audience(AUDIENCE)
        .subject(ClientId.of("c-1")).purpose(Purpose.SUBJECT_ACCESS)
        .fieldClasses(EnumSet.allOf(FieldClass.class))
        .requester(new Requester("A Client", "self", "client", "client@example.org"))
        .reason("subject access request").build();
    AccessTokenClaims second = issuer.newClaims().audience(AUDIENCE)
        .subject(ClientId.of("c-1")).purpose(Purpose.SUBJECT_ACCESS)
        .fieldClasses(EnumSet.allOf(FieldClass.class))
        .requester(new Requester("A Client", "self", "client", "client@example.org"))
        .reason("subject access request").build();
    VerifiedGrant grant = verifier.verify(issuer.issue(first));
    assertEquals(1, grant.maxUses());
    assertTrue(grant.records().isEmpty());
    assertEquals(Optional.empty(), grant.legalReference());
    assertEquals(Optional.empty(), grant.approval());
    assertEquals(Optional.empty(), grant.ackDigest());
    assertEquals(Duration.ofMinutes(15), Duration.between(START, grant.expiry()));
    assertEquals(22, first.jwtId().length());
    assertNotEquals(first.jwtId(), second.jwtId());
  }

  @Test
  void theTokenIsTypedAndItsSubjectIsTheInternalIdOnly() throws Exception {
    String token = issuer.issue(Tokens.safetyRisk(issuer).build());
    JsonNode header = Tokens.json(Tokens.header(token));
    assertEquals("ES256", header.get("alg").textValue());
    assertEquals(TokenIssuer.TYPE_HEADER, header.get("typ").textValue());
    assertTrue(header.get("kid").isTextual());
    JsonNode payload = Tokens.json(Tokens.payload(token));
    assertEquals("c-5f1e9a", payload.get("sub").textValue());
    assertEquals(AUDIENCE, payload.get("aud").textValue());
    assertEquals(ISSUER, payload.get("iss").textValue());
    assertEquals("2.4", payload.get("clause").textValue());
  }

  @Test
  void toStringPrintsNoPersonalValues() {
    AccessTokenClaims claims = Tokens.safetyRisk(issuer).legalReference("Court order 2025/17").build();
    VerifiedGrant grant = verifier.verify(issuer.issue(claims));
    for (String printed : new String[] {claims.toString(), grant.toString(),
        claims.requester().toString(), claims.approval().orElseThrow().toString()}) {
      for (String personal : new String[] {Tokens.REQUESTER_NAME, Tokens.REQUESTER_CONTACT,
          Tokens.REASON, Tokens.APPROVER, "North Thames", "c-5f1e9a", "Court order"}) {
        assertFalse(printed.contains(personal), printed);
      }
    }
    assertEquals("VerifiedGrant[purpose=SAFETY_RISK, clause=2.4, jti=" + claims.jwtId()
        + ", classes=2, records=2, maxUses=1]", grant.toString());
  }

  @Test
  void theIssuerSignsOnlyForItselfAndOnlyShortLivedTokens() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> issuer.issue(Tokens.safetyRisk(issuer).issuer("someone-else").build()));
    assertEquals("issuer", e.field());
    e = assertThrows(InvalidInputException.class, () -> issuer.issue(
        Tokens.safetyRisk(issuer).expiry(START.plus(Duration.ofDays(2))).build()));
    assertEquals("expiry", e.field());
    assertThrows(InvalidInputException.class,
        () -> new TokenIssuer(keys, ISSUER, clock, Duration.ofDays(30)));
    assertThrows(InvalidInputException.class,
        () -> TokenVerifier.builder().clockSkew(Duration.ofMinutes(5)));
  }

  @Test
  void claimsRejectWhatCouldNotBeAToken() {
    AccessTokenClaims.Builder ok = Tokens.safetyRisk(issuer);
    assertEquals("fieldClasses", assertThrows(InvalidInputException.class,
        () -> ok.fieldClasses(Set.of()).build()).field());
    assertEquals("expiry", assertThrows(InvalidInputException.class,
        () -> Tokens.safetyRisk(issuer).expiry(START).build()).field());
    assertEquals("maxUses", assertThrows(InvalidInputException.class,
        () -> Tokens.safetyRisk(issuer).maxUses(0).build()).field());
    assertEquals("reason", assertThrows(InvalidInputException.class,
        () -> Tokens.safetyRisk(issuer).reason("  ").build()).field());
    assertEquals("reason", assertThrows(InvalidInputException.class,
        () -> Tokens.safetyRisk(issuer).reason("half a pair \uD800").build()).field());
    assertEquals("requester.contact", assertThrows(InvalidInputException.class,
        () -> new Requester("n", "o", "r", null)).field());
    assertEquals("ackDigest", assertThrows(InvalidInputException.class,
        () -> Tokens.safetyRisk(issuer).ackDigest("abc=").build()).field());
  }
}
