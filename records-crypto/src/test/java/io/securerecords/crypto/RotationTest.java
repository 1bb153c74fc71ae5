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
    // Through another instance: reading the entry here would refresh this instance's cache.
    ClientKeys keys = Fixtures.records(store, kek).dataKeys().current(client);
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

  @Test
  void aKeyRotatedThroughAnotherInstanceIsResealedToHereThoughThisOneCachesTheOldKey() {
    RecordId first = records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "one", "o"));
    RecordId second = records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "two", "o"));
    // This instance caches the client's key; another rotates it.
    Fixtures.records(store, kek).rotateDataKey(client);
    assertFalse(underPrimary(first));
    assertFalse(underPrimary(second));

    assertEquals(2, records.reseal(client));
    assertTrue(underPrimary(first));
    assertTrue(underPrimary(second));
    assertEquals("one", Fixtures.records(store, kek).openAs(first, Map.class).get("summary"));
  }

  @Test
  void resealAllUsesKeysRotatedThroughAnotherInstance() {
    ClientId other = ClientId.random();
    RecordId mine = records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "one", "o"));
    RecordId theirs = records.put(other, Fixtures.NOTE, Fixtures.note("Bob", null, "two", "o"));
    SecureRecords elsewhere = Fixtures.records(store, kek);
    elsewhere.rotateDataKey(client);
    elsewhere.rotateDataKey(other);
    // Written elsewhere under the new key, which this instance has never seen.
    RecordId later = elsewhere.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "3", "o"));

    assertEquals(2, records.resealAll());
    assertTrue(underPrimary(mine));
    assertTrue(underPrimary(later));
    assertEquals(0, records.resealAll());
    assertEquals("two", elsewhere.openAs(theirs, Map.class).get("summary"));
  }
}
