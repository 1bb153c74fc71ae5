package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.ErasedException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.token.TestClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cache of unwrapped data keys: it is used, it reports, it drops a key left idle for its
 * expiry (by the instance's clock), and erasure and closing empty it.
 */
class KeyCacheTest {
  private final TamperingStore store = new TamperingStore();
  private final KeyEncryptionKey kek = KeyEncryptionKey.ephemeral();
  private final ClientId client = ClientId.random();

  @Test
  void repeatedOpensHitTheCache() {
    RecordId id = Fixtures.records(store, kek).put(client, Fixtures.NOTE,
        Fixtures.note("Ann", null, "s", "o"));
    SecureRecords records = Fixtures.records(store, kek);
    for (int i = 0; i < 10; i++) {
      records.openAs(id, Map.class);
    }
    KeyCacheStats stats = records.keyCacheStats();
    assertEquals(1, stats.misses());
    assertEquals(9, stats.hits());
    assertEquals(0.9, stats.hitRate(), 1e-9);
    assertEquals(1, stats.size());
  }

  @Test
  void erasureDropsTheCachedKey() {
    SecureRecords records = Fixtures.records(store, kek);
    RecordId id = records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    records.openAs(id, Map.class);
    var backup = store.inner.record(id).orElseThrow();
    records.erase(client);
    store.write(io.securerecords.api.store.WriteBatch.builder().putRecord(backup, 0).build());
    assertThrows(ErasedException.class, () -> records.openAs(id, Map.class));
    assertTrue(records.keyCacheStats().size() <= 1);
  }

  @Test
  void aKeyLeftIdleForTheExpiryIsDroppedAndEveryUseRestartsTheWait() {
    TestClock clock = new TestClock(Fixtures.CLOCK.instant());
    RecordId id = Fixtures.records(store, kek).put(client, Fixtures.NOTE,
        Fixtures.note("Ann", null, "s", "o"));
    SecureRecords records = SecureRecords.builder().store(store).kek(kek).clock(clock)
        .schema(Fixtures.NOTE_SCHEMA).keyCache(100, Duration.ofMinutes(5)).build();

    records.openAs(id, Map.class); // unwrapped: a miss
    clock.advance(Duration.ofMinutes(4));
    records.openAs(id, Map.class); // 4 idle minutes: still cached
    clock.advance(Duration.ofMinutes(4));
    records.openAs(id, Map.class); // 8 minutes since the first use, 4 since the last: cached
    assertEquals(1, records.keyCacheStats().misses());
    assertEquals(2, records.keyCacheStats().hits());

    clock.advance(Duration.ofMinutes(5));
    assertEquals(0, records.keyCacheStats().size(), "a key idle for 5 minutes is no longer held");
    records.openAs(id, Map.class); // unwrapped again
    assertEquals(2, records.keyCacheStats().misses());
    assertEquals(2, records.keyCacheStats().hits());
    assertEquals(1, records.keyCacheStats().size());
  }

  @Test
  void closingTheInstanceDropsEveryCachedKey() {
    SecureRecords records = Fixtures.records(store, kek);
    RecordId id = records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    records.put(ClientId.random(), Fixtures.NOTE, Fixtures.note("Bea", null, "s", "o"));
    records.openAs(id, Map.class);
    assertEquals(2, records.keyCacheStats().size());
    records.close();
    assertEquals(0, records.keyCacheStats().size());
  }
}
