package io.securerecords.crypto;

import io.securerecords.api.error.TamperedException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seals and opens records, field by field. The only class that holds record plaintext and keys at
 * once.
 *
 * <p>Each field: Tink AEAD (AES-256-GCM) under the client's data key, associated data = format,
 * record type, record id, field name, client id. The record: Tink MAC (HMAC-SHA256) under the
 * client's MAC key over format, type, id, client, version, timestamps and the ordered (name,
 * ciphertext) pairs. Opening checks the MAC before decrypting anything.
 */
final class RecordSealer {
  /** Format of the associated data and MAC input; bump when either changes. */
  static final int FORMAT = 1;

  private RecordSealer() {}

  static SealedRecord seal(
      ClientKeys keys,
      RecordType type,
      RecordId id,
      long version,
      Instant created,
      Instant updated,
      Map<String, byte[]> plaintext) {
    ClientId client = keys.client();
    List<SealedField> fields = new ArrayList<>(plaintext.size());
    try {
      for (Map.Entry<String, byte[]> field : plaintext.entrySet()) {
        byte[] ciphertext =
            keys.aead().encrypt(field.getValue(), fieldAad(type, id, field.getKey(), client));
        fields.add(new SealedField(field.getKey(), ciphertext));
      }
      byte[] mac = keys.mac().computeMac(macInput(type, id, client, version, created, updated, fields));
      return new SealedRecord(id, type, client, version, created, updated, FORMAT, fields, mac);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed for record " + id.value(), e);
    }
  }

  /**
   * Verifies the record MAC, then decrypts only the named fields (all when {@code names} is null).
   *
   * @throws TamperedException if the MAC or any opened field fails authentication
   */
  static Map<String, byte[]> open(ClientKeys keys, SealedRecord record, Set<String> names) {
    verify(keys, record);
    Map<String, byte[]> plaintext = new LinkedHashMap<>();
    for (SealedField field : record.fields()) {
      if (names != null && !names.contains(field.name())) {
        continue;
      }
      try {
        plaintext.put(
            field.name(),
            keys.aead().decrypt(
                field.ciphertext(),
                fieldAad(record.type(), record.id(), field.name(), record.client())));
      } catch (GeneralSecurityException e) {
        throw new TamperedException(
            "field " + field.name() + " of record " + record.id().value() + " failed authentication");
      }
    }
    return plaintext;
  }

  /** Checks the record MAC: metadata, field list and every ciphertext are as sealed. */
  static void verify(ClientKeys keys, SealedRecord record) {
    if (!keys.client().equals(record.client())) {
      throw new IllegalArgumentException("keys of another client");
    }
    if (record.format() != FORMAT) {
      throw new TamperedException(
          "record " + record.id().value() + " has unknown format " + record.format());
    }
    Set<String> seen = new HashSet<>();
    for (SealedField f : record.fields()) {
      if (!seen.add(f.name())) {
        throw new TamperedException("record " + record.id().value() + " repeats field " + f.name());
      }
    }
    try {
      keys.mac().verifyMac(
          record.mac(),
          macInput(record.type(), record.id(), record.client(), record.version(), record.created(),
              record.updated(), record.fields()));
    } catch (GeneralSecurityException e) {
      throw new TamperedException(
          "record " + record.id().value() + " failed authentication: its metadata or fields were"
              + " changed, added, dropped or replaced");
    }
  }

  static byte[] fieldAad(RecordType type, RecordId id, String field, ClientId client) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF("secure-records/field");
      out.writeInt(FORMAT);
      out.writeUTF(type.name());
      out.writeUTF(id.value());
      out.writeUTF(field);
      out.writeUTF(client.value());
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] macInput(
      RecordType type,
      RecordId id,
      ClientId client,
      long version,
      Instant created,
      Instant updated,
      List<SealedField> fields) {
    try {
      int size = 128;
      for (SealedField f : fields) {
        size += f.name().length() + f.ciphertext().length + 8;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF("secure-records/record");
      out.writeInt(FORMAT);
      out.writeUTF(type.name());
      out.writeUTF(id.value());
      out.writeUTF(client.value());
      out.writeLong(version);
      out.writeLong(created.getEpochSecond());
      out.writeInt(created.getNano());
      out.writeLong(updated.getEpochSecond());
      out.writeInt(updated.getNano());
      out.writeInt(fields.size());
      for (SealedField f : fields) {
        byte[] ciphertext = f.ciphertext();
        out.writeUTF(f.name());
        out.writeInt(ciphertext.length);
        out.write(ciphertext);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
