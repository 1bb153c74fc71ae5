package io.securerecords.bench;

import io.securerecords.api.psu.PsuSchemas;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The plaintext twin of a sealed record: the same metadata and the same field values (the
 * schema's JSON of each field), in clear, as one JSON object; plus the register number in a
 * column or term of its own, indexed, for the lookup comparison.
 */
public final class PlainRows {
  private PlainRows() {}

  /** One plaintext record. */
  public record Row(String id, String client, String type, long version, long createdSeconds,
      int createdNanos, String registerNumber, String fields) {}

  /** The fields of a Java PSU record as one JSON object of the schema's per-field JSON. */
  public static String fieldsJson(Object record) {
    Map<String, byte[]> fields = (record instanceof io.securerecords.api.psu.BasicRecord
        ? PsuSchemas.basic() : PsuSchemas.casework()).encode(record);
    StringBuilder b = new StringBuilder(6_000);
    b.append('{');
    for (Map.Entry<String, byte[]> f : fields.entrySet()) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append('"').append(f.getKey()).append("\":")
          .append(new String(f.getValue(), StandardCharsets.UTF_8));
    }
    return b.append('}').toString();
  }

  /** The basic and casework rows of client {@code c}, with ids {@code b-i} and {@code c-i}. */
  public static Row[] of(PsuPopulation.PsuClient c, long createdSeconds) {
    return new Row[] {
      new Row("b-" + c.index(), c.id().value(), "psu.basic", 1, createdSeconds, 0,
          c.registerNumber(), fieldsJson(c.basic())),
      new Row("c-" + c.index(), c.id().value(), "psu.casework", 1, createdSeconds, 0, null,
          fieldsJson(c.casework()))
    };
  }
}
