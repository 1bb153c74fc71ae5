package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securerecords.api.error.TamperedException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Ciphertexts moved to another field, record or client, or replaced by an older copy, and records
 * whose metadata or field list was changed, fail to open: each field's associated data binds it to
 * the record as sealed.
 */
class SwapTest {
  private final TamperingStore store = new TamperingStore();
  private final SecureRecords records = Fixtures.records(store, KeyEncryptionKey.ephemeral());
  private final ClientId alice = ClientId.random();
  private final ClientId bob = ClientId.random();

  private SealedRecord stored(RecordId id) {
    return store.inner.record(id).orElseThrow();
  }

  @Test
  void fieldsSwappedWithinARecordAreDetected() {
    RecordId id = records.put(alice, Fixtures.NOTE, Fixtures.note("Ann", "ann@nhs.net", "s", "o"));
    store.onRecordRead = r -> {
      List<SealedField> f = new ArrayList<>(r.fields());
      f.set(0, new SealedField("name", r.fields().get(1).ciphertext()));
      f.set(1, new SealedField("email", r.fields().get(0).ciphertext()));
      return Fixtures.withFields(r, f);
    };
    assertThrows(TamperedException.class, () -> records.openAs(id, Map.class));
  }

  @Test
  void aFieldMovedFromAnotherRecordOfTheSameClientIsDetected() {
    RecordId a = records.put(alice, Fixtures.NOTE, Fixtures.note("Ann", null, "first", "o"));
    RecordId b = records.put(alice, Fixtures.NOTE, Fixtures.note("Ann", null, "second", "o"));
    SealedField fromA = stored(a).fields().get(2);
    store.onRecordRead = r -> {
      if (!r.id().equals(b)) {
        return r;
      }
      List<SealedField> f = new ArrayList<>(r.fields());
      f.set(2, fromA);
      return Fixtures.withFields(r, f);
    };
    assertThrows(TamperedException.class, () -> records.openAs(b, Map.class));
  }

  @Test
  void aRecordMovedToAnotherClientIsDetected() {
    RecordId a = records.put(alice, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    records.put(bob, Fixtures.NOTE, Fixtures.note("Bob", null, "s", "o"));
    store.onRecordRead = r -> new SealedRecord(r.id(), r.type(), bob, r.version(), r.created(),
        r.updated(), r.format(), r.fields(), r.mac());
    assertThrows(TamperedException.class, () -> records.openAs(a, Map.class));
  }

  @Test
  void anOlderCopyOfAFieldIsDetected() {
    RecordId id = records.put(alice, Fixtures.NOTE, Fixtures.note("Ann", null, "old", "o"));
    SealedField old = stored(id).fields().get(2);
    records.update(id, Fixtures.note("Ann", null, "new", "o"), 1);
    store.onRecordRead = r -> {
      List<SealedField> f = new ArrayList<>(r.fields());
      f.set(2, old);
      return Fixtures.withFields(r, f);
    };
    assertThrows(TamperedException.class, () -> records.openAs(id, Map.class));
  }

  @Test
  void droppedAndAddedFieldsAreDetected() {
    RecordId id = records.put(alice, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    store.onRecordRead = r -> Fixtures.withFields(r, r.fields().subList(0, 3));
    assertThrows(TamperedException.class, () -> records.open(id, Set.of(FieldClass.IDENTITY)));
    store.onRecordRead = r -> {
      List<SealedField> f = new ArrayList<>(r.fields());
      f.add(new SealedField("extra", r.fields().get(0).ciphertext()));
      return Fixtures.withFields(r, f);
    };
    assertThrows(TamperedException.class, () -> records.open(id, Set.of(FieldClass.IDENTITY)));
  }

  @Test
  void associatedDataAloneBindsAFieldToItsRecordAsSealed() throws GeneralSecurityException {
    RecordId id = records.put(alice, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    SealedRecord r = stored(id);
    ClientKeys keys = records.dataKeys().forReading(alice);
    byte[] name = r.fields().get(0).ciphertext();
    List<String> names = List.of("name", "email", "summary", "observations");
    byte[] right = aad(r.type(), id, alice, r.version(), r.created(), r.updated(), names, "name");
    assertEquals("\"Ann\"", new String(keys.aead().decrypt(name, right), StandardCharsets.UTF_8));
    Instant later = r.updated().plusNanos(1);
    for (byte[] wrong : List.of(
        aad(r.type(), id, alice, r.version(), r.created(), r.updated(), names, "email"),
        aad(r.type(), RecordId.random(), alice, r.version(), r.created(), r.updated(), names, "name"),
        aad(r.type(), id, bob, r.version(), r.created(), r.updated(), names, "name"),
        aad(RecordType.of("other"), id, alice, r.version(), r.created(), r.updated(), names, "name"),
        aad(r.type(), id, alice, r.version() + 1, r.created(), r.updated(), names, "name"),
        aad(r.type(), id, alice, r.version(), later, r.updated(), names, "name"),
        aad(r.type(), id, alice, r.version(), r.created(), later, names, "name"),
        aad(r.type(), id, alice, r.version(), r.created(), r.updated(), names.subList(0, 3), "name"),
        aad(r.type(), id, alice, r.version(), r.created(), r.updated(),
            List.of("email", "name", "summary", "observations"), "name"))) {
      assertThrows(GeneralSecurityException.class, () -> keys.aead().decrypt(name, wrong));
    }
  }

  @Test
  void aFieldOpenedAloneIsStillBoundToTheFieldsNotOpened() {
    RecordId id = records.put(alice, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    // Only the identity fields are opened; the dropped field is one that is not.
    store.onRecordRead = r -> Fixtures.withFields(r, List.of(r.fields().get(0), r.fields().get(1),
        r.fields().get(3)));
    assertThrows(TamperedException.class, () -> records.open(id, Set.of(FieldClass.IDENTITY)));
  }

  @Test
  void fieldsReorderedWithTheirNamesAreDetected() {
    RecordId id = records.put(alice, Fixtures.NOTE, Fixtures.note("Ann", "ann@nhs.net", "s", "o"));
    store.onRecordRead = r -> Fixtures.withFields(r, List.of(r.fields().get(1), r.fields().get(0),
        r.fields().get(2), r.fields().get(3)));
    assertThrows(TamperedException.class, () -> records.openAs(id, Map.class));
  }

  @Test
  void aRecordMacOnARecordOfTheCurrentFormatIsRefused() {
    RecordId id = records.put(alice, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    store.onRecordRead = r -> new SealedRecord(r.id(), r.type(), r.client(), r.version(),
        r.created(), r.updated(), r.format(), r.fields(), new byte[32]);
    assertThrows(TamperedException.class, () -> records.openAs(id, Map.class));
  }

  @Test
  void aRecordWithItsFieldsRemovedIsRefused() {
    RecordId id = records.put(alice, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    store.onRecordRead = r -> Fixtures.withFields(r, List.of());
    assertThrows(TamperedException.class, () -> records.openAs(id, Map.class));
  }

  private static byte[] aad(RecordType type, RecordId id, ClientId client, long version,
      Instant created, Instant updated, List<String> names, String field) {
    return RecordSealer.fieldAad(
        RecordSealer.context(type, id, client, version, created, updated, names), field);
  }
}
