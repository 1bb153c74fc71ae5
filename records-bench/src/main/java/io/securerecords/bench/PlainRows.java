package io.securerecords.bench;

import io.securerecords.api.index.Normaliser;
import io.securerecords.api.psu.Appointment;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.CaseworkRecord;
import io.securerecords.api.psu.PsuSchemas;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plaintext twin of a sealed record: the same metadata and the same field values (the
 * schema's JSON of each field), in clear, as one JSON object; plus the register number in a
 * column or term of its own, indexed, for the lookup comparison; and, for the twin that answers
 * the same searches as the sealed store, its index entries in clear ({@link #terms}).
 */
public final class PlainRows {
  private PlainRows() {}

  /** One plaintext record, with its index entries (written only by a twin that keeps them). */
  public record Row(String id, String client, String type, long version, long createdSeconds,
      int createdNanos, String registerNumber, String fields, List<Term> terms) {

    /** The same row under another id (its index entries follow the row's id when written). */
    public Row withId(String newId) {
      return new Row(newId, client, type, version, createdSeconds, createdNanos, registerNumber,
          fields, terms);
    }
  }

  /**
   * A plaintext index entry: the index's name and the normalised value. The sealed store keeps
   * one blinded term per (index, value) of a record under the same names; this is its twin.
   */
  public record Term(String index, String value) {}

  /**
   * The entries the default PSU indexes give a record, normalised as the blind index normalises
   * before blinding: register, name, email and each appointment month of a Basic Record; team and
   * opened month of a casework record.
   */
  public static List<Term> terms(Object record) {
    Set<Term> out = new LinkedHashSet<>();
    if (record instanceof BasicRecord b) {
      out.add(new Term("register", Normaliser.registration(b.registration())));
      out.add(new Term("name", Normaliser.name(b.fullName(), true)));
      if (b.email() != null) {
        out.add(new Term("email", Normaliser.email(b.email())));
      }
      if (b.appointments() != null) {
        for (Appointment a : b.appointments()) {
          out.add(new Term("appointment-month", Normaliser.month(a.date())));
        }
      }
    } else if (record instanceof CaseworkRecord w) {
      out.add(new Term("team", Normaliser.code(w.team())));
      out.add(new Term("opened-month", Normaliser.month(w.opened())));
    }
    return List.copyOf(out);
  }

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
          c.registerNumber(), fieldsJson(c.basic()), terms(c.basic())),
      new Row("c-" + c.index(), c.id().value(), "psu.casework", 1, createdSeconds, 0, null,
          fieldsJson(c.casework()), terms(c.casework()))
    };
  }
}
