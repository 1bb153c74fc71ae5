package io.securerecords.testkit;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.IndexEntry;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.TermHit;
import io.securerecords.api.store.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code RecordStore} contract written as plainly as possible, over maps and lists: what a
 * store must hold after any sequence of batches. Written from the contract, independently of
 * every store, so that {@link RecordStoreStatefulProperties} can compare a store against it.
 */
final class StoreModel {

  /** One part of a batch, as the model sees it. */
  sealed interface Part {
    void addTo(WriteBatch.Builder batch);
  }

  record PutRecord(SealedRecord record, long expectedVersion) implements Part {
    @Override
    public void addTo(WriteBatch.Builder batch) {
      batch.putRecord(record, expectedVersion);
    }

    @Override
    public String toString() {
      return "put " + record.id().value() + " v" + record.version() + " of "
          + record.client().value() + " (expects v" + expectedVersion + ")";
    }
  }

  record DeleteRecord(RecordId id, long expectedVersion) implements Part {
    @Override
    public void addTo(WriteBatch.Builder batch) {
      batch.deleteRecord(id, expectedVersion);
    }

    @Override
    public String toString() {
      return "delete " + id.value() + " (expects v" + expectedVersion + ")";
    }
  }

  /**
   * A record's new term set. With nothing carried it is written as bare terms ({@code
   * indexTerms}); otherwise each distinct term as an entry carrying {@code carried}.
   */
  record SetTerms(RecordId id, List<IndexTerm> terms, byte[] carried) implements Part {
    @Override
    public void addTo(WriteBatch.Builder batch) {
      if (carried.length == 0) {
        batch.indexTerms(id, terms);
      } else {
        batch.indexEntries(id, new java.util.LinkedHashSet<>(terms).stream()
            .map(t -> new IndexEntry(t, carried)).toList());
      }
    }

    @Override
    public String toString() {
      return "terms of " + id.value() + " := " + terms.stream().map(StoreModel::describe).toList()
          + " carrying " + carried.length + " bytes";
    }
  }

  record PutKey(KeyEntry entry, long expectedVersion) implements Part {
    @Override
    public void addTo(WriteBatch.Builder batch) {
      batch.putKey(entry, expectedVersion);
    }

    @Override
    public String toString() {
      return (entry instanceof KeyEntry.Erased ? "erase key " : "put key ") + entry.name()
          + " v" + entry.version() + " (expects v" + expectedVersion + ")";
    }
  }

  record AppendLog(LogEntry entry) implements Part {
    @Override
    public void addTo(WriteBatch.Builder batch) {
      batch.appendLog(entry);
    }

    @Override
    public String toString() {
      return "append log #" + entry.sequence();
    }
  }

  record UseToken(String tokenId, int maxUses) implements Part {
    @Override
    public void addTo(WriteBatch.Builder batch) {
      batch.useToken(tokenId, maxUses);
    }

    @Override
    public String toString() {
      return "use token " + tokenId + " (max " + maxUses + ")";
    }
  }

  private final TreeMap<RecordId, SealedRecord> records = new TreeMap<>();
  private final Map<RecordId, Set<IndexTerm>> terms = new HashMap<>();
  private final Map<RecordId, byte[]> carried = new HashMap<>();
  private final TreeMap<KeyName, KeyEntry> keys = new TreeMap<>();
  private final List<LogEntry> log = new ArrayList<>();
  private final Map<String, Integer> tokenUses = new HashMap<>();

  /** The batch these parts make, in order. */
  static WriteBatch batchOf(List<Part> parts) {
    WriteBatch.Builder builder = WriteBatch.builder();
    parts.forEach(p -> p.addTo(builder));
    return builder.build();
  }

