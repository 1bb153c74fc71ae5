package io.securerecords.crypto.index;

import com.google.crypto.tink.Key;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.prf.HmacPrfKey;
import com.google.crypto.tink.prf.HmacPrfParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.error.KeyUnavailableException;
import io.securerecords.api.index.IndexKind;
import io.securerecords.api.index.IndexSizing;
import io.securerecords.api.index.IndexSpec;
import io.securerecords.api.index.Normaliser;
import io.securerecords.api.store.IndexTerm;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Computes the blind terms of one index: {@code IndexTerm(index, truncate(PRF_k(encoding)))}, where
 * {@code k} is the index's own HMAC-SHA256 PRF key (Tink {@link PrfSet}), the encoding is a
 * length-prefixed, domain-separated string of the index name, the accent-folding setting, and the
 * kind and normalised value of each field, and truncation keeps {@link IndexSpec#bits()} bits.
 *
 * <p>What is protected: without the key, a term reveals nothing about the value it stands for,
 * and no dictionary of likely names or numbers can be blinded to match it. Each value's encoding
 * is unambiguous, so compound values cannot collide by shifting characters between fields ("ab" +
 * "c" is not "a" + "bc"), and the index name is part of the input, so one value gives unrelated
 * terms in two indexes even under the same key (each index should still have its own key, and
 * never a client's data key).
 *
 * <p>What is not protected: terms are deterministic, so whoever reads the store sees which records
 * share a term, how many do, and (if they watch queries) which records a query returns. Truncation
 * turns that into "may share a value": with {@link IndexSizing}'s rule each term stands for several
 * values. Keyword terms reveal which records share words and how many distinct words a text has;
 * month terms reveal which records fall in the same month. Terms of a record or a range are
 * returned sorted by their bytes and without duplicates, so their order reveals nothing about the
 * text's word order or the range's month order.
 *
 * <p>Instances are immutable and thread-safe; {@link #toString()} shows the index, never a key.
 */
public final class BlindIndex {
  /** The parameters of an index key: Tink's predefined HMAC-SHA256 PRF, 32-byte key. */
  public static final HmacPrfParameters KEY_PARAMETERS = PredefinedPrfParameters.HMAC_SHA256_PRF;

  private static final byte[] DOMAIN =
      "io.securerecords.crypto.index.BlindIndex/v1".getBytes(StandardCharsets.UTF_8);
  private static final int MIN_KEY_BYTES = 32;
  private static final Comparator<IndexTerm> BY_BYTES =
      (a, b) -> Arrays.compareUnsigned(a.term(), b.term());

  private final IndexSpec spec;
  private final PrfSet prf;

  private BlindIndex(IndexSpec spec, PrfSet prf) {
    this.spec = spec;
    this.prf = prf;
  }

  /**
   * An index computing terms under the primary key of {@code indexKeyset}.
   *
   * @param spec the index
   * @param indexKeyset the index's own keyset, whose primary is an HMAC-SHA256 PRF key of at least
   *     32 bytes (see {@link #KEY_PARAMETERS}, {@link #generateKeyset()})
   * @throws KeyUnavailableException if the keyset's primary is not such a key or the keyset cannot
   *     be used as a PRF
   */
  public static BlindIndex create(IndexSpec spec, KeysetHandle indexKeyset) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(indexKeyset, "indexKeyset");
    Key primary = indexKeyset.getPrimary().getKey();
    if (!(primary instanceof HmacPrfKey hmac)
        || hmac.getParameters().getHashType() != HmacPrfParameters.HashType.SHA256
        || hmac.getParameters().getKeySizeBytes() < MIN_KEY_BYTES) {
      throw new KeyUnavailableException(
          "the key of index " + spec.name() + " is not an HMAC-SHA256 PRF key of 32 bytes or more",
          null);
    }
    try {
      PrfConfig.register();
      return new BlindIndex(spec, indexKeyset.getPrimitive(RegistryConfiguration.get(), PrfSet.class));
    } catch (GeneralSecurityException e) {
      throw new KeyUnavailableException("the key of index " + spec.name() + " is not a PRF keyset", e);
    }
  }

  /** A fresh keyset of one {@link #KEY_PARAMETERS} key, for a new index or a key rotation. */
  public static KeysetHandle generateKeyset() {
    try {
      PrfConfig.register();
      return KeysetHandle.generateNew(KEY_PARAMETERS, RegistryConfiguration.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not generate an index key", e);
    }
  }

  /**
   * A value's term with its check: {@link #CHECK_BYTES} bytes from the end of the same PRF output
   * whose first bits are the term. The check is never stored in clear: it is sealed under the
   * record's client key beside the term (see SECURITY.md, "Search leakage"), so that a search can
   * tell most of a truncated term's other values apart without reading their records.
   *
   * @param term the value's term, as {@link #term} gives it
   * @param check the value's check
   */
  public record Blinded(IndexTerm term, byte[] check) {
    public Blinded {
      java.util.Objects.requireNonNull(term, "term");
      check = check.clone();
    }

    /** A copy of the check. */
    @Override
    public byte[] check() {
      return check.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Blinded b && term.equals(b.term) && Arrays.equals(check, b.check);
    }

    @Override
    public int hashCode() {
      return 31 * term.hashCode() + Arrays.hashCode(check);
    }

    /** The index and sizes; never the check's bytes. */
    @Override
    public String toString() {
      return "Blinded[" + term + ", check of " + check.length + " bytes]";
    }
  }

  /** The length of a {@link Blinded#check()}. */
  public static final int CHECK_BYTES = 8;

  /** The whole output of the PRF, of which a term keeps the first bits and a check the last bytes. */
  private static final int PRF_BYTES = 32;

  /** The index this computes terms for. */
  public IndexSpec spec() {
    return spec;
  }

  /**
   * The term of one value: one raw value per field, in field order, normalised as {@link
   * IndexSpec#normalise} says. For a {@link IndexKind#KEYWORD} index the value is one word to
   * search for; for a {@link IndexKind#MONTH} index, a {@code LocalDate} or {@code YearMonth}.
   *
   * @throws InvalidInputException naming the index and field if a value is missing, of the wrong
   *     type or invalid for its kind
   */
  public IndexTerm term(Object... values) {
    return blind(spec.normalise(values));
  }

  /**
   * The term of one value, as {@link #term}, with its check.
   *
   * @throws InvalidInputException as {@link #term}
   */
  public Blinded blinded(Object... values) {
    byte[] out = prf(spec.normalise(values), PRF_BYTES);
    return new Blinded(truncate(out), Arrays.copyOfRange(out, PRF_BYTES - CHECK_BYTES, PRF_BYTES));
  }

  /**
   * The terms a text is filed under in a {@link IndexKind#KEYWORD} index: one per distinct word
   * (see {@link Normaliser#keywords}), sorted by their bytes, without duplicates. Empty if the
   * text has no searchable words.
   *
   * @throws IllegalStateException if this is not a keyword index
   */
  public List<IndexTerm> terms(String text) {
    requireKind(IndexKind.KEYWORD);
    return sorted(Normaliser.keywords(text, spec.foldAccents()));
  }

  /**
   * The terms of every month from {@code from} to {@code to}, both included, in a {@link
   * IndexKind#MONTH} index: sorted by their bytes, without duplicates (truncated terms of two months
   * may coincide).
   *
   * @throws IllegalStateException if this is not a month index
   * @throws InvalidInputException naming the index if the range is empty or longer than {@link
   *     Normaliser#MAX_MONTHS} months
   */
  public List<IndexTerm> terms(YearMonth from, YearMonth to) {
    requireKind(IndexKind.MONTH);
    try {
      return sorted(Normaliser.months(from, to));
    } catch (InvalidInputException e) {
      throw new InvalidInputException("index." + spec.name() + "." + spec.fields().get(0).field(), e.rule());
    }
  }

  /** The index's name and size; never key material. */
  @Override
  public String toString() {
    return "BlindIndex[" + spec.name() + ", " + spec.bits() + " bits]";
  }

  private void requireKind(IndexKind kind) {
    if (spec.fields().size() != 1 || spec.fields().get(0).kind() != kind) {
      throw new IllegalStateException("index " + spec.name() + " is not a " + kind + " index");
    }
  }

  private List<IndexTerm> sorted(List<String> singleFieldValues) {
    TreeSet<IndexTerm> terms = new TreeSet<>(BY_BYTES);
    for (String value : singleFieldValues) {
      terms.add(blind(List.of(value)));
    }
    return List.copyOf(terms);
  }

  private IndexTerm blind(List<String> normalised) {
    return truncate(prf(normalised, spec.termBytes()));
  }

  /** The first {@code length} bytes of the PRF output (Tink truncates one HMAC-SHA256). */
  private byte[] prf(List<String> normalised, int length) {
    try {
      return prf.computePrimary(encode(normalised), length);
    } catch (GeneralSecurityException e) {
      throw new KeyUnavailableException("the key of index " + spec.name() + " could not compute a term", e);
    }
  }

  /** The term: the output's first {@code bits} bits, the unused low-order bits zeroed. */
  private IndexTerm truncate(byte[] prfOutput) {
    byte[] out = Arrays.copyOf(prfOutput, spec.termBytes());
    int spare = out.length * 8 - spec.bits();
    out[out.length - 1] &= (byte) (0xFF << spare);
    return new IndexTerm(spec.name(), out);
  }

  /**
   * domain, index name, accent folding, field count, then per field its kind and value; every
   * string preceded by its length, so no two different inputs share an encoding.
   */
  private byte[] encode(List<String> normalised) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    writeString(out, DOMAIN);
    writeString(out, spec.name().getBytes(StandardCharsets.UTF_8));
    out.write(spec.foldAccents() ? 1 : 0);
    out.writeBytes(ByteBuffer.allocate(4).putInt(normalised.size()).array());
    for (int i = 0; i < normalised.size(); i++) {
      writeString(out, spec.fields().get(i).kind().name().getBytes(StandardCharsets.UTF_8));
      writeString(out, normalised.get(i).getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, byte[] bytes) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }
}
