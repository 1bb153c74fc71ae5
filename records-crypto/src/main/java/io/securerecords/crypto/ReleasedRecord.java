package io.securerecords.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordSchema;
import io.securerecords.api.schema.RecordType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one record that a release opened: only those the policy row and the token
 * allowed. Holds plaintext: its {@link #toString()} prints the record id, type and field names
 * only.
 */
public final class ReleasedRecord {
  private final RecordId id;
  private final RecordSchema schema;
  private final Map<String, byte[]> fields;

  ReleasedRecord(RecordId id, RecordSchema schema, Map<String, byte[]> fields) {
    this.id = id;
    this.schema = schema;
    Map<String, byte[]> copy = new LinkedHashMap<>();
    fields.forEach((k, v) -> copy.put(k, v.clone()));
    this.fields = copy;
  }

  /** The record released. */
  public RecordId id() {
    return id;
  }

  /** Its type. */
  public RecordType type() {
    return schema.type();
  }

  /** The names of the fields released. */
  public Set<String> fieldNames() {
    return fields.keySet();
  }

  /** One released field's value as JSON text, or null if that field was not released. */
  public String json(String field) {
    byte[] bytes = fields.get(field);
    return bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** One released field's value as a JSON tree, or null if that field was not released. */
  public JsonNode node(String field) {
    byte[] bytes = fields.get(field);
    try {
      return bytes == null ? null : Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("an authenticated field did not hold JSON", e);
    }
  }

  /**
   * The released fields as a value of the given type (the schema's Java type, or {@code
   * Map.class}); fields not released are absent.
   *
   * @throws InvalidInputException if the released fields do not make a valid value of that type
   *     (for example a record type with required fields that were not released)
   */
  public <T> T as(Class<T> type) {
    return schema.decode(fields, type);
  }

  Map<String, byte[]> bytes() {
    return fields;
  }

  @Override
  public String toString() {
    return "ReleasedRecord[" + id + ", " + schema.type() + ", " + fields.keySet() + "]";
  }
}
