package io.securerecords.api.store;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A record as the store holds it: metadata in clear (authenticated, not hidden) and every field
 * sealed on its own.
 *
 * <p>In the current format (2) each field's associated data binds it to the metadata, the format
 * and the ordered list of field names, so adding, dropping, reordering or swapping in an older
 * field ciphertext, or changing the metadata, makes the fields fail to open; {@code mac} is empty.
 * Format 1 records carry a record MAC (Tink HMAC-SHA256 under the client's MAC key) over the
 * metadata and the ordered field names with their ciphertexts. What stays visible: the ids, the
 * type, the version, the two timestamps, the field names and each ciphertext's length.
 *
 * @param id the record's id
 * @param type the record's type
 * @param client the client the record is about
 * @param version 1 for a new record, +1 on every change (optimistic concurrency)
 * @param created when the record was first sealed
 * @param updated when this version was sealed
 * @param format the sealing format version
 * @param fields the sealed fields, in schema order
 * @param mac the record MAC of a format-1 record; empty in format 2
 */
public record SealedRecord(
    RecordId id,
    RecordType type,
    ClientId client,
    long version,
    Instant created,
    Instant updated,
    int format,
    List<SealedField> fields,
    byte[] mac) {

  public SealedRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(updated, "updated");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1");
    }
    fields = List.copyOf(fields);
    mac = Bytes.copy("mac", mac);
  }

  /** A copy of the record MAC (empty in format 2). */
  @Override
  public byte[] mac() {
    return mac.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedRecord r
        && id.equals(r.id)
        && type.equals(r.type)
        && client.equals(r.client)
        && version == r.version
        && created.equals(r.created)
        && updated.equals(r.updated)
        && format == r.format
        && fields.equals(r.fields)
        && Arrays.equals(mac, r.mac);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, type, client, version, created, updated, format, fields)
        + 31 * Arrays.hashCode(mac);
  }

  @Override
  public String toString() {
    return "SealedRecord[" + id + ", " + type + ", " + client + ", v" + version + ", "
        + fields.size() + " fields]";
  }
}
