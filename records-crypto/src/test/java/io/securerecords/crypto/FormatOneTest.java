package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.TamperedException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Records sealed in format 1 (a record MAC beside per-field AEAD) and data keys wrapped with their
 * MAC keyset, as earlier builds wrote them: the records still open with every check of that
 * format, the keys keep their MAC keyset, and {@code reseal} moves the records to format 2. A new
 * client's key has no MAC keyset, so nothing can pass a record off to it as format 1.
 */
class FormatOneTest {
  private final TamperingStore store = new TamperingStore();
  private final KeyEncryptionKey kek = KeyEncryptionKey.ephemeral();
  private final SecureRecords records = Fixtures.records(store, kek);
  private final ClientId client = ClientId.random();
  private final Map<String, Object> note = Fixtures.note("Ann", "ann@nhs.net", "summary", "obs");

  private RecordId legacy() throws Exception {
    Fixtures.putFormatOneKey(store, kek, client);
    records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "first", "o"));
    return Fixtures.putInFormatOne(records, store, client, note);
  }

  @Test
  void aFormatOneRecordOpens() throws Exception {
    RecordId id = legacy();
    assertEquals(1, store.record(id).orElseThrow().format());
    assertEquals(note, records.openAs(id, Map.class));
  }

  @Test
  void aFormatOneRecordWithAFieldDroppedIsDetectedEvenWhenThatFieldIsNotOpened() throws Exception {
    RecordId id = legacy();
    store.onRecordRead = r -> Fixtures.withFields(r, List.of(r.fields().get(0), r.fields().get(1)));
    assertThrows(TamperedException.class, () -> records.open(id, Set.of(FieldClass.IDENTITY)));
  }

  @Test
  void aFormatOneRecordWithAChangedVersionIsDetected() throws Exception {
    RecordId id = legacy();
    store.onRecordRead = r -> new SealedRecord(r.id(), r.type(), r.client(), r.version() + 1,
        r.created(), r.updated(), r.format(), r.fields(), r.mac());
    assertThrows(TamperedException.class, () -> records.openAs(id, Map.class));
  }

  @Test
  void resealMovesFormatOneRecordsToTheCurrentFormatOnce() throws Exception {
    RecordId id = legacy();
    assertEquals(1, records.reseal(client), "only the format-1 record is re-sealed");
    SealedRecord moved = store.record(id).orElseThrow();
    assertEquals(RecordSealer.FORMAT, moved.format());
    assertEquals(2, moved.version());
    assertEquals(0, moved.mac().length);
    assertEquals(note, records.openAs(id, Map.class));
    assertEquals(0, records.reseal(client), "re-running the job is harmless");
  }

  @Test
  void rotatingAndRewrappingAnOldKeyKeepsItsMacKey() throws Exception {
    RecordId id = legacy();
    records.rotateDataKey(client);
    assertTrue(records.rewrapKeys() >= 1, "the old key was re-wrapped");
    KeyEntry.Wrapped rewrapped = (KeyEntry.Wrapped) store.key(KeyName.client(client)).orElseThrow();
    assertEquals(1, rewrapped.wrapped()[0], "still wrapped with its MAC keyset");
    SecureRecords cold = Fixtures.records(store, kek);
    assertEquals(note, cold.openAs(id, Map.class), "the re-wrapped key still checks format 1");
    assertEquals(1, store.record(id).orElseThrow().format());
  }

  @Test
  void aNewClientsKeyIsOneAeadKeysetAndOpensNoFormatOneRecord() {
    RecordId id = records.put(client, Fixtures.NOTE, note);
    KeyEntry.Wrapped wrapped =
        (KeyEntry.Wrapped) store.key(KeyName.client(client)).orElseThrow();
    assertEquals(2, wrapped.wrapped()[0], "wrapped format 2: the AEAD keyset alone");
    assertNull(records.dataKeys().forReading(client).mac());
    store.onRecordRead = r -> new SealedRecord(r.id(), r.type(), r.client(), r.version(),
        r.created(), r.updated(), 1, r.fields(), new byte[32]);
    assertThrows(TamperedException.class, () -> records.openAs(id, Map.class));
  }

  @Test
  void anUnknownFormatIsRefused() throws Exception {
    RecordId id = legacy();
    store.onRecordRead = r -> new SealedRecord(r.id(), r.type(), r.client(), r.version(),
        r.created(), r.updated(), 3, r.fields(), r.mac());
    assertThrows(TamperedException.class, () -> records.openAs(id, Map.class));
  }
}
