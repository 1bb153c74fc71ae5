package io.securerecords.api.store;

import io.securerecords.api.record.RecordId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything one operation writes, applied by {@link RecordStore#write} as a single atomic unit:
 * all of it or none of it. Each part carries the version it expects to replace, so two writers
 * of one record, key, log position or token use cannot silently overwrite each other.
 *
 * <p>Contains only sealed bytes, blinded terms and metadata: never plaintext.
 */
public final class WriteBatch {

  /**
   * Write a record, replacing {@code expectedVersion} (0: the record must not exist yet).
   *
   * @param record the sealed record; its version must be {@code expectedVersion + 1}
   * @param expectedVersion the version now stored, 0 for none
   */
  public record RecordPut(SealedRecord record, long expectedVersion) {
    public RecordPut {
      Objects.requireNonNull(record, "record");
      if (record.version() != expectedVersion + 1) {
        throw new IllegalArgumentException("a record's new version must be expectedVersion + 1");
      }
    }
  }

  /**
   * Delete a record and all its index terms.
   *
   * @param id the record
   * @param expectedVersion the version now stored
   */
  public record RecordDelete(RecordId id, long expectedVersion) {
    public RecordDelete {
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * Write a key entry, replacing {@code expectedVersion} (0: no entry may exist yet).
   *
   * @param entry the wrapped key or erasure mark; its version must be {@code expectedVersion + 1}
   * @param expectedVersion the version now stored, 0 for none
   */
  public record KeyPut(KeyEntry entry, long expectedVersion) {
    public KeyPut {
      Objects.requireNonNull(entry, "entry");
      if (entry.version() != expectedVersion + 1) {
        throw new IllegalArgumentException("a key's new version must be expectedVersion + 1");
      }
    }
  }

  /**
   * Count one use of a token; the batch fails with a conflict if that would exceed its limit.
   *
   * @param tokenId the token's unique id
   * @param maxUses the most uses the token allows
   */
  public record TokenUse(String tokenId, int maxUses) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public TokenUse {
      if (tokenId == null || !ID.matcher(tokenId).matches()) {
        throw new IllegalArgumentException("token ids are 1 to 128 letters, digits, '.', '_', '-'");
      }
      if (maxUses < 1) {
        throw new IllegalArgumentException("maxUses must be at least 1");
      }
    }
  }

  private final List<RecordPut> recordPuts;
  private final List<RecordDelete> recordDeletes;
  private final Map<RecordId, List<IndexEntry>> indexEntries;
  private final Map<RecordId, List<IndexTerm>> indexTerms;
  private final List<KeyPut> keyPuts;
  private final List<LogEntry> logAppends;
  private final List<TokenUse> tokenUses;

  private WriteBatch(Builder b) {
    this.recordPuts = List.copyOf(b.recordPuts);
    this.recordDeletes = List.copyOf(b.recordDeletes);
    Map<RecordId, List<IndexEntry>> entries = new LinkedHashMap<>();
    Map<RecordId, List<IndexTerm>> terms = new LinkedHashMap<>();
    b.indexEntries.forEach((id, list) -> {
      entries.put(id, List.copyOf(list));
      terms.put(id, list.stream().map(IndexEntry::term).toList());
    });
    this.indexEntries = Map.copyOf(entries);
    this.indexTerms = Map.copyOf(terms);
    this.keyPuts = List.copyOf(b.keyPuts);
    this.logAppends = List.copyOf(b.logAppends);
    this.tokenUses = List.copyOf(b.tokenUses);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every part of this batch, to add to (e.g. in a store wrapper). */
  public Builder toBuilder() {
    Builder b = new Builder();
    recordPuts.forEach(p -> b.putRecord(p.record(), p.expectedVersion()));
    recordDeletes.forEach(d -> b.deleteRecord(d.id(), d.expectedVersion()));
    indexEntries.forEach(b::indexEntries);
    keyPuts.forEach(k -> b.putKey(k.entry(), k.expectedVersion()));
    logAppends.forEach(b::appendLog);
    tokenUses.forEach(t -> b.useToken(t.tokenId(), t.maxUses()));
    return b;
  }

  /** Records to write. */
  public List<RecordPut> recordPuts() {
    return recordPuts;
  }

  /** Records to delete (with their index terms). */
  public List<RecordDelete> recordDeletes() {
    return recordDeletes;
  }

  /**
   * For each record named, the complete new set of its index terms (replacing the old set): the
   * terms of {@link #indexEntries()}, in the same order.
   */
  public Map<RecordId, List<IndexTerm>> indexTerms() {
    return indexTerms;
  }

  /**
   * For each record named, the complete new set of its index entries (replacing the old set): each
   * term at most once, with the bytes it carries (empty for entries given as bare terms).
   */
  public Map<RecordId, List<IndexEntry>> indexEntries() {
    return indexEntries;
  }

  /** Key entries to write. */
  public List<KeyPut> keyPuts() {
    return keyPuts;
  }

  /** Log entries to append, in order; the first must take the next free sequence number. */
  public List<LogEntry> logAppends() {
    return logAppends;
  }

  /** Token uses to count. */
  public List<TokenUse> tokenUses() {
    return tokenUses;
  }

  /** Whether the batch writes nothing. */
  public boolean isEmpty() {
    return recordPuts.isEmpty()
        && recordDeletes.isEmpty()
        && indexTerms.isEmpty()
        && keyPuts.isEmpty()
        && logAppends.isEmpty()
        && tokenUses.isEmpty();
  }

  @Override
  public String toString() {
    return "WriteBatch[" + recordPuts.size() + " puts, " + recordDeletes.size() + " deletes, "
        + indexTerms.size() + " term sets, " + keyPuts.size() + " keys, " + logAppends.size()
        + " log entries, " + tokenUses.size() + " token uses]";
  }

  /** Collects the parts of a {@link WriteBatch}. */
  public static final class Builder {
    private final List<RecordPut> recordPuts = new ArrayList<>();
    private final List<RecordDelete> recordDeletes = new ArrayList<>();
    private final Map<RecordId, List<IndexEntry>> indexEntries = new LinkedHashMap<>();
    private final List<KeyPut> keyPuts = new ArrayList<>();
    private final List<LogEntry> logAppends = new ArrayList<>();
    private final List<TokenUse> tokenUses = new ArrayList<>();

    private Builder() {}

    public Builder putRecord(SealedRecord record, long expectedVersion) {
      recordPuts.add(new RecordPut(record, expectedVersion));
      return this;
    }

    public Builder deleteRecord(RecordId id, long expectedVersion) {
      recordDeletes.add(new RecordDelete(id, expectedVersion));
      return this;
    }

    /**
     * Replaces the record's terms with these (a term given twice is kept once), carrying nothing.
     */
    public Builder indexTerms(RecordId id, List<IndexTerm> terms) {
      List<IndexEntry> entries = new ArrayList<>(terms.size());
      new java.util.LinkedHashSet<>(terms).forEach(t -> entries.add(IndexEntry.of(t)));
      indexEntries.put(Objects.requireNonNull(id, "id"), List.copyOf(entries));
      return this;
    }

    /**
     * Replaces the record's entries with these.
     *
     * @throws IllegalArgumentException if two entries name the same term
     */
    public Builder indexEntries(RecordId id, List<IndexEntry> entries) {
      Objects.requireNonNull(id, "id");
      java.util.Set<IndexTerm> seen = new java.util.HashSet<>();
      for (IndexEntry e : entries) {
        if (!seen.add(e.term())) {
          throw new IllegalArgumentException("a record's entries name each term at most once");
        }
      }
      indexEntries.put(id, List.copyOf(entries));
      return this;
    }

    public Builder putKey(KeyEntry entry, long expectedVersion) {
      keyPuts.add(new KeyPut(entry, expectedVersion));
      return this;
    }

    public Builder appendLog(LogEntry entry) {
      logAppends.add(Objects.requireNonNull(entry, "entry"));
      return this;
    }

    public Builder useToken(String tokenId, int maxUses) {
      tokenUses.add(new TokenUse(tokenId, maxUses));
      return this;
    }

    public WriteBatch build() {
      return new WriteBatch(this);
    }
  }
}
