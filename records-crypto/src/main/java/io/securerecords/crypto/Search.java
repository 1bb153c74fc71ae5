package io.securerecords.crypto;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Condition;
import io.securerecords.api.policy.DisclosurePolicy;
import io.securerecords.api.policy.PolicyRow;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.RecordSchema;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.TermHit;
import io.securerecords.api.index.IndexQuery;
import io.securerecords.crypto.log.Decision;
import io.securerecords.crypto.token.AccessTokenClaims;
import io.securerecords.crypto.token.VerifiedGrant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Blind-index search (issue 4). Candidates come from blinded terms; each is decrypted internally
 * to drop false positives, kept only if its client passes the purpose's conditions, and opened
 * only in the classes the row and token allow. One log entry per client disclosed, with the
 * token's use, in one atomic write.
 */
final class Search {
  private final Disclosures disclosures;
  private final RecordStore store;
  private final Indexes indexes;
  private final DisclosurePolicy policy;
  private final Map<RecordType, RecordSchema> schemas;
  private final Conditions conditions;

  Search(Disclosures disclosures, RecordStore store, Indexes indexes, DisclosurePolicy policy,
      Map<RecordType, RecordSchema> schemas, Conditions conditions) {
    this.disclosures = disclosures;
    this.store = store;
    this.indexes = indexes;
    this.policy = policy;
    this.schemas = schemas;
    this.conditions = conditions;
  }

