package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securerecords.api.error.TamperedException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Records sealed in format 1 (a record MAC beside per-field AEAD), as earlier builds wrote them,
 * still open with every check of that format, and {@code reseal} moves them to the current format.
 */
class FormatOneTest {
  private final TamperingStore store = new TamperingStore();
  private final SecureRecords records = Fixtures.records(store, KeyEncryptionKey.ephemeral());
  private final ClientId client = ClientId.random();
  private final Map<String, Object> note = Fixtures.note("Ann", "ann@nhs.net", "summary", "obs");

  private RecordId legacy() throws Exception {
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
  void anUnknownFormatIsRefused() throws Exception {
    RecordId id = legacy();
    store.onRecordRead = r -> new SealedRecord(r.id(), r.type(), r.client(), r.version(),
        r.created(), r.updated(), 3, r.fields(), r.mac());
    assertThrows(TamperedException.class, () -> records.openAs(id, Map.class));
  }
}
