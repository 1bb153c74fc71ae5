package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data-key rotation without downtime: new writes use the new key, old fields stay readable. */
class RotationTest {
  private final TamperingStore store = new TamperingStore();
  private final KeyEncryptionKey kek = KeyEncryptionKey.ephemeral();
  private final SecureRecords records = Fixtures.records(store, kek);
  private final ClientId client = ClientId.random();

  private boolean underPrimary(RecordId id) {
    ClientKeys keys = records.dataKeys().forReading(client);
    SealedRecord r = store.inner.record(id).orElseThrow();
    return r.fields().stream().map(SealedField::ciphertext).allMatch(keys::sealedUnderPrimary);
  }

  @Test
  void oldFieldsStayReadableAfterRotationAndResealMovesThem() {
    RecordId old = records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "before", "o"));
    records.rotateDataKey(client);
    RecordId fresh = records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "after", "o"));
    assertFalse(underPrimary(old));
    assertTrue(underPrimary(fresh));
    assertEquals("before", records.openAs(old, Map.class).get("summary"));
    assertEquals("before", Fixtures.records(store, kek).openAs(old, Map.class).get("summary"));

    assertEquals(1, records.reseal(client));
    assertTrue(underPrimary(old));
    assertEquals(2, records.metadata(old).version());
    assertEquals("before", records.openAs(old, Map.class).get("summary"));
    assertEquals(0, records.reseal(client), "re-running the job is harmless");
  }

  @Test
  void resealAllWalksEveryClientAndIsResumable() {
    ClientId other = ClientId.random();
    for (int i = 0; i < 5; i++) {
      records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "n" + i, "o"));
      records.put(other, Fixtures.NOTE, Fixtures.note("Bob", null, "m" + i, "o"));
    }
    records.rotateDataKey(client);
    records.rotateDataKey(other);
    // A first run is interrupted after one client: the second run finishes the rest.
    assertEquals(5, records.reseal(client));
    assertEquals(5, records.resealAll());
    assertEquals(0, records.resealAll());
    for (RecordMetadata m : records.records(other)) {
      assertEquals("Bob", records.openAs(m.id(), Map.class).get("name"));
    }
    List<RecordMetadata> mine = records.records(client);
    assertEquals(5, mine.size());
  }
}
