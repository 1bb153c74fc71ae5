package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securerecords.api.error.TamperedException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Rules of sealing that hold for every value: round trip, and detection of any single bit flip. */
class SealingProperties {
  private final TamperingStore store = new TamperingStore();
  private final KeyEncryptionKey kek = KeyEncryptionKey.ephemeral();
  private final SecureRecords records = Fixtures.records(store, kek);
  private final ClientId client = ClientId.random();

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(64),
        Arbitraries.strings().all().ofMinLength(1000).ofMaxLength(8000),
        Arbitraries.strings().withCharRange('\u0000', '\uFFFF').ofMaxLength(300));
  }

  @Provide
  Arbitrary<String> name() {
    return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(200).filter(s -> !s.isBlank());
  }

  @Property(tries = 200)
  void everyUnicodeValueRoundTrips(
      @ForAll("name") String name,
      @ForAll("anyText") String email,
      @ForAll("anyText") String summary,
      @ForAll("anyText") String observations) {
    Map<String, Object> note = Fixtures.note(name, email, summary, observations);
    RecordId id = records.put(client, Fixtures.NOTE, note);
    @SuppressWarnings("unchecked")
    Map<String, Object> opened = records.openAs(id, Map.class);
    assertEquals(note, opened);
  }

  @Property(tries = 200)
  void aFlippedBitInAnyFieldCiphertextIsDetected(
      @ForAll("name") String name,
      @ForAll("anyText") String summary,
      @ForAll @IntRange(min = 0, max = 3) int field,
      @ForAll @IntRange(min = 0, max = 1_000_000) int bit) {
    RecordId id = records.put(client, Fixtures.NOTE, Fixtures.note(name, "a@b.nhs.uk", summary, ""));
    store.onRecordRead = r -> Fixtures.flipFieldBit(r, field, bit);
    try {
      assertThrows(TamperedException.class, () -> records.openAs(id, Map.class));
    } finally {
      store.reset();
    }
  }

  @Property(tries = 100)
  void aFlippedBitInTheRecordMacOfAFormatOneRecordIsDetected(
      @ForAll @IntRange(min = 0, max = 255) int bit) throws Exception {
    ClientId old = ClientId.random();
    Fixtures.putFormatOneKey(store, kek, old);
    RecordId id = Fixtures.putInFormatOne(records, store, old, Fixtures.note("Ann", null, "s", "o"));
    store.onRecordRead = r -> Fixtures.flipMacBit(r, bit);
    try {
      assertThrows(TamperedException.class, () -> records.openAs(id, Map.class));
    } finally {
      store.reset();
    }
  }

  @Property(tries = 100)
  void openingSomeFieldsStillDetectsAnyOtherFieldDropped(
      @ForAll @IntRange(min = 0, max = 3) int dropped,
      @ForAll @IntRange(min = 0, max = 3) int opened) {
    Assume.that(dropped != opened);
    RecordId id = records.put(client, Fixtures.NOTE, Fixtures.note("Ann", "a@b.nhs.uk", "s", "o"));
    store.onRecordRead = r -> {
      List<SealedField> f = new ArrayList<>(r.fields());
      f.remove(dropped);
      return Fixtures.withFields(r, f);
    };
    String name = Fixtures.NOTE_SCHEMA.fields().get(opened).name();
    ClientKeys keys = records.dataKeys().forReading(client);
    try {
      assertThrows(TamperedException.class,
          () -> RecordSealer.open(keys, store.record(id).orElseThrow(), Set.of(name)));
    } finally {
      store.reset();
    }
  }

  @Property(tries = 100)
  void aFlippedBitInAWrappedDataKeyIsDetected(@ForAll @IntRange(min = 0, max = 100_000) int bit) {
    ClientId fresh = ClientId.random();
    RecordId id = records.put(fresh, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    // A second instance over the same store and KEK has no cached keys: it must unwrap.
    SecureRecords cold = Fixtures.records(store, kek);
    store.onKeyRead = e -> Fixtures.flipWrappedBit(e, bit);
    try {
      assertThrows(TamperedException.class, () -> cold.openAs(id, Map.class));
    } finally {
      store.reset();
    }
  }

  @Property(tries = 50)
  void aChangedTimestampOrVersionIsDetected(@ForAll @IntRange(min = 0, max = 2) int which) {
    RecordId id = records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    store.onRecordRead = r -> new SealedRecord(r.id(), r.type(), r.client(),
        which == 0 ? r.version() + 1 : r.version(),
        which == 1 ? r.created().minusSeconds(1) : r.created(),
        which == 2 ? r.updated().plusNanos(1) : r.updated(),
        r.format(), r.fields(), r.mac());
    try {
      assertThrows(TamperedException.class, () -> records.openAs(id, Map.class));
    } finally {
      store.reset();
    }
  }

  @Property(tries = 50)
  void theStoreNeverReceivesAValue(@ForAll("name") String prefix) {
    String canary = "CANARY-" + Math.abs(prefix.hashCode()) + "-zq";
    records.put(client, Fixtures.NOTE, Fixtures.note(canary, canary + "@nhs.net", canary, canary));
    byte[] needle = canary.getBytes(StandardCharsets.UTF_8);
    for (var batch : store.received) {
      for (var put : batch.recordPuts()) {
        for (var f : put.record().fields()) {
          assertEquals(-1, indexOf(f.ciphertext(), needle));
        }
        assertEquals(-1, indexOf(put.record().mac(), needle));
      }
      for (var key : batch.keyPuts()) {
        if (key.entry() instanceof io.securerecords.api.store.KeyEntry.Wrapped w) {
          assertEquals(-1, indexOf(w.wrapped(), needle));
        }
      }
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
