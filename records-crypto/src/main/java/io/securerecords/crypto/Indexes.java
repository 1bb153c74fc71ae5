package io.securerecords.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.prf.PrfConfig;
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.IndexEntry;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.RecordStore;
import io.securerecords.crypto.index.BlindIndex;
import io.securerecords.api.index.IndexField;
import io.securerecords.api.index.IndexKind;
import io.securerecords.api.index.IndexSpec;
import io.securerecords.api.index.Normaliser;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The declared blind indexes: which record type and fields each covers, its own PRF key
 * ({@code system:index.<name>}, never a client's data key), and, while its key is being rotated,
 * the previous key ({@code system:index.<name>.previous}) so queries match old and new terms.
 */
final class Indexes {
  /** One declared index on one record type. */
  record Declared(RecordType type, IndexSpec spec) {}

  private final Map<String, Declared> declared;
  private final SystemKeys systemKeys;
  private final RecordStore store;
  private final Map<String, BlindIndex> current = new ConcurrentHashMap<>();
  private final Map<String, Previous> previous = new ConcurrentHashMap<>();

  Indexes(List<Declared> declared, SystemKeys systemKeys, RecordStore store) {
    Map<String, Declared> byName = new LinkedHashMap<>();
    for (Declared d : declared) {
      if (byName.putIfAbsent(d.spec().name(), d) != null) {
        throw new InvalidInputException("index." + d.spec().name(), "is declared twice");
      }
    }
    this.declared = Map.copyOf(byName);
    this.systemKeys = systemKeys;
    this.store = store;
    try {
      PrfConfig.register();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyName keyName(String index) {
    return KeyName.system("index." + index);
  }

  static KeyName previousKeyName(String index) {
    return KeyName.system("index." + index + ".previous");
  }

  Declared declared(String index) {
    Declared d = declared.get(index);
    if (d == null) {
      throw new InvalidInputException("index", "no index of that name is declared");
    }
    return d;
  }

  Set<String> names() {
    return declared.keySet();
  }

  private BlindIndex current(Declared d) {
    return current.computeIfAbsent(d.spec().name(), n -> BlindIndex.create(d.spec(),
        systemKeys.loadOrCreate(keyName(n), () -> BlindIndex.generateKeyset())));
  }

  /** The index under its previous key, while a rotation is in progress. */
  private Optional<BlindIndex> previous(Declared d) {
    Optional<KeyEntry> entry = store.key(previousKeyName(d.spec().name()));
    if (entry.isEmpty() || !(entry.get() instanceof KeyEntry.Wrapped)) {
      return Optional.empty();
    }
    // Unwrapping is a KEK call (a KMS round trip in production): once per key version.
    Previous cached = previous.get(d.spec().name());
    if (cached == null || cached.version() != entry.get().version()) {
      cached = new Previous(entry.get().version(),
          BlindIndex.create(d.spec(), systemKeys.unwrap(entry.get())));
      previous.put(d.spec().name(), cached);
    }
    return Optional.of(cached.index());
  }

  /** A previous index key, as unwrapped for one version of its entry. */
  private record Previous(long version, BlindIndex index) {}

  /**
   * Every entry of a record under the current keys: each term once, carrying the checks of the
   * values filed under it, sealed under the record's client key ({@link TermChecks}). Only
   * indexes of values about as many as the clients carry checks (names, register numbers,
   * emails, compounds): their truncated terms each stand for several values. Codes and months
   * are few, so their terms seldom stand for more than one and checks would drop almost nothing;
   * keyword searches intersect ids first. Those entries carry nothing.
   */
  List<IndexEntry> entriesFor(ClientKeys keys, RecordId id, RecordType type,
      Map<String, byte[]> plaintext) {
    Map<IndexTerm, List<byte[]>> checks = new LinkedHashMap<>();
    for (Declared d : declared.values()) {
      if (d.type().equals(type)) {
        blindedOf(current(d), plaintext, checks);
      }
    }
    List<IndexEntry> out = new ArrayList<>(checks.size());
    checks.forEach((term, list) -> out.add(list.isEmpty() ? IndexEntry.of(term)
        : new IndexEntry(term, TermChecks.seal(keys, id, term, list))));
    return out;
  }

  /** Adds a record's terms in one index, each with the checks to carry (none: carries nothing). */
  private static void blindedOf(BlindIndex index, Map<String, byte[]> plaintext,
      Map<IndexTerm, List<byte[]>> checks) {
    IndexSpec spec = index.spec();
    IndexKind kind = kindOf(spec);
    if (kind == IndexKind.KEYWORD) {
      String text = text(node(plaintext.get(spec.fields().get(0).field())));
      if (text != null) {
        index.terms(text).forEach(t -> checks.putIfAbsent(t, new ArrayList<>()));
      }
      return;
    }
    if (kind == IndexKind.MONTH) {
      for (Object date : values(spec.fields().get(0), node(plaintext.get(spec.fields().get(0).field())))) {
        checks.putIfAbsent(index.term(date), new ArrayList<>());
      }
      return;
    }
    Object[] values = new Object[spec.fields().size()];
    for (int i = 0; i < values.length; i++) {
      List<Object> v = values(spec.fields().get(i), node(plaintext.get(spec.fields().get(i).field())));
      if (v.isEmpty()) {
        return;
      }
      values[i] = v.get(0);
    }
    if (!carriesChecks(spec)) {
      checks.putIfAbsent(index.term(values), new ArrayList<>());
    } else {
      BlindIndex.Blinded b = index.blinded(values);
      checks.computeIfAbsent(b.term(), t -> new ArrayList<>()).add(b.check());
    }
  }

  /** The values a field's JSON holds for its kind; a list of dates gives each date. */
  private static List<Object> values(IndexField field, JsonNode node) {
    List<Object> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (field.kind() == IndexKind.MONTH) {
      for (JsonNode item : node.isArray() ? node : List.of(node)) {
        JsonNode date = item.isObject() ? item.get("date") : item;
        if (date != null && date.isTextual()) {
          out.add(LocalDate.parse(date.asText()));
        }
      }
      return out;
    }
    if (field.kind() == IndexKind.REGISTER_NUMBER && node.isObject()) {
      try {
        out.add(Json.MAPPER.treeToValue(node, Registration.class));
      } catch (IOException e) {
        throw new IllegalStateException("a registration did not decode", e);
      }
      return out;
    }
    String text = text(node);
    if (text != null) {
      out.add(text);
    }
    return out;
  }

  /**
   * The terms to look up for a query value, under the current key and, during a rotation, the
   * previous one. For a keyword index the value is one word; for a month index a month range.
   */
  List<IndexTerm> queryTerms(Declared d, Object... values) {
    List<BlindIndex> keys = new ArrayList<>();
    keys.add(current(d));
    previous(d).ifPresent(keys::add);
    Set<IndexTerm> out = new LinkedHashSet<>();
    for (BlindIndex index : keys) {
      if (kindOf(d.spec()) == IndexKind.MONTH && values.length == 2
          && values[0] instanceof java.time.YearMonth from && values[1] instanceof java.time.YearMonth to) {
        out.addAll(index.terms(from, to));
      } else if (kindOf(d.spec()) == IndexKind.KEYWORD) {
        out.add(index.term(values[0]));
      } else {
        out.add(index.term(values));
      }
    }
    return List.copyOf(out);
  }

  /**
   * The terms to look up for an equality or month-range query, as {@link #queryTerms}, each with
   * the check of the query's value under it; empty lists for indexes whose entries carry none.
   */
  Map<IndexTerm, List<byte[]>> queryChecks(Declared d, Object... values) {
    Map<IndexTerm, List<byte[]>> out = new LinkedHashMap<>();
    if (!carriesChecks(d.spec())) {
      queryTerms(d, values).forEach(t -> out.put(t, List.of()));
      return out;
    }
    List<BlindIndex> keys = new ArrayList<>();
    keys.add(current(d));
    previous(d).ifPresent(keys::add);
    for (BlindIndex index : keys) {
      BlindIndex.Blinded b = index.blinded(values);
      out.computeIfAbsent(b.term(), t -> new ArrayList<>()).add(b.check());
    }
    return out;
  }

  /**
   * Whether an index's entries carry checks: not for keywords (their searches intersect ids
   * first), codes or months (so few values that a term seldom stands for more than one).
   */
  private static boolean carriesChecks(IndexSpec spec) {
    IndexKind kind = kindOf(spec);
    return kind != IndexKind.KEYWORD && kind != IndexKind.MONTH && kind != IndexKind.CODE;
  }

  /**
   * Whether a decrypted record really holds the queried value: blind terms are truncated, so a
   * term matches several values and the false positives are removed here, after decryption.
   */
  boolean matches(Declared d, Map<String, byte[]> plaintext, Object... query) {
    IndexSpec spec = d.spec();
    if (kindOf(spec) == IndexKind.KEYWORD) {
      String text = text(node(plaintext.get(spec.fields().get(0).field())));
      return text != null && Normaliser.keywords(text, spec.foldAccents())
          .contains(Normaliser.keyword(query[0].toString(), spec.foldAccents()));
    }
    if (kindOf(spec) == IndexKind.MONTH) {
      java.time.YearMonth from = (java.time.YearMonth) query[0];
      java.time.YearMonth to = (java.time.YearMonth) query[1];
      for (Object date : values(spec.fields().get(0), node(plaintext.get(spec.fields().get(0).field())))) {
        java.time.YearMonth m = java.time.YearMonth.from((LocalDate) date);
        if (!m.isBefore(from) && !m.isAfter(to)) {
          return true;
        }
      }
      return false;
    }
    Object[] stored = new Object[spec.fields().size()];
    for (int i = 0; i < stored.length; i++) {
      List<Object> v = values(spec.fields().get(i), node(plaintext.get(spec.fields().get(i).field())));
      if (v.isEmpty()) {
        return false;
      }
      stored[i] = v.get(0);
    }
    return spec.normalise(stored).equals(spec.normalise(query));
  }

  /** Starts a key rotation: the current key becomes the previous one, a new key is made. */
  void rotate(String index) {
    Declared d = declared(index);
    KeyName name = keyName(index);
    KeysetHandle old = systemKeys.loadOrCreate(name, () -> BlindIndex.generateKeyset());
    Optional<KeyEntry> previous = store.key(previousKeyName(index));
    if (previous.isPresent() && previous.get() instanceof KeyEntry.Wrapped) {
      throw new io.securerecords.api.error.ConflictException(
          "index " + index + " is already being rotated: finish the re-index first");
    }
    systemKeys.put(previousKeyName(index), old, previous.map(KeyEntry::version).orElse(0L));
    systemKeys.replace(name, BlindIndex.generateKeyset());
    current.remove(d.spec().name());
  }

  /** Ends a rotation once every record carries new terms: the previous key is destroyed. */
  void finishRotation(String index, java.time.Instant now) {
    declared(index);
    KeyName name = previousKeyName(index);
    store.key(name).filter(e -> e instanceof KeyEntry.Wrapped).ifPresent(e ->
        store.write(io.securerecords.api.store.WriteBatch.builder()
            .putKey(new KeyEntry.Erased(name, e.version() + 1, now), e.version()).build()));
  }

  /** Which declared indexes cover this record type. */
  boolean covers(RecordType type) {
    return declared.values().stream().anyMatch(d -> d.type().equals(type));
  }

  /** The kind of a single-field index; null for a compound one. */
  private static IndexKind kindOf(IndexSpec spec) {
    return spec.fields().size() == 1 ? spec.fields().get(0).kind() : null;
  }

  private static JsonNode node(byte[] json) {
    try {
      return json == null ? null : Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("an authenticated field did not hold JSON", e);
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.isTextual() ? node.asText() : node.toString();
  }

  @Override
  public String toString() {
    return "Indexes" + declared.keySet();
  }
}
