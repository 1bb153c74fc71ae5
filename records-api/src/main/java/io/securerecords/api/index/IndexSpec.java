package io.securerecords.api.index;

import io.securerecords.api.error.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The declaration of one blind index: its name, the field or fields it covers, and how many bits
 * of each term are kept.
 *
 * <p>Truncation is by the bit: a term is the first {@code bits} bits of the PRF output, held in
 * {@code ceil(bits / 8)} bytes whose unused low-order bits are zero. Any number from {@link
 * #MIN_BITS} to {@link #MAX_BITS} is accepted, so the size can follow {@link IndexSizing}'s rule
 * closely instead of jumping by factors of 256. Fewer bits mean more false positives, and so less
 * for the store to learn from equal terms; see {@link IndexSizing}.
 *
 * <p>An index of several fields (a compound index, e.g. surname and employer) has one term per
 * combination of values. {@link IndexKind#MONTH} and {@link IndexKind#KEYWORD} indexes cover one
 * field only, because one record or query yields several of their terms.
 *
 * @param name the index name, which is also the {@link io.securerecords.api.store.IndexTerm} index
 *     name: a lower-case letter, then up to 63 lower-case letters, digits, '.', '_' or '-'
 * @param fields the fields covered, in the order their values are passed; 1 to {@link #MAX_FIELDS},
 *     no field twice
 * @param bits the number of bits kept of each term, {@link #MIN_BITS} to {@link #MAX_BITS}
 * @param foldAccents whether {@link IndexKind#NAME} and {@link IndexKind#KEYWORD} values have their
 *     accents removed, so that "Zoë" finds "Zoe"; allowed only if such a field is covered
 */
public record IndexSpec(String name, List<IndexField> fields, int bits, boolean foldAccents) {
  /** The fewest bits a term may keep: 16 possible terms. */
  public static final int MIN_BITS = 4;
  /** The most bits a term may keep: the whole HMAC-SHA256 output. */
  public static final int MAX_BITS = 256;
  /** The most fields one index may cover. */
  public static final int MAX_FIELDS = 4;

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

  /**
   * Validates the declaration.
   *
   * @throws InvalidInputException naming the index and the rule broken
   */
  public IndexSpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "index", "names are a lower-case letter, then up to 63 lower-case letters, digits, '.', '_', '-'");
    }
    String path = "index." + name;
    if (fields == null || fields.isEmpty() || fields.size() > MAX_FIELDS) {
      throw new InvalidInputException(path, "covers 1 to " + MAX_FIELDS + " fields");
    }
    fields = List.copyOf(fields); // also refuses a null field
    Set<String> seen = new HashSet<>();
    boolean foldable = false;
    for (IndexField f : fields) {
      if (!seen.add(f.field())) {
        throw new InvalidInputException(path, "covers field " + f.field() + " twice");
      }
      if (f.kind().singleField() && fields.size() > 1) {
        throw new InvalidInputException(path, "a " + f.kind() + " field must be the index's only field");
      }
      foldable |= f.kind().foldsAccents();
    }
    if (bits < MIN_BITS || bits > MAX_BITS) {
      throw new InvalidInputException(path, "keeps " + MIN_BITS + " to " + MAX_BITS + " bits");
    }
    if (foldAccents && !foldable) {
      throw new InvalidInputException(path, "accent folding needs a NAME or KEYWORD field");
    }
  }

  /** An index over one field, without accent folding. */
  public static IndexSpec of(String name, IndexKind kind, String field, int bits) {
    return new IndexSpec(name, List.of(new IndexField(field, kind)), bits, false);
  }

  /** A compound index over several fields, in the order given, without accent folding. */
  public static IndexSpec compound(String name, int bits, IndexField... fields) {
    return new IndexSpec(name, List.of(fields), bits, false);
  }

  /** This index with accent folding switched on. Its terms differ: a change needs a re-index. */
  public IndexSpec withAccentFolding() {
    return new IndexSpec(name, fields, bits, true);
  }

  /** The kind of a single-field index. */
  public IndexKind kind() {
    if (fields.size() != 1) {
      throw new IllegalStateException("index " + name + " is compound: ask each field for its kind");
    }
    return fields.get(0).kind();
  }

  /** The length in bytes of this index's terms: {@code ceil(bits / 8)}. */
  public int termBytes() {
    return (bits + 7) / 8;
  }

  /**
   * The normalised values a term of this index is computed over: one per field, in field order.
   * Two inputs that normalise equally are the same value for this index, so this is also how a
   * false positive is recognised after decryption. For a {@link IndexKind#KEYWORD} index the value
   * is one word (see {@link Normaliser#keywords} for a whole text).
   *
   * @param values one raw value per field, of a type the field's {@link IndexKind} takes
   * @throws InvalidInputException naming the index and field if a value is missing, of the wrong
   *     type or not valid for its kind; the value itself is never echoed
   */
  public List<String> normalise(Object... values) {
    if (values == null || values.length != fields.size()) {
      throw new InvalidInputException(
          "index." + name, "takes " + fields.size() + " value(s), one per field");
    }
    List<String> normalised = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      IndexField f = fields.get(i);
      try {
        normalised.add(f.kind().normalise(foldAccents, values[i]));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("index." + name + "." + f.field(), e.rule());
      }
    }
    return List.copyOf(normalised);
  }
}
