package io.securerecords.crypto;

import io.securerecords.api.error.TamperedException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seals and opens records, field by field. The only class that holds record plaintext and keys at
 * once.
 *
 * <p>Format 2 (written): each field is Tink AEAD (AES-256-GCM) under the client's data key, and its
 * associated data binds it to the whole record as sealed: format, record type, record id, client
 * id, version, both timestamps, the ordered list of the record's field names, and the field's own
 * name. A field that is moved, replaced by an older version's, or opened in a record whose
 * metadata or field list was changed fails its own authentication; every open authenticates at
 * least one field, so the metadata it returns with is authenticated too. No record MAC.
 *
 * <p>Format 1 (read, and upgraded by {@code reseal}): associated data = format, type, id, field
 * name, client id; a Tink MAC (HMAC-SHA256) under the client's MAC key over the metadata and the
 * ordered (name, ciphertext) pairs, checked before any field is decrypted.
 */
final class RecordSealer {
  /** The format this build writes; bump when the associated data changes. */
  static final int FORMAT = 2;
  /** The earlier format, with a record MAC: still opened, never written. */
  static final int FORMAT_WITH_RECORD_MAC = 1;

  private static final byte[] NO_MAC = new byte[0];

  private RecordSealer() {}

  static SealedRecord seal(
      ClientKeys keys,
      RecordType type,
      RecordId id,
      long version,
      Instant created,
      Instant updated,
      Map<String, byte[]> plaintext) {
    if (plaintext.isEmpty()) {
      throw new IllegalArgumentException("a record needs at least one field");
    }
    ClientId client = keys.client();
    byte[] context = context(type, id, client, version, created, updated, plaintext.keySet());
    List<SealedField> fields = new ArrayList<>(plaintext.size());
    try {
      for (Map.Entry<String, byte[]> field : plaintext.entrySet()) {
        byte[] ciphertext = keys.aead().encrypt(field.getValue(), fieldAad(context, field.getKey()));
        fields.add(new SealedField(field.getKey(), ciphertext));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed for record " + id.value(), e);
    }
    return new SealedRecord(id, type, client, version, created, updated, FORMAT, fields, NO_MAC);
  }

  /**
   * Decrypts only the named fields (all when {@code names} is null), each checked against the
   * record as sealed. When none of the named fields is in the record, the first field is still
   * authenticated, so a record is never accepted unchecked.
   *
   * @throws TamperedException if any opened field, or the record's metadata or field list, fails
   *     authentication
   */
  static Map<String, byte[]> open(ClientKeys keys, SealedRecord record, Set<String> names) {
    if (!keys.client().equals(record.client())) {
      throw new IllegalArgumentException("keys of another client");
    }
    List<SealedField> fields = record.fields();
    List<String> order = new ArrayList<>(fields.size());
    Set<String> seen = new HashSet<>();
    for (SealedField f : fields) {
      if (!seen.add(f.name())) {
        throw new TamperedException("record " + record.id().value() + " repeats field " + f.name());
      }
      order.add(f.name());
    }
    byte[] context;
    if (record.format() == FORMAT) {
      if (fields.isEmpty() || record.mac().length != 0) {
        throw tampered(record);
      }
      context = context(record.type(), record.id(), record.client(), record.version(),
          record.created(), record.updated(), order);
    } else if (record.format() == FORMAT_WITH_RECORD_MAC) {
      verifyRecordMac(keys, record);
      context = null;
    } else {
      throw new TamperedException(
          "record " + record.id().value() + " has unknown format " + record.format());
    }
    Map<String, byte[]> plaintext = new LinkedHashMap<>();
    for (SealedField field : fields) {
      if (names == null || names.contains(field.name())) {
        plaintext.put(field.name(), decrypt(keys, record, context, field));
      }
    }
    if (plaintext.isEmpty() && !fields.isEmpty()) {
      decrypt(keys, record, context, fields.get(0));
    }
    return plaintext;
  }

  private static byte[] decrypt(
      ClientKeys keys, SealedRecord record, byte[] context, SealedField field) {
    byte[] aad = context != null
        ? fieldAad(context, field.name())
        : formatOneFieldAad(record.type(), record.id(), field.name(), record.client());
    try {
      return keys.aead().decrypt(field.ciphertext(), aad);
    } catch (GeneralSecurityException e) {
      throw new TamperedException("field " + field.name() + " of record " + record.id().value()
          + " failed authentication: it, the record's metadata or its field list was changed,"
          + " added, dropped or replaced");
    }
  }

  private static TamperedException tampered(SealedRecord record) {
    return new TamperedException("record " + record.id().value() + " failed authentication");
  }

  /**
   * The record part of every field's associated data (format 2): what a field is bound to besides
   * its own name. Strings length-prefixed as {@code DataOutputStream.writeUTF} writes them.
   */
  static byte[] context(
      RecordType type,
      RecordId id,
      ClientId client,
      long version,
      Instant created,
      Instant updated,
      Collection<String> fieldNames) {
    AadBuilder out = new AadBuilder(128 + 24 * fieldNames.size());
    writeRecord(out, "secure-records/field", FORMAT, type, id, client, version, created, updated);
    out.i32(fieldNames.size());
    for (String name : fieldNames) {
      out.utf(name);
    }
    return out.toByteArray();
  }

  /** The label, format and record metadata that both formats' authenticated inputs begin with. */
  private static void writeRecord(AadBuilder out, String label, int format, RecordType type,
      RecordId id, ClientId client, long version, Instant created, Instant updated) {
    out.utf(label).i32(format).utf(type.name()).utf(id.value()).utf(client.value())
        .i64(version)
        .i64(created.getEpochSecond()).i32(created.getNano())
        .i64(updated.getEpochSecond()).i32(updated.getNano());
  }

  /** One field's associated data (format 2): the record's context, then the field's name. */
  static byte[] fieldAad(byte[] context, String field) {
    return AadBuilder.withUtf(context, field);
  }

  /** Format 1's field associated data: format, type, id, field name, client id. */
  static byte[] formatOneFieldAad(RecordType type, RecordId id, String field, ClientId client) {
    return new AadBuilder(128).utf("secure-records/field").i32(FORMAT_WITH_RECORD_MAC)
        .utf(type.name()).utf(id.value()).utf(field).utf(client.value()).toByteArray();
  }

  /** Format 1: the record MAC over metadata, field list and every ciphertext. */
  private static void verifyRecordMac(ClientKeys keys, SealedRecord record) {
    if (keys.mac() == null) {
      throw new TamperedException("record " + record.id().value() + " claims format 1, but its"
          + " client's key was made after format 1 and has no record MAC key");
    }
    try {
      keys.mac().verifyMac(record.mac(), formatOneMacInput(record.type(), record.id(),
          record.client(), record.version(), record.created(), record.updated(), record.fields()));
    } catch (GeneralSecurityException e) {
      throw new TamperedException(
          "record " + record.id().value() + " failed authentication: its metadata or fields were"
              + " changed, added, dropped or replaced");
    }
  }

  static byte[] formatOneMacInput(
      RecordType type,
      RecordId id,
      ClientId client,
      long version,
      Instant created,
      Instant updated,
      List<SealedField> fields) {
    AadBuilder out = new AadBuilder(256);
    writeRecord(out, "secure-records/record", FORMAT_WITH_RECORD_MAC, type, id, client, version,
        created, updated);
    out.i32(fields.size());
    for (SealedField f : fields) {
      byte[] ciphertext = f.ciphertext();
      out.utf(f.name()).i32(ciphertext.length).bytes(ciphertext);
    }
    return out.toByteArray();
  }
}
