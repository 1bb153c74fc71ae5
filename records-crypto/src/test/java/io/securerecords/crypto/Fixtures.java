package io.securerecords.crypto;

import static io.securerecords.api.schema.FieldClass.CASE_SUMMARY;
import static io.securerecords.api.schema.FieldClass.CONTACT;
import static io.securerecords.api.schema.FieldClass.IDENTITY;
import static io.securerecords.api.schema.FieldClass.OBSERVATIONS;

import io.securerecords.api.schema.RecordSchema;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.crypto.kek.KeyEncryptionKey;
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
}