  /**
   * A search (issue 4): an access like any release. Candidates come from blinded terms; each is
   * decrypted internally to drop false positives, kept only if its client passes the purpose's
   * conditions, and opened only in the classes the row and token allow. One log entry per client
   * disclosed, with the token's use, in one atomic write.
   */
  SearchResult search(String token, String recipient, IndexQuery query, RecordId after, int limit) {
    if (limit < 1 || limit > 1_000) {
      throw new io.securerecords.api.error.InvalidInputException("limit", "must be 1 to 1000");
    }
    Indexes.Declared index = indexes.declared(query.index());
    VerifiedGrant grant = disclosures.verified(token, recipient, "search");
    AccessTokenClaims claims = grant.claims();
    Purpose purpose = claims.purpose();
    PolicyRow row = policy.row(purpose);
    ClientId only = claims.subject().equals(SecureRecords.ALL_CLIENTS) ? null : claims.subject();
    try {
      if (row.requires(Condition.COUNTS_ONLY) || row.requires(Condition.AMENDMENT_ON_CLIENT_REQUEST)
          || row.requires(Condition.PSEUDONYM_PER_DISCLOSURE)) {
        throw new RefusedException(purpose.clause(), "this purpose cannot search");
      }
      Set<FieldClass> classes = policy.narrow(purpose, claims.fieldClasses());
      Keys keys = new Keys(disclosures, store);
      java.util.NavigableMap<RecordId, ClientId> candidates = found(indexes, store, index,
          query, id -> (after == null || id.compareTo(after) > 0)
              && (claims.records().isEmpty() || claims.records().contains(id)),
          client -> only == null || client.equals(only), keys);
      Set<String> indexed = new HashSet<>();
      index.spec().fields().forEach(f -> indexed.add(f.field()));
      Map<ClientId, ClientFacts> factsOf = new java.util.HashMap<>();
      Map<ClientId, List<ReleasedRecord>> byClient = new java.util.LinkedHashMap<>();
      List<ReleasedRecord> page = new ArrayList<>();
      RecordId next = null;
      for (RecordId id : candidates.keySet()) {
        SealedRecord record = store.record(id).orElse(null);
        if (record == null || !record.type().equals(index.type())
            || (only != null && !record.client().equals(only))
            || (!claims.records().isEmpty() && !claims.records().contains(id))) {
          continue;
        }
        ClientId client = record.client();
        ClientKeys stored = keys.stored(client);
        if (stored == null) {
          continue;
        }
        // A false positive of the truncated term is dropped before its client's facts are read:
        // only a hit's client pays for the policy check (its records read and opened).
        if (!matches(index, RecordSealer.open(stored, record, indexed), query)) {
          continue;
        }
        if (!factsOf.containsKey(client)) {
          ClientFacts facts = ClientFacts.read(stored, store.records(client));
          boolean allowed = row.conditions().stream().allMatch(c -> conditions.holds(c, claims, facts));
          factsOf.put(client, allowed ? facts : null);
        }
        ClientFacts facts = factsOf.get(client);
        if (facts == null) {
          continue;
        }
        RecordSchema schema = schemas.get(record.type());
        Set<String> names = disclosures.fieldsFor(record, schema, row, classes, claims, facts);
        if (names.isEmpty()) {
          continue;
        }
        if (page.size() == limit) {
          next = page.get(page.size() - 1).id();
          break;
        }
        ReleasedRecord released = new ReleasedRecord(id, schema, RecordSealer.open(stored, record, names));
        page.add(released);
        byClient.computeIfAbsent(client, c -> new ArrayList<>()).add(released);
      }
      List<Disclosures.Pending> entries = new ArrayList<>();
      for (Map.Entry<ClientId, List<ReleasedRecord>> e : byClient.entrySet()) {
        ObjectNode body = Disclosures.body(claims, null);
        body.put("event", "search");
        body.put("client", e.getKey().value());
        body.put("index", query.index());
        ArrayNode what = body.putArray("released");
        for (ReleasedRecord r : e.getValue()) {
          ObjectNode item = what.addObject();
          item.put("record", r.id().value());
          r.fieldNames().forEach(item.withArray("fields")::add);
        }
        body.put("digest", Base64.getUrlEncoder().withoutPadding().encodeToString(Disclosures.digest(e.getValue())));
        entries.add(new Disclosures.Pending(e.getKey(), keys.stored(e.getKey()), purpose, Decision.GRANTED, body));
      }
      if (entries.isEmpty()) {
        ObjectNode body = Disclosures.body(claims, null);
        body.put("event", "search");
        body.put("index", query.index());
        entries.add(new Disclosures.Pending(only, only == null ? null : disclosures.keysIfHeld(only), purpose,
            Decision.NOTHING_DISCLOSED, body));
      }
      List<Long> sequences = disclosures.appendAll(entries, b -> b.useToken(claims.jwtId(), claims.maxUses()));
      return new SearchResult(page, next, sequences);
    } catch (RefusedException e) {
      disclosures.append(only, only == null ? null : disclosures.keysIfHeld(only), purpose, Decision.REFUSED,
          Disclosures.body(claims, e), b -> {});
      throw e;
    }
  }

  /**
   * The keys one search uses. {@link #stored} and {@link #read} give a client's keys as the store
   * holds them, reading each client's key entry at most once per search: records are opened, and
   * log entries sealed, only under these, so a client erased or a key rotated through another
   * instance is seen at once. {@link #forChecks} gives the keys that open index entries' sealed
   * checks ({@link #candidates}): this instance's cached keys where it has them, without a read,
   * since the checks only decide which records are read next.
   */
  static final class Keys {
    private final Disclosures disclosures;
    private final RecordStore store;
    /** The entries read in this search: a client's keys, or null when erased or not held. */
    private final Map<ClientId, ClientKeys> stored = new java.util.HashMap<>();

    Keys(Disclosures disclosures, RecordStore store) {
      this.disclosures = disclosures;
      this.store = store;
    }

    /** The client's keys as stored (one read the first time), or null if erased or not held. */
    ClientKeys stored(ClientId client) {
      if (!stored.containsKey(client)) {
        stored.put(client, disclosures.keysIfHeld(client));
      }
      return stored.get(client);
    }

    /** Reads the key entries of those of these clients not yet read, in one read (nulls ignored). */
    void read(java.util.Collection<ClientId> clients) {
      read(clients, null);
    }

