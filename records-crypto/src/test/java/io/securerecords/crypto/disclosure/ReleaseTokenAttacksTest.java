package io.securerecords.crypto.disclosure;

import static io.securerecords.crypto.disclosure.PsuUnit.THE_RO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.RecordMetadata;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.ReleasedRecord;
import io.securerecords.crypto.log.Checkpoint;
import io.securerecords.crypto.log.Decision;
import io.securerecords.crypto.token.AccessTokenClaims;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The token attacks of issue 3, made through the release path: each is refused with clause
 * {@code token} (or the purpose's clause where the token is genuine but asks for too much),
 * releases nothing, and leaves a REFUSED entry in a log that still verifies.
 */
class ReleaseTokenAttacksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RECIPIENT = "ro-office";

  private final PsuUnit psu = new PsuUnit();
  private final PsuUnit.Client amira = psu.trainee();
  private final PsuUnit.Client ben = psu.trainee();

  private AccessTokenClaims.Builder roDecision(PsuUnit.Client client) {
    return psu.decision(client.id(), Purpose.RESPONSIBLE_OFFICER_AWARENESS, THE_RO, RECIPIENT,
        FieldClass.SERVICE_USE);
  }

  private void assertTokenRefused(String condition, String token, String recipient) {
    RefusedException e = psu.assertRefusedAndLogged("token",
        () -> psu.records.release(token, recipient));
    assertEquals(condition, e.condition());
  }

  private static String editPayload(String token, UnaryOperator<ObjectNode> edit) throws Exception {
    String[] parts = token.split("\\.", -1);
    ObjectNode payload = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    String edited = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(JSON.writeValueAsBytes(edit.apply(payload)));
    return parts[0] + "." + edited + "." + parts[2];
  }

  @Test
  void theGenuineTokenReleases() {
    Release release = psu.records.release(psu.decide(roDecision(amira)), RECIPIENT);
    assertEquals(Set.of(amira.basic()), PsuUnit.fieldsByRecord(release).keySet());
  }

  @Test
  void forgedToken_fromAnotherInstance_isRefusedAndLogged() {
    PsuUnit forger = new PsuUnit();
    String forged = forger.decide(roDecision(amira));
    assertTokenRefused("signature", forged, RECIPIENT);
  }

  @Test
  void wrongAudience_isRefusedAndLogged() {
    String token = psu.decide(roDecision(amira));
    assertTokenRefused("wrong audience", token, "someone-else");
    // The intended recipient can still use it: the refusal did not spend the token.
    assertEquals(1, psu.records.release(token, RECIPIENT).records().size());
  }

  @Test
  void expiredToken_isRefusedAndLogged() {
    String token = psu.decide(roDecision(amira));
    psu.clock.advance(Duration.ofMinutes(16));
    assertTokenRefused("expired", token, RECIPIENT);
  }

  @Test
  void tokenIsStillValidJustBeforeItsFifteenMinutesAreUp() {
    String token = psu.decide(roDecision(amira));
    psu.clock.advance(Duration.ofMinutes(14));
    assertEquals(1, psu.records.release(token, RECIPIENT).records().size());
  }

  @Test
  void notYetValidToken_isRefusedAndLogged_thenWorksOnceValid() {
    String token = psu.decide(roDecision(amira).notBefore(PsuUnit.START.plusSeconds(600)));
    assertTokenRefused("not yet valid", token, RECIPIENT);
    psu.clock.advance(Duration.ofMinutes(10));
    assertEquals(1, psu.records.release(token, RECIPIENT).records().size());
  }

  @Test
  void aTokenForOneClientNeverReleasesAnotherClientsRecords() {
    Release release = psu.records.release(psu.decide(psu.decision(amira.id(),
        Purpose.SUBJECT_ACCESS, PsuUnit.THE_CLIENT, "the-client", FieldClass.values())),
        "the-client");
    Set<RecordId> amirasRecords = psu.records.records(amira.id()).stream()
        .map(RecordMetadata::id).collect(Collectors.toSet());
    assertEquals(amira.id(), release.client());
    for (ReleasedRecord r : release.records()) {
      assertTrue(amirasRecords.contains(r.id()), r.toString());
    }
    assertEquals(amirasRecords, PsuUnit.fieldsByRecord(release).keySet());
  }

  @Test
  void aTokenForOneClientNamingAnotherClientsRecord_isRefusedAndLogged() {
    String token = psu.decide(roDecision(amira).records(Set.of(amira.basic(), ben.basic())));
    RefusedException e = psu.assertRefusedAndLogged("2.2",
        () -> psu.records.release(token, RECIPIENT));
    assertEquals("the token names a record not held for its client", e.condition());
  }

  @Test
  void editedSubject_isRefusedAndLogged() throws Exception {
    String token = psu.decide(roDecision(amira));
    String edited = editPayload(token, p -> p.put("sub", ben.id().value()));
    assertTokenRefused("signature", edited, RECIPIENT);
  }

  @Test
  void editedPurpose_isRefusedAndLogged() throws Exception {
    String token = psu.decide(roDecision(amira));
    String edited = editPayload(token, p -> p.put("purpose", Purpose.SUBJECT_ACCESS.name()));
    assertTokenRefused("signature", edited, RECIPIENT);
  }

  @Test
  void oneCharacterChangedInThePayload_isRefusedAndLogged() {
    String token = psu.decide(roDecision(amira));
    int at = token.indexOf('.') + (token.lastIndexOf('.') - token.indexOf('.')) / 2;
    char replacement = token.charAt(at) == 'A' ? 'B' : 'A';
    String edited = token.substring(0, at) + replacement + token.substring(at + 1);
    RefusedException e = psu.assertRefusedAndLogged("token",
        () -> psu.records.release(edited, RECIPIENT));
    assertTrue(Set.of("signature", "malformed token").contains(e.condition()), e.condition());
  }

  @Test
  void algorithmNone_isRefusedAndLogged() {
    String token = psu.decide(roDecision(amira));
    String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"alg\":\"none\",\"typ\":\"psu-access+jwt\"}".getBytes(StandardCharsets.UTF_8));
    String unsigned = header + token.substring(token.indexOf('.'), token.lastIndexOf('.') + 1);
    psu.assertRefusedAndLogged("token", () -> psu.records.release(unsigned, RECIPIENT));
  }

  @Test
  void singleUseTokenUsedTwice_secondIsRefusedAndLogged() {
    AccessTokenClaims claims = roDecision(amira).build();
    String token = psu.records.decide(claims, PsuUnit.DECIDER);
    psu.records.release(token, RECIPIENT);
    RefusedException e = psu.assertRefusedAndLogged("token",
        () -> psu.records.release(token, RECIPIENT));
    assertEquals("the token has no uses left", e.condition());

    Release access = psu.subjectAccess(amira.id());
    assertEquals(1, PsuUnit.enquiries(access, Decision.GRANTED,
        d -> PsuUnit.text(d, "tokenId"), claims.jwtId()).size());
    assertEquals(1, PsuUnit.enquiries(access, Decision.REFUSED,
        d -> PsuUnit.text(d, "tokenId"), claims.jwtId()).size());
  }

  @Test
  void tokenWithTwoUses_worksTwiceThenIsRefused() {
    String token = psu.decide(roDecision(amira).maxUses(2));
    psu.records.release(token, RECIPIENT);
    psu.records.release(token, RECIPIENT);
    RefusedException e = psu.assertRefusedAndLogged("token",
        () -> psu.records.release(token, RECIPIENT));
    assertEquals("the token has no uses left", e.condition());
  }

  @RepeatedTest(5)
  void singleUseTokenFromEightThreadsAtOnce_exactlyOneRelease() throws Exception {
    AccessTokenClaims claims = roDecision(amira).build();
    String token = psu.records.decide(claims, PsuUnit.DECIDER);
    long before = psu.logSize();
    int threads = 8;
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Release>> results = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        Callable<Release> attempt = () -> {
          ready.countDown();
          go.await();
          return psu.records.release(token, RECIPIENT);
        };
        results.add(pool.submit(attempt));
      }
      ready.await();
      go.countDown();
      int released = 0;
      int refused = 0;
      List<Throwable> other = new ArrayList<>();
      for (Future<Release> result : results) {
        try {
          result.get(60, TimeUnit.SECONDS);
          released++;
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RefusedException r
              && r.condition().equals("the token has no uses left")) {
            refused++;
          } else {
            other.add(e.getCause());
          }
        }
      }
      assertEquals(List.of(), other);
      assertEquals(1, released);
      assertEquals(threads - 1, refused);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(before + threads, psu.logSize(), "one entry per attempt");
    assertTrue(psu.records.verifyLog(Checkpoint.EMPTY).intact());

    Release access = psu.subjectAccess(amira.id());
    assertEquals(1, PsuUnit.enquiries(access, Decision.GRANTED,
        d -> PsuUnit.text(d, "tokenId"), claims.jwtId()).size());
    assertEquals(threads - 1, PsuUnit.enquiries(access, Decision.REFUSED,
        d -> PsuUnit.text(d, "tokenId"), claims.jwtId()).size());
  }
}