  /** Whether the contract lets a batch of these parts through; {@code false}: a conflict. */
  boolean accepts(List<Part> parts) {
    Set<RecordId> written = new HashSet<>();
    Set<RecordId> put = new HashSet<>();
    Set<RecordId> deleted = new HashSet<>();
    Set<KeyName> keysWritten = new HashSet<>();
    Map<String, Integer> usesInBatch = new HashMap<>();
    long nextSequence = log.size();
    for (Part part : parts) {
      if (part instanceof PutRecord p) {
        RecordId id = p.record().id();
        SealedRecord current = records.get(id);
        if (!written.add(id)
            || version(current) != p.expectedVersion()
            || (current != null && !current.client().equals(p.record().client()))) {
          return false;
        }
        put.add(id);
      } else if (part instanceof DeleteRecord d) {
        SealedRecord current = records.get(d.id());
        if (!written.add(d.id()) || current == null || current.version() != d.expectedVersion()) {
          return false;
        }
        deleted.add(d.id());
      } else if (part instanceof PutKey k) {
        KeyEntry current = keys.get(k.entry().name());
        long stored = current == null ? 0 : current.version();
        if (!keysWritten.add(k.entry().name()) || stored != k.expectedVersion()) {
          return false;
        }
      } else if (part instanceof AppendLog a) {
        if (a.entry().sequence() != nextSequence) {
          return false;
        }
        nextSequence++;
      } else if (part instanceof UseToken u) {
        int inBatch = usesInBatch.merge(u.tokenId(), 1, Integer::sum);
        if (tokenUses.getOrDefault(u.tokenId(), 0) + inBatch > u.maxUses()) {
          return false;
        }
      }
    }
    for (RecordId id : termSets(parts).keySet()) {
      boolean existsAfter = put.contains(id) || (records.containsKey(id) && !deleted.contains(id));
      if (!existsAfter) {
        return false;
      }
    }
    return true;
  }

  /** Applies a batch that {@link #accepts} lets through. */
  void apply(List<Part> parts) {
    for (Part part : parts) {
      if (part instanceof DeleteRecord d) {
        records.remove(d.id());
        terms.remove(d.id());
      }
    }
    for (Part part : parts) {
      if (part instanceof PutRecord p) {
        records.put(p.record().id(), p.record());
      } else if (part instanceof PutKey k) {
        keys.put(k.entry().name(), k.entry());
      } else if (part instanceof AppendLog a) {
        log.add(a.entry());
      } else if (part instanceof UseToken u) {
        tokenUses.merge(u.tokenId(), 1, Integer::sum);
      }
    }
    termSets(parts).forEach((id, set) -> {
      if (set.terms().isEmpty()) {
        terms.remove(id);
        carried.remove(id);
      } else {
        terms.put(id, Set.copyOf(set.terms()));
        carried.put(id, set.carried());
      }
    });
  }

  /** The term sets a batch names; as in {@code WriteBatch.Builder}, the last set for an id wins. */
  private static Map<RecordId, SetTerms> termSets(List<Part> parts) {
    Map<RecordId, SetTerms> out = new LinkedHashMap<>();
    for (Part part : parts) {
      if (part instanceof SetTerms t) {
        out.put(t.id(), t);
      }
    }
    return out;
  }

  private static long version(SealedRecord record) {
    return record == null ? 0 : record.version();
  }

  Optional<SealedRecord> record(RecordId id) {
    return Optional.ofNullable(records.get(id));
  }

  List<RecordId> recordIds() {
    return List.copyOf(records.keySet());
  }

  List<RecordId> recordIdsAfter(RecordId after, int limit) {
    return records.tailMap(after, false).keySet().stream().limit(limit).toList();
  }

  List<SealedRecord> records(ClientId client) {
    return records.values().stream().filter(r -> r.client().equals(client)).toList();
  }

  List<RecordId> findByTerm(IndexTerm term) {
    return records.keySet().stream()
        .filter(id -> terms.getOrDefault(id, Set.of()).contains(term))
        .toList();
  }

  List<TermHit> hitsByTerm(IndexTerm term) {
    return findByTerm(term).stream().map(id -> new TermHit(id, carried.get(id))).toList();
  }

  Optional<KeyEntry> key(KeyName name) {
    return Optional.ofNullable(keys.get(name));
  }

  List<KeyName> keyNames() {
    return List.copyOf(keys.keySet());
  }

  List<LogEntry> log() {
    return List.copyOf(log);
  }

  int tokenUses(String tokenId) {
    return tokenUses.getOrDefault(tokenId, 0);
  }

  static String describe(IndexTerm term) {
    StringBuilder hex = new StringBuilder();
    for (byte b : term.term()) {
      hex.append(String.format("%02x", b));
    }
    return term.index() + ":" + hex;
  }

  @Override
  public String toString() {
    return "StoreModel[records=" + records.values().stream()
        .map(r -> r.id().value() + "@v" + r.version()).collect(Collectors.joining(", ", "{", "}"))
        + ", keys=" + keys.values().stream().map(k -> k.name() + "@v" + k.version())
            .collect(Collectors.joining(", ", "{", "}"))
        + ", log=" + log.size() + ", tokenUses=" + new TreeMap<>(tokenUses) + "]";
  }
}
