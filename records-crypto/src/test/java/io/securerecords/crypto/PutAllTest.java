package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.ErasedException;
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.error.StoreException;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.CaseworkRecord;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.psu.Team;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.WriteBatch;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batched put for imports: many records, many clients, one atomic write. */
class PutAllTest {
  private final TamperingStore store = new TamperingStore();
  private final KeyEncryptionKey kek = KeyEncryptionKey.ephemeral();
  private final SecureRecords records = SecureRecords.builder().store(store)
      .kek(kek).clock(Fixtures.CLOCK).expectedClients(16).build();

  private static BasicRecord basic(String name, int gmc) {
    return BasicRecord.builder(name, Registration.parse(Register.GMC, Integer.toString(gmc))).build();
  }

  private static CaseworkRecord casework(String summary) {
    return CaseworkRecord.builder(Team.IST, "IST-9", LocalDate.of(2026, 3, 4))
        .adviser("Alex Adviser").summary(summary).build();
  }

  @Test
  void anUpdateReadsItsClientsKeyEntryAndTheIndexKeysMarksInOneRead() {
    ClientId kim = ClientId.random();
    RecordId visit = records.put(kim, casework("Kim's intake"));
    store.keyReads.clear();
    assertEquals(2, records.update(visit, casework("Kim's intake, amended"), 1));
    List<KeyName> expected = new java.util.ArrayList<>(records.indexes().marks());
    expected.add(KeyName.client(kim));
    expected.sort(null);
    assertEquals(List.of(expected), store.keyReads);
    assertEquals("Kim's intake, amended",
        records.openAs(visit, CaseworkRecord.class).summary());
  }

  @Test
  void sealsEveryRecordOfNewAndKnownClientsInOneWrite() {
    ClientId known = ClientId.random();
    records.put(known, basic("Kim Known", 1000001));
    records.put(known, casework("Kim's intake")); // index keys are created on first use
    ClientId ann = ClientId.random();
    ClientId bob = ClientId.random();
    long writesBefore = store.received.size();
    List<RecordId> ids = records.putAll(List.of(
        new NewRecord(ann, basic("Ann Smith", 1000002)),
        new NewRecord(ann, casework("Ann's first visit")),
        new NewRecord(bob, basic("Bob Jones", 1000003)),
        new NewRecord(known, casework("Kim's first visit"))));
    assertEquals(writesBefore + 1, store.received.size(), "one atomic write");
    assertEquals(4, ids.size());
    assertEquals(4, ids.stream().distinct().count());
    assertEquals("Ann Smith", records.openAs(ids.get(0), BasicRecord.class).fullName());
    assertEquals("Ann's first visit", records.openAs(ids.get(1), CaseworkRecord.class).summary());
    assertEquals("Bob Jones", records.openAs(ids.get(2), BasicRecord.class).fullName());
    assertEquals("Kim's first visit", records.openAs(ids.get(3), CaseworkRecord.class).summary());
    assertEquals(ann, records.metadata(ids.get(1)).client());
    // One data key per new client, not one per record.
    assertEquals(1, store.inner.key(KeyName.client(ann)).orElseThrow().version());
    assertTrue(store.inner.key(KeyName.client(bob)).isPresent());
    // Indexed as a single put is: each record's blind terms are in the same write.
    WriteBatch written = store.received.get(store.received.size() - 1);
    for (RecordId id : ids) {
      assertFalse(written.indexTerms().getOrDefault(id, List.of()).isEmpty(), id.value());
    }
    IndexTerm bobsRegister = written.indexTerms().get(ids.get(2)).stream()
        .filter(t -> t.index().equals("register")).findFirst().orElseThrow();
    assertTrue(store.findByTerm(bobsRegister).contains(ids.get(2)));
  }