    /**
     * {@link #read(java.util.Collection)}, reading in the same read the mark of a query's index
     * keys (if given, the read is made even when no client is unread).
     *
     * @return whether the query's keys are still the stored ones (true when none is given)
     */
    boolean read(java.util.Collection<ClientId> clients, Indexes.Query query) {
      Set<ClientId> unread = new HashSet<>(clients);
      unread.remove(null);
      unread.removeAll(stored.keySet());
      if (unread.isEmpty() && query == null) {
        return true;
      }
      Set<io.securerecords.api.store.KeyName> names = DataKeys.names(unread);
      if (query != null) {
        names.add(query.mark());
      }
      List<io.securerecords.api.store.KeyEntry> entries = store.keys(names);
      Map<ClientId, ClientKeys> read = disclosures.keysIfHeld(entries, unread);
      unread.forEach(c -> stored.put(c, read.get(c)));
      return query == null || query.stillStored(entries);
    }

    /**
     * Keys to open these clients' checks with: those read in this search, this instance's cached
     * keys (which may be older than the stored entry, or an erased client's), and, in one read,
     * the stored ones of the rest; a client erased or not held is left out.
     */
    Map<ClientId, ClientKeys> forChecks(Set<ClientId> clients) {
      Map<ClientId, ClientKeys> out = new java.util.HashMap<>();
      Set<ClientId> unread = new HashSet<>();
      for (ClientId client : clients) {
        ClientKeys keys = stored.containsKey(client) ? stored.get(client)
            : disclosures.cachedKeys(client);
        if (keys != null) {
          out.put(client, keys);
        } else if (!stored.containsKey(client)) {
          unread.add(client);
        }
      }
      read(unread);
      unread.stream().filter(c -> stored.get(c) != null).forEach(c -> out.put(c, stored.get(c)));
      return out;
    }
  }

  /**
   * The {@link #candidates} of a query under its index's keys as this instance holds them, and
   * the key entries of their clients ({@link Keys#read}) read together with the mark of those
   * index keys: when the mark is unchanged the keys were the stored ones when the hits were read,
   * and the query costs no read of its own for them. When this instance holds no keys for the
   * index, or the mark moved (a rotation begun or finished through another instance), the keys
   * are read from the store and the query is made again under them.
   */
  static java.util.TreeMap<RecordId, ClientId> found(Indexes indexes, RecordStore store,
      Indexes.Declared index, IndexQuery query, Predicate<RecordId> wantedId,
      Predicate<ClientId> wantedClient, Keys keys) {
    Indexes.Query held = indexes.held(index);
    if (held != null) {
      java.util.TreeMap<RecordId, ClientId> found =
          candidates(indexes, store, held, query, wantedId, wantedClient, keys);
      if (keys.read(found.values(), held)) {
        return found;
      }
    }
    java.util.TreeMap<RecordId, ClientId> found = candidates(indexes, store,
        indexes.forQuery(index), query, wantedId, wantedClient, keys);
    keys.read(found.values());
    return found;
  }

