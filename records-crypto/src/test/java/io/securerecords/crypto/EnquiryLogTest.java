package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.policy.Purpose;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.WriteBatch;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.log.Checkpoint;
import io.securerecords.crypto.log.Decision;
import io.securerecords.crypto.log.LogVerification;
import io.securerecords.crypto.log.LogVerifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The enquiry log is tamper-evident, verifiable without keys, and survives erasure. */
class EnquiryLogTest {
  private final TamperingStore store = new TamperingStore();
  private final SecureRecords records = Fixtures.records(store, KeyEncryptionKey.ephemeral());
  private final ClientId alice = ClientId.random();
  private final ClientId bob = ClientId.random();

  private void append(ClientId client, String body) {
    var keys = records.dataKeys().forWriting(client);
    WriteBatch.Builder batch = WriteBatch.builder();
    keys.newEntry().ifPresent(e -> batch.putKey(e, 0));
    batch.appendLog(records.log().next(client, keys.keys(), Purpose.SERVICE_DELIVERY,
        Decision.GRANTED, body.getBytes(StandardCharsets.UTF_8)));
    store.write(batch.build());
    keys.newEntry().ifPresent(e -> records.dataKeys().remember(keys.keys()));
  }

  @BeforeEach
  void fiveEntries() {
    for (int i = 0; i < 5; i++) {
      append(i % 2 == 0 ? alice : bob, "{\"n\":" + i + "}");
    }
  }

  @Test
  void anUntouchedLogVerifiesWithOnlyThePublicKey() {
    LogVerification v = new LogVerifier(records.logPublicKeyset()).verify(store);
    assertTrue(v.intact(), v.problems().toString());
    assertEquals(5, v.entries());
    assertEquals(v, records.verifyLog(Checkpoint.EMPTY));
  }