  @Test
  void theClientsKeyEntriesAreReadInOneReadAndAClientErasedElsewhereIsRefusedWithNothingWritten() {
    ClientId kim = ClientId.random();
    ClientId lee = ClientId.random();
    records.putAll(List.of(new NewRecord(kim, basic("Kim Known", 1000001)),
        new NewRecord(lee, basic("Lee Known", 1000004))));
    // Another instance over the same store: nothing cached.
    SecureRecords other = SecureRecords.builder().store(store)
        .kek(kek).clock(Fixtures.CLOCK).expectedClients(16).build();
    ClientId ann = ClientId.random();
    ClientId bob = ClientId.random();
    store.keyReads.clear();
    List<RecordId> ids = other.putAll(List.of(
        new NewRecord(ann, casework("Ann's first visit")),
        new NewRecord(kim, casework("Kim's first visit")),
        new NewRecord(bob, basic("Bob Jones", 1000003)),
        new NewRecord(lee, casework("Lee's first visit")),
        new NewRecord(ann, basic("Ann Smith", 1000002))));
    List<KeyName> clientKeys = List.of(ann, bob, kim, lee).stream().map(KeyName::client).sorted()
        .toList();
    List<KeyName> withMarks = new java.util.ArrayList<>(clientKeys);
    withMarks.addAll(other.indexes().marks());
    withMarks.sort(null);
    assertEquals(List.of(withMarks), store.keyReads.stream()
        .filter(read -> read.stream().anyMatch(clientKeys::contains)).toList(),
        "the four clients' key entries in one read, with the marks of the index keys");
    // With the index keys read once (above: their marks had not been seen), a write reads nothing
    // else: one read of the clients' key entries and the marks.
    store.keyReads.clear();
    other.putAll(List.of(new NewRecord(ann, casework("Ann's second visit")),
        new NewRecord(bob, casework("Bob's first visit"))));
    List<KeyName> second = new java.util.ArrayList<>(other.indexes().marks());
    second.addAll(List.of(KeyName.client(ann), KeyName.client(bob)));
    second.sort(null);
    assertEquals(List.of(second), store.keyReads);
    assertEquals("Kim's first visit", records.openAs(ids.get(1), CaseworkRecord.class).summary());
    assertEquals("Ann Smith", records.openAs(ids.get(4), BasicRecord.class).fullName());

    // Erased through the other instance, while this one still caches Lee's key.
    other.erase(lee);
    long writesBefore = store.received.size();
    int recordsBefore = store.inner.recordIds(null, 100).size();
    ClientId cal = ClientId.random();
    ErasedException e = assertThrows(ErasedException.class, () -> records.putAll(List.of(
        new NewRecord(cal, basic("Cal New", 1000005)),
        new NewRecord(lee, casework("after erasure")))));
    assertTrue(e.getMessage().contains(lee.value()), e.getMessage());
    assertEquals(writesBefore, store.received.size());
    assertEquals(recordsBefore, store.inner.recordIds(null, 100).size());
    assertTrue(store.inner.key(KeyName.client(cal)).isEmpty());
  }

  @Test
  void aValueOfNoSchemaIsRefusedByPositionAndNothingIsWritten() {
    long writesBefore = store.received.size();
    List<NewRecord> batch = new ArrayList<>();
    batch.add(new NewRecord(ClientId.random(), basic("Ann Smith", 1000002)));
    batch.add(new NewRecord(ClientId.random(), "Dr Secret Name"));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> records.putAll(batch));
    assertEquals("records[1].record", e.field());
    assertFalse(e.getMessage().contains("Secret"), e.getMessage());
    assertFalse(e.getMessage().contains("Ann"), e.getMessage());
    assertEquals(writesBefore, store.received.size());
    assertTrue(store.inner.recordIds(null, 10).isEmpty());
  }

  @Test
  void aFailedWriteLeavesNothingAndForgetsTheNewKeys() {
    ClientId ann = ClientId.random();
    store.failNextWrite = true;
    assertThrows(StoreException.class, () -> records.putAll(List.of(
        new NewRecord(ann, basic("Ann Smith", 1000002)), new NewRecord(ann, casework("visit")))));
    assertTrue(store.inner.recordIds(null, 10).isEmpty());
    assertTrue(store.inner.key(KeyName.client(ann)).isEmpty());
    // The key that was never written is not cached: the next put creates and writes one.
    RecordId id = records.put(ann, casework("second try"));
    assertEquals("second try", records.openAs(id, CaseworkRecord.class).summary());
    assertTrue(store.inner.key(KeyName.client(ann)).isPresent());
  }

  @Test
  void anEmptyListWritesNothing() {
    long writesBefore = store.received.size();
    assertEquals(List.of(), records.putAll(List.of()));
    assertEquals(writesBefore, store.received.size());
  }
}