  /**
   * The candidates of a query, by id, each with the client its entry's checks name (null when
   * the entry carries none), each still to be read, opened under its client's current keys and
   * matched: for word queries the ids of the words' term sets, intersected. For the other
   * queries, each term's hits; a hit whose entry carries sealed checks ({@link TermChecks}) is
   * kept only if one of them is the query's, so most of a truncated term's false positives are
   * dropped without reading their records. A hit is skipped, unopened, when {@code wantedId} or
   * {@code wantedClient} refuses it or no keys are held for its client.
   *
   * <p>The checks are opened under {@link Keys#forChecks} keys, which may be cached ones
   * the store no longer holds: they only decide which records are read next, and the caller
   * opens those only under keys whose entry it has read. A cached key older than the stored one
   * (rotated, and the entries written again, through another instance) fails to open checks sealed
   * under the new key; the checks are then opened again under the stored key, and only a failure
   * under that is tampering.
   *
   * @throws io.securerecords.api.error.TamperedException if a hit's carried checks fail
   *     authentication under its client's stored key
   */
  static java.util.TreeMap<RecordId, ClientId> candidates(Indexes indexes, RecordStore store,
      Indexes.Query indexKeys, IndexQuery query, Predicate<RecordId> wantedId,
      Predicate<ClientId> wantedClient, Keys checkKeys) {
    java.util.TreeMap<RecordId, ClientId> found = new java.util.TreeMap<>();
    if (query instanceof IndexQuery.Words words) {
      java.util.TreeSet<RecordId> out = new java.util.TreeSet<>();
      boolean first = true;
      for (String word : words.words()) {
        Set<RecordId> hits = new HashSet<>();
        indexes.queryTerms(indexKeys, word).forEach(t -> hits.addAll(store.findByTerm(t)));
        if (!words.all() || first) {
          out.addAll(hits);
        } else {
          out.retainAll(hits);
        }
        first = false;
      }
      out.stream().filter(wantedId).forEach(id -> found.put(id, null));
      return found;
    }
    for (Map.Entry<IndexTerm, List<byte[]>> term : indexes.queryChecks(indexKeys, queryValues(query)).entrySet()) {
      // The hits whose checks are to be opened, by the client they name.
      Map<RecordId, ClientId> toCheck = new java.util.LinkedHashMap<>();
      List<TermHit> hits = store.hitsByTerm(term.getKey());
      for (TermHit hit : hits) {
        RecordId id = hit.record();
        if (found.containsKey(id) || !wantedId.test(id)) {
          continue;
        }
        byte[] carried = hit.carried();
        if (carried.length == 0) {
          found.put(id, null);
          continue;
        }
        ClientId client = TermChecks.client(id, carried);
        if (wantedClient.test(client)) {
          toCheck.put(id, client);
        }
      }
      if (toCheck.isEmpty()) {
        continue;
      }
      Map<ClientId, ClientKeys> keysOf = checkKeys.forChecks(new HashSet<>(toCheck.values()));
      for (TermHit hit : hits) {
        ClientId client = toCheck.get(hit.record());
        ClientKeys keys = client == null ? null : keysOf.get(client);
        if (keys != null && holdsAny(checkKeys, keysOf, keys, hit, term.getKey(), term.getValue())) {
          found.put(hit.record(), client);
        }
      }
    }
    return found;
  }

  /** {@link TermChecks#holdsAny}, again under the stored key if {@code keys} were stale. */
  private static boolean holdsAny(Keys checkKeys, Map<ClientId, ClientKeys> keysOf,
      ClientKeys keys, TermHit hit, IndexTerm term, List<byte[]> wanted) {
    try {
      return TermChecks.holdsAny(keys, hit.record(), term, hit.carried(), wanted);
    } catch (io.securerecords.api.error.TamperedException e) {
      ClientKeys stored = checkKeys.stored(keys.client());
      if (stored == null) {
        keysOf.remove(keys.client());
        return false;
      }
      if (stored.entryVersion() == keys.entryVersion()) {
        throw e;
      }
      keysOf.put(keys.client(), stored);
      return TermChecks.holdsAny(stored, hit.record(), term, hit.carried(), wanted);
    }
  }

  private boolean matches(Indexes.Declared index, Map<String, byte[]> plaintext, IndexQuery query) {
    if (query instanceof IndexQuery.Words words) {
      return words.all()
          ? words.words().stream().allMatch(w -> indexes.matches(index, plaintext, w))
          : words.words().stream().anyMatch(w -> indexes.matches(index, plaintext, w));
    }
    return indexes.matches(index, plaintext, queryValues(query));
  }

  static Object[] queryValues(IndexQuery query) {
    if (query instanceof IndexQuery.Equal eq) {
      return eq.values().toArray();
    }
    if (query instanceof IndexQuery.Months m) {
      return new Object[] {m.from(), m.to()};
    }
    return new Object[] {((IndexQuery.Words) query).words().get(0)};
  }
}
