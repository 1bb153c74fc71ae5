package io.securerecords.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.prf.PrfConfig;
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.error.KeyUnavailableException;
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
import java.util.Collection;
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
  /** Each index's keys as last read from the store. */
  private final Map<String, State> states = new ConcurrentHashMap<>();

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

  /**
   * The current keys of every declared index as the store holds them now ({@link #states}), to
   * compute a write's entries with. Reading them for each write, not once per instance, is what
   * makes a rotation begun or finished through another instance over the same store take effect
   * here at the next write: entries written under a key the store no longer holds as current
   * would be found by no query once the rotation is finished.
   */
  Current current() {
    return current(read(marks()).values());
  }

  /**
   * {@link #current()} from the marks (see {@link #marks}) in entries just read from the store,
   * so that a write reads them in the same read as its clients' key entries.
   */
  Current current(Collection<KeyEntry> read) {
    Map<KeyName, KeyEntry> marks = new java.util.HashMap<>();
    read.forEach(e -> marks.put(e.name(), e));
    Map<String, BlindIndex> keys = new LinkedHashMap<>();
    states(declared.values(), marks).forEach((name, state) -> keys.put(name, state.current()));
    return new Current(keys);
  }

  /**
   * These key entries and every declared index's mark ({@link #marks}) in one store read, so that
   * a write learns its clients' keys and the indexes' current keys ({@link #current(Collection)})
   * together.
   */
  List<KeyEntry> readWithMarks(Set<KeyName> names) {
    Set<KeyName> all = new java.util.HashSet<>(names);
    all.addAll(marks());
    return store.keys(all);
  }

  /** The entries whose versions mark every change of the declared indexes' keys ({@link #states}). */
  List<KeyName> marks() {
    return declared.keySet().stream().map(Indexes::previousKeyName).toList();
  }

  /**
   * An index's keys for a query, as the store holds them now ({@link #states}): the current key
   * and, while a rotation is in progress, the previous one.
   */
  Query forQuery(Declared d) {
    return new Query(d, states(List.of(d)).get(d.spec().name()));
  }

  /**
   * An index's keys for a query as this instance last read them, without reading the store, or
   * null if it has not read them yet. A query made with them is answered only once {@link
   * Query#stillStored} holds for the index's previous-key entry as read <em>after</em> the
   * query's hits (in the same read as their clients' key entries): the keys cannot have changed
   * between the two reads, so the hits are those a query under the stored keys gets.
   */
  Query held(Declared d) {
    State state = states.get(d.spec().name());
    return state == null ? null : new Query(d, state);
  }

  /** One index's keys for a query, and the mark (previous-key entry's version) they stand under. */
  static final class Query {
    private final Declared index;
    private final State state;

    private Query(Declared index, State state) {
      this.index = index;
      this.state = state;
    }

    List<BlindIndex> keys() {
      return state.previous() == null ? List.of(state.current())
          : List.of(state.current(), state.previous());
    }

    /** The entry whose version marks every change of the index's keys ({@link #states}). */
    KeyName mark() {
      return previousKeyName(index.spec().name());
    }

    /** Whether these keys are still the stored ones, given the entries of a later store read. */
    boolean stillStored(java.util.Collection<KeyEntry> read) {
      KeyEntry entry = null;
      for (KeyEntry e : read) {
        if (e.name().equals(mark())) {
          entry = e;
        }
      }
      return version(entry) == state.mark();
    }
  }

  /**
   * These indexes' keys as the store holds them now, in one read, and a second only when they
   * changed. A rotation writes an index's previous-key entry in the same atomic write as its new
   * current key ({@link #rotate}), and finishing one writes that entry again, so the previous
   * entry's version marks every change: the keys held here are the stored ones while it is
   * unchanged. Only the indexes whose mark moved (or that this instance has not read yet) have
   * both entries read again, together, and unwrapped (a KEK call).
   */
  private Map<String, State> states(Collection<Declared> indexes) {
    return states(indexes, read(indexes.stream().map(d -> previousKeyName(d.spec().name()))
        .toList()));
  }

  /** {@link #states(Collection)} from marks already read (an index's absent: none stored). */
  private Map<String, State> states(Collection<Declared> indexes, Map<KeyName, KeyEntry> marks) {
    List<Declared> moved = new ArrayList<>();
    for (Declared d : indexes) {
      State held = states.get(d.spec().name());
      if (held == null || held.mark() != version(marks.get(previousKeyName(d.spec().name())))) {
        moved.add(d);
      }
    }
    if (!moved.isEmpty()) {
      List<KeyName> names = new ArrayList<>();
      moved.forEach(d -> names.addAll(List.of(keyName(d.spec().name()),
          previousKeyName(d.spec().name()))));
      Map<KeyName, KeyEntry> entries = read(names);
      for (Declared d : moved) {
        String n = d.spec().name();
        KeyEntry old = entries.get(previousKeyName(n));
        KeyEntry now = entries.get(keyName(n));
        KeysetHandle current = now != null ? systemKeys.unwrap(now)
            // First use in this store: made now, or the one another writer made first.
            : systemKeys.loadOrCreate(keyName(n), () -> BlindIndex.generateKeyset());
        states.put(n, new State(version(old), BlindIndex.create(d.spec(), current),
            old instanceof KeyEntry.Wrapped ? BlindIndex.create(d.spec(), systemKeys.unwrap(old))
                : null));
      }
    }
    Map<String, State> out = new LinkedHashMap<>();
    indexes.forEach(d -> out.put(d.spec().name(), states.get(d.spec().name())));
    return out;
  }

  private static long version(KeyEntry entry) {
    return entry == null ? 0 : entry.version();
  }

  private Map<KeyName, KeyEntry> read(List<KeyName> names) {
    Map<KeyName, KeyEntry> out = new java.util.HashMap<>();
    store.keys(new java.util.TreeSet<>(names)).forEach(e -> out.put(e.name(), e));
    return out;
  }

  /**
   * An index's keys as read together: the version of its previous-key entry (0: none) that marks
   * them, the current key, and the previous key while a rotation is in progress (else null).
   */
  private record State(long mark, BlindIndex current, BlindIndex previous) {}

  /** The current keys of the declared indexes as read at one moment ({@link #current()}). */
  final class Current {
    private final Map<String, BlindIndex> keys;

    private Current(Map<String, BlindIndex> keys) {
      this.keys = keys;
    }

    /**
     * Every entry of a record under these keys: each term once, carrying the checks of the
     * values filed under it, sealed under the record's client key ({@link TermChecks}). Only
     * indexes of values about as many as the clients carry checks (names, register numbers,
     * emails, compounds): their truncated terms each stand for several values. Codes and months
     * are few, so their terms seldom stand for more than one and checks would drop almost
     * nothing; keyword searches intersect ids first. Those entries carry nothing.
     */
    List<IndexEntry> entriesFor(ClientKeys keys, RecordId id, RecordType type,
        Map<String, byte[]> plaintext) {
      Map<IndexTerm, List<byte[]>> checks = new LinkedHashMap<>();
      for (Declared d : declared.values()) {
        if (d.type().equals(type)) {
          blindedOf(this.keys.get(d.spec().name()), plaintext, checks);
        }
      }
      List<IndexEntry> out = new ArrayList<>(checks.size());
      checks.forEach((term, list) -> out.add(list.isEmpty() ? IndexEntry.of(term)
          : new IndexEntry(term, TermChecks.seal(keys, id, term, list))));
      return out;
    }
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
    return queryTerms(forQuery(d), values);
  }

  /** {@link #queryTerms(Declared, Object...)} under the keys given. */
  List<IndexTerm> queryTerms(Query query, Object... values) {
    Declared d = query.index;
    List<BlindIndex> keys = query.keys();
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
    return queryChecks(forQuery(d), values);
  }

  /** {@link #queryChecks(Declared, Object...)} under the keys given. */
  Map<IndexTerm, List<byte[]>> queryChecks(Query query, Object... values) {
    Map<IndexTerm, List<byte[]>> out = new LinkedHashMap<>();
    if (!carriesChecks(query.index.spec())) {
      queryTerms(query, values).forEach(t -> out.put(t, List.of()));
      return out;
    }
    for (BlindIndex index : query.keys()) {
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
    declared(index);
    KeyName name = keyName(index);
    systemKeys.loadOrCreate(name, () -> BlindIndex.generateKeyset());
    KeyEntry current = store.key(name).orElseThrow(
        () -> new KeyUnavailableException("index key " + name + " is not held", null));
    Optional<KeyEntry> previous = store.key(previousKeyName(index));
    if (previous.isPresent() && previous.get() instanceof KeyEntry.Wrapped) {
      throw new io.securerecords.api.error.ConflictException(
          "index " + index + " is already being rotated: finish the re-index first");
    }
    // Both entries in one atomic write: the previous entry's version marks every change of the
    // current key for the instances reading them (states). A concurrent rotation conflicts.
    long marked = previous.map(KeyEntry::version).orElse(0L);
    store.write(io.securerecords.api.store.WriteBatch.builder()
        .putKey(systemKeys.wrap(previousKeyName(index), systemKeys.unwrap(current), marked + 1),
            marked)
        .putKey(systemKeys.wrap(name, BlindIndex.generateKeyset(), current.version() + 1),
            current.version())
        .build());
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
