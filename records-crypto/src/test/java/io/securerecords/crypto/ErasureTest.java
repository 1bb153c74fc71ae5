package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.ErasedException;
import io.securerecords.api.error.NotFoundException;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.token.Requester;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GDPR erasure by crypto-shredding: the key is destroyed, and every copy is reported as erased. */
class ErasureTest {
  private final TamperingStore store = new TamperingStore();
  private final KeyEncryptionKey kek = KeyEncryptionKey.ephemeral();
  private final SecureRecords records = Fixtures.records(store, kek);
  private final ClientId client = ClientId.random();

  @Test
  void erasureDeletesRecordsAndDestroysTheKey() {
    records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "t", "p"));
    ErasureReceipt receipt = records.erase(client);
    assertEquals(2, receipt.recordsDeleted());
    assertEquals(Fixtures.CLOCK.instant(), receipt.erasedAt());
    assertTrue(records.records(client).isEmpty());
    assertInstanceOf(KeyEntry.Erased.class, store.inner.key(KeyName.client(client)).orElseThrow());
  }

  @Test
  void aBackupCopyOfAnErasedClientsRecordIsReportedAsErasedNotCorrupt() {
    RecordId id = records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    SealedRecord backup = store.inner.record(id).orElseThrow();
    records.erase(client);
    // The backup is restored into the store after the erasure.
    store.write(WriteBatch.builder().putRecord(backup, 0).build());
    ErasedException e = assertThrows(ErasedException.class, () -> records.openAs(id, Map.class));
    assertTrue(e.getMessage().contains(client.value()));
    // A fresh instance (no cached key) says the same.
    assertThrows(ErasedException.class, () -> Fixtures.records(store, kek).openAs(id, Map.class));
  }

  @Test
  void aBackupOfTheWholeStoreTakenBeforeErasureCannotBeOpenedOnceTheOldKekIsRetired() {
    var first = KeyEncryptionKey.ephemeral();
    InMemoryRecordStore live = new InMemoryRecordStore();
    SecureRecords onLive = SecureRecords.builder().store(live).kek(first)
        .clock(Fixtures.CLOCK).schema(Fixtures.NOTE_SCHEMA).build();
    RecordId id = onLive.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    KeyEntry wrappedBefore = live.key(KeyName.client(client)).orElseThrow();
    onLive.erase(client);
    // After erasure the KEK is rotated and every key re-wrapped; the old KEK key is then retired,
    // so a wrapped key surviving in an old backup no longer unwraps.
    var next = KeyEncryptionKey.ephemeral();
    SecureRecords migrating = SecureRecords.builder().store(live)
        .kek(KeyEncryptionKey.migrating(first, next)).schema(Fixtures.NOTE_SCHEMA).build();
    migrating.rewrapKeys();
    SecureRecords afterRetirement = SecureRecords.builder().store(live).kek(next)
        .schema(Fixtures.NOTE_SCHEMA).build();
    assertInstanceOf(KeyEntry.Wrapped.class, wrappedBefore);
    assertThrows(RuntimeException.class,
        () -> afterRetirement.dataKeys().unwrap((KeyEntry.Wrapped) wrappedBefore));
    assertThrows(NotFoundException.class, () -> afterRetirement.metadata(id));
  }

  @Test
  void anErasedClientCannotBeWrittenAgain() {
    records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    records.erase(client);
    assertThrows(ErasedException.class,
        () -> records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o")));
    assertTrue(records.records(client).isEmpty());
  }

  @Test
  void aClientErasedThroughAnotherInstanceIsSeenAtOnceByOneThatStillCachesTheirKey() {
    SecureRecords psu = SecureRecords.builder().store(store).kek(kek).clock(Fixtures.CLOCK).build();
    ClientId ann = ClientId.random();
    psu.put(ann, BasicRecord.builder("Ann Smith", Registration.parse(Register.GMC, "1000001"))
        .build());
    Requester self = new Requester("Ann Smith", "self", "Client", "ann@nhs.net");
    java.util.function.Supplier<String> token = () -> psu.decide(psu.newDecision().subject(ann)
        .purpose(Purpose.SUBJECT_ACCESS).audience("client").requester(self).reason("mine")
        .fieldClasses(EnumSet.of(FieldClass.IDENTITY)).build(), self);
    String before = token.get();
    String after = token.get();
    assertEquals(1, psu.release(before, "client").records().size());

    Fixtures.records(store, kek).erase(ann);
    long writes = store.received.size();
    assertThrows(ErasedException.class, () -> psu.put(ann, BasicRecord.builder("Ann Smith",
        Registration.parse(Register.GMC, "1000001")).build()));
    assertEquals(writes, store.received.size(), "nothing written");
    long entries = store.logSize();
    assertThrows(ErasedException.class, () -> psu.release(after, "client"));
    assertEquals(entries + 1, store.logSize(), "the refusal is logged");
    assertTrue(store.inner.records(ann).isEmpty());
  }

  @Test
  void erasingTwiceIsHarmlessAndErasingAStrangerIsNotFound() {
    records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    records.erase(client);
    assertEquals(0, records.erase(client).recordsDeleted());
    assertThrows(NotFoundException.class, () -> records.erase(ClientId.random()));
  }
}