  @Test
  void anEditedEntryIsFound() {
    store.onLogRead = log -> {
      List<LogEntry> copy = new ArrayList<>(log);
      byte[] bytes = copy.get(2).sealed();
      bytes[bytes.length / 2] ^= 1;
      copy.set(2, new LogEntry(2, bytes));
      return copy;
    };
    LogVerification v = records.verifyLog(Checkpoint.EMPTY);
    assertFalse(v.intact());
    assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("entry 2")), v.problems().toString());
  }

  @Test
  void aDeletedEntryIsFound() {
    store.onLogRead = log -> {
      List<LogEntry> copy = new ArrayList<>();
      for (LogEntry e : log) {
        if (e.sequence() != 1) {
          copy.add(new LogEntry(copy.size(), e.sealed()));
        }
      }
      return copy;
    };
    LogVerification v = records.verifyLog(Checkpoint.EMPTY);
    assertFalse(v.intact());
    assertTrue(v.problems().get(0).contains("entry 1"), v.problems().toString());
  }

  @Test
  void reorderedEntriesAreFound() {
    store.onLogRead = log -> {
      List<LogEntry> copy = new ArrayList<>(log);
      copy.set(1, new LogEntry(1, log.get(3).sealed()));
      copy.set(3, new LogEntry(3, log.get(1).sealed()));
      return copy;
    };
    assertFalse(records.verifyLog(Checkpoint.EMPTY).intact());
  }

  @Test
  void aTruncatedLogIsFoundAgainstAnEarlierCheckpoint() {
    Checkpoint kept = records.verifyLog(Checkpoint.EMPTY).head();
    store.onLogRead = log -> log.subList(0, 3);
    LogVerification v = records.verifyLog(kept);
    assertFalse(v.intact());
    assertTrue(v.problems().get(0).contains("truncated"), v.problems().toString());
  }

  @Test
  void aSignedCheckpointCatchesTruncationAndAForgedCheckpointIsRefused() {
    var signed = records.signedCheckpoint();
    LogVerifier auditor = new LogVerifier(records.logPublicKeyset());
    assertTrue(auditor.verify(store, signed).intact());
    store.onLogRead = log -> log.subList(0, 4);
    assertFalse(auditor.verify(store, signed).intact());
    var forged = new io.securerecords.crypto.log.SignedCheckpoint(
        new Checkpoint(3, signed.checkpoint().head()), signed.signature());
    assertThrows(io.securerecords.api.error.TamperedException.class,
        () -> auditor.verify(store, forged));
  }

  @Test
  void aNewLogIsSignedWithEd25519() {
    assertTrue(records.logPublicKeyset().getPrimary().getKey()
        instanceof com.google.crypto.tink.signature.Ed25519PublicKey);
  }

  @Test
  void aLogWhoseKeyWasMadeAsEcdsaKeepsItVerifiesAndGrows() {
    TamperingStore older = new TamperingStore();
    KeyEncryptionKey kek = KeyEncryptionKey.ephemeral();
    new SystemKeys(older, kek).loadOrCreate(EnquiryLog.SIGNING_KEY,
        com.google.crypto.tink.signature.PredefinedSignatureParameters.ECDSA_P256);
    try (SecureRecords onOlder = Fixtures.records(older, kek)) {
      assertTrue(onOlder.logPublicKeyset().getPrimary().getKey()
          instanceof com.google.crypto.tink.signature.EcdsaPublicKey);
      ClientId carol = ClientId.random();
      onOlder.put(carol, Fixtures.NOTE, Fixtures.note("Carol", null, "s", "o"));
      onOlder.erase(carol);
      LogVerification v = new LogVerifier(onOlder.logPublicKeyset()).verify(older);
      assertTrue(v.intact(), v.problems().toString());
      assertEquals(1, v.entries());
      var signed = onOlder.signedCheckpoint();
      assertTrue(new LogVerifier(onOlder.logPublicKeyset()).verify(older, signed).intact());
      // Signed with the P-256 key: the Ed25519 key of another log does not verify it.
      assertFalse(new LogVerifier(records.logPublicKeyset()).verify(older).intact());
    }
  }

  @Test
  void erasureKeepsTheLogVerifiableAndItsEntriesReadAsErasedNotTampered() {
    records.put(alice, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    records.erase(alice);
    assertTrue(records.verifyLog(Checkpoint.EMPTY).intact());
    List<EnquiryLog.Opened> opened = records.log().read(0, 100);
    assertEquals(6, opened.size());
    for (int i = 0; i < 5; i++) {
      EnquiryLog.Status expected = i % 2 == 0 ? EnquiryLog.Status.ERASED : EnquiryLog.Status.OPEN;
      assertEquals(expected, opened.get(i).status(), "entry " + i);
    }
    assertEquals("{\"n\":1}", new String(opened.get(1).body(), StandardCharsets.UTF_8));
    assertEquals(Decision.ERASED, opened.get(5).entry().decision());
    assertEquals(alice, opened.get(5).client());
  }

  /**
   * An entry's body is sealed under the client's data key of its day, and the log is append-only
   * and signed, so it cannot be re-sealed: rotation keeps the old keys, and after every record is
   * re-sealed the entries from before still open (subject access shows them all). This is why a
   * data keyset only grows (SECURITY.md, "Rotation without downtime").
   */
  @Test
  void entriesSealedBeforeARotationStillOpenOnceEveryRecordIsResealed() {
    records.put(alice, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    records.rotateDataKey(alice);
    append(alice, "{\"n\":5}");
    assertEquals(1, records.reseal(alice));
    assertEquals(0, records.reseal(alice));

    ClientKeys keys = records.dataKeys().current(alice);
    List<EnquiryLog.Opened> opened = records.log().read(0, 100);
    assertEquals(6, opened.size());
    for (int i : new int[] {0, 2, 4, 5}) {
      assertEquals(alice, opened.get(i).client(), "entry " + i);
      assertEquals(EnquiryLog.Status.OPEN, opened.get(i).status(), "entry " + i);
      assertEquals("{\"n\":" + i + "}", new String(opened.get(i).body(), StandardCharsets.UTF_8));
      // The entries from before the rotation are under the old key, which is still held.
      assertEquals(i == 5, keys.sealedUnderPrimary(opened.get(i).entry().body()), "entry " + i);
    }
    assertEquals(2, keys.aeadKeyset().size());
    assertTrue(records.verifyLog(Checkpoint.EMPTY).intact());
  }

  @Test
  void ifTheLogEntryCannotBeWrittenNothingIsReleasedAndTheTokenIsNotUsed() {
    TamperingStore store = new TamperingStore();
    SecureRecords psu = SecureRecords.builder().store(store)
        .kek(KeyEncryptionKey.ephemeral()).clock(Fixtures.CLOCK).build();
    ClientId ann = ClientId.random();
    psu.put(ann, io.securerecords.api.psu.BasicRecord.builder("Ann Smith",
        io.securerecords.api.psu.Registration.parse(io.securerecords.api.psu.Register.GMC,
            "1000001")).build());
    var self = new io.securerecords.crypto.token.Requester("Ann Smith", "self", "Client", "ann@nhs.net");
    String token = psu.decide(psu.newDecision().subject(ann).purpose(Purpose.SUBJECT_ACCESS)
        .audience("client").requester(self).reason("mine")
        .fieldClasses(java.util.EnumSet.of(io.securerecords.api.schema.FieldClass.IDENTITY))
        .build(), self);
    long entries = store.logSize();
    store.failLogWrites = true;
    try {
      assertThrows(io.securerecords.api.error.StoreException.class,
          () -> psu.release(token, "client"));
    } finally {
      store.failLogWrites = false;
    }
    assertEquals(entries, store.logSize());
    // The single-use token was not spent by the failed attempt.
    assertEquals(1, psu.release(token, "client").records().size());
  }

  @Test
  void theClearPartOfAnEntryNamesNeitherClientNorBody() {
    byte[] stored = store.inner.log(0, 1).get(0).sealed();
    String asText = new String(stored, StandardCharsets.ISO_8859_1);
    assertFalse(asText.contains(alice.value()));
    assertFalse(asText.contains("\"n\""));
  }
}
