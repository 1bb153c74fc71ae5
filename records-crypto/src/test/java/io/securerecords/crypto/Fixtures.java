package io.securerecords.crypto;

import static io.securerecords.api.schema.FieldClass.CASE_SUMMARY;
import static io.securerecords.api.schema.FieldClass.CONTACT;
import static io.securerecords.api.schema.FieldClass.IDENTITY;
import static io.securerecords.api.schema.FieldClass.OBSERVATIONS;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordSchema;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small schema built in code, and helpers to alter stored bytes. */
final class Fixtures {
  static final RecordType NOTE = RecordType.of("test.note");
  static final RecordSchema NOTE_SCHEMA =
      RecordSchema.builder("test.note")
          .required("name", IDENTITY)
          .field("email", CONTACT)
          .field("summary", CASE_SUMMARY)
          .field("observations", OBSERVATIONS)
          .build();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:15:30Z"), ZoneOffset.UTC);

  private Fixtures() {}

  static SecureRecords records(TamperingStore store, KeyEncryptionKey kek) {
    return SecureRecords.builder().store(store).kek(kek).clock(CLOCK).schema(NOTE_SCHEMA).build();
  }

  static Map<String, Object> note(String name, String email, String summary, String observations) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("email", email);
    m.put("summary", summary);
    m.put("observations", observations);
    return m;
  }

  static SealedRecord withFields(SealedRecord r, List<SealedField> fields) {
    return new SealedRecord(r.id(), r.type(), r.client(), r.version(), r.created(), r.updated(),
        r.format(), fields, r.mac());
  }

  static SealedRecord flipFieldBit(SealedRecord r, int field, int bit) {
    List<SealedField> fields = new ArrayList<>(r.fields());
    SealedField f = fields.get(field);
    byte[] ct = f.ciphertext();
    ct[(bit / 8) % ct.length] ^= (byte) (1 << (bit % 8));
    fields.set(field, new SealedField(f.name(), ct));
    return withFields(r, fields);
  }

  static SealedRecord flipMacBit(SealedRecord r, int bit) {
    byte[] mac = r.mac();
    mac[(bit / 8) % mac.length] ^= (byte) (1 << (bit % 8));
    return new SealedRecord(r.id(), r.type(), r.client(), r.version(), r.created(), r.updated(),
        r.format(), r.fields(), mac);
  }

  static KeyEntry flipWrappedBit(KeyEntry e, int bit) {
    if (!(e instanceof KeyEntry.Wrapped w) || !w.name().client().isPresent()) {
      return e;
    }
    byte[] bytes = w.wrapped();
    bytes[(bit / 8) % bytes.length] ^= (byte) (1 << (bit % 8));
    return new KeyEntry.Wrapped(w.name(), w.version(), bytes);
  }

  /**
   * Writes, straight into the store, a data key for a new client as builds before format 2 made
   * it: an AES-256-GCM keyset and an HMAC-SHA256 keyset, each wrapped under the KEK, in wrapped
   * format 1 (format byte, then each length-prefixed).
   */
  static void putFormatOneKey(TamperingStore store, KeyEncryptionKey kek, ClientId client)
      throws GeneralSecurityException {
    KeyName name = KeyName.client(client);
    byte[] aead = DataKeys.seal(kek, KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
        DataKeys.associatedData(name, "aead"));
    byte[] mac = DataKeys.seal(kek,
        KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG),
        DataKeys.associatedData(name, "mac"));
    ByteBuffer wrapped = ByteBuffer.allocate(9 + aead.length + mac.length)
        .put((byte) 1).putInt(aead.length).put(aead).putInt(mac.length).put(mac);
    store.inner.write(WriteBatch.builder()
        .putKey(new KeyEntry.Wrapped(name, 1, wrapped.array()), 0).build());
  }

  /**
   * Writes, straight into the store, a record of the client (whose key must be one of format 1,
   * {@link #putFormatOneKey}) sealed in format 1, as builds before format 2 sealed it: format-1 associated data per field and a
   * record MAC under the client's MAC key.
   */
  static RecordId putInFormatOne(SecureRecords records, TamperingStore store, ClientId client,
      Map<String, Object> note) throws GeneralSecurityException {
    ClientKeys keys = records.dataKeys().forReading(client);
    RecordId id = RecordId.random();
    Instant now = CLOCK.instant();
    List<SealedField> fields = new ArrayList<>();
    for (Map.Entry<String, byte[]> f : NOTE_SCHEMA.encode(note).entrySet()) {
      fields.add(new SealedField(f.getKey(), keys.aead().encrypt(f.getValue(),
          RecordSealer.formatOneFieldAad(NOTE, id, f.getKey(), client))));
    }
    byte[] mac = keys.mac().computeMac(
        RecordSealer.formatOneMacInput(NOTE, id, client, 1, now, now, fields));
    store.inner.write(WriteBatch.builder().putRecord(
        new SealedRecord(id, NOTE, client, 1, now, now, 1, fields, mac), 0).build());
    return id;
  }
}
