package io.securerecords.api.store;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The storage SPI: where sealed records, wrapped keys, blinded index terms, the enquiry log and
 * token use counts are kept. Implementations never receive plaintext; they must be thread-safe
 * and pass the conformance suite in {@code records-testkit} ({@code RecordStoreConformanceTest}
 * and {@code RecordStoreStatefulProperties}).
 *
 * <p>What an implementation must guarantee:
 *
 * <ul>
 *   <li>{@link #write} is atomic and isolated: every part of a batch is applied, or none is, and
 *       no reader or concurrent writer sees part of a batch. A part that does not hold fails the
 *       whole batch with {@code ConflictException}, and nothing of the batch is written. A lost
 *       race between writers is always a {@code ConflictException}, never a {@code
 *       StoreException}.
 *   <li>Records: a put's expected version must equal the stored version (0: the record must not
 *       exist); the new version is expected + 1. A delete's expected version must equal the
 *       stored version, so deleting a record that is not held conflicts. A record's client never
 *       changes: a put naming another client conflicts. A record id may appear only once among a
 *       batch's puts and deletes.
 *   <li>Keys: as records (expected version 0: no entry may exist; new version = expected + 1);
 *       a name may appear only once among a batch's key puts. An {@link KeyEntry.Erased} entry
 *       is stored and read back like any other.
 *   <li>Log: a batch's appends take the sequence numbers {@link #logSize()}, +1, +2, ... exactly;
 *       a gap or a duplicate conflicts.
 *   <li>Token uses: each use in a batch counts one. The batch conflicts if, for any use, the
 *       stored count plus this batch's uses of that token so far (including this one) exceeds
 *       that use's {@code maxUses}.
 *   <li>Index terms: {@code indexTerms(id, list)} replaces the record's complete term set (an
 *       empty list clears it) and conflicts unless the record exists after the batch (held and
 *       not deleted by it, or put by it). A put without terms keeps the record's terms; a delete
 *       removes them. A term matches only the same index name and exactly the same bytes.
 *   <li>Reads return what was written, byte for byte (an empty array stays empty), with
 *       timestamps to the nanosecond (each field's associated data covers them), and see every batch that
 *       returned.
 *   <li>Lists are ordered by the natural order of their elements: record ids and key names by
 *       {@link String#compareTo} of their values (ordinal and case-sensitive: {@code "B" <
 *       "a"}, and ids differing only in case are different records); log entries by sequence.
 *       Each record id appears at most once in a list.
 * </ul>
 */
public interface RecordStore extends AutoCloseable {

  /**
   * Applies a batch atomically.
   *
   * @throws io.securerecords.api.error.ConflictException if an expected version, log position or
   *     token use limit does not hold; nothing is written
   * @throws io.securerecords.api.error.StoreException if the back end fails; nothing is written
   */
  void write(WriteBatch batch);

  /** The record with this id, if held. */
  Optional<SealedRecord> record(RecordId id);

  /** Every record about this client, ordered by record id; empty if none. */
  List<SealedRecord> records(ClientId client);

  /**
   * Up to {@code limit} record ids greater than {@code after} (or from the first when {@code
   * after} is null), in order: for jobs that walk every record. {@code after} need not be held.
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  List<RecordId> recordIds(RecordId after, int limit);

  /** The key entry under this name, if any. */
  Optional<KeyEntry> key(KeyName name);

  /**
   * The key entries under these names, ordered by name; a name with no entry is left out. A
   * store should answer it with one read: a blind-index lookup reads the entries of all its
   * candidates' clients at once (to skip the erased and unwrap the others) instead of one read
   * per client. This default makes one read per name.
   *
   * @throws NullPointerException if {@code names} or one of them is null
   */
  default List<KeyEntry> keys(Set<KeyName> names) {
    List<KeyEntry> out = new java.util.ArrayList<>();
    for (KeyName name : new java.util.TreeSet<>(names)) {
      key(name).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  /**
   * Up to {@code limit} key names greater than {@code after} (null: from the first), in order.
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  List<KeyName> keyNames(KeyName after, int limit);

  /** The ids of records holding this term (same index, same bytes), ordered by record id. */
  List<RecordId> findByTerm(IndexTerm term);

  /**
   * The records holding this term, ordered by record id: {@link #findByTerm} and {@link #record}
   * in one read. A store should answer it with one query (a join, one searcher), as a blind-index
   * lookup reads every candidate its term stands for; this default makes one read per record.
   */
  default List<SealedRecord> recordsByTerm(IndexTerm term) {
    List<SealedRecord> out = new java.util.ArrayList<>();
    for (RecordId id : findByTerm(term)) {
      record(id).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  /**
   * The records holding this term, ordered by record id, each with the bytes its entry for this
   * term carries. A store should answer it from the term's own entries, without reading the
   * records: a blind-index lookup reads it for every candidate its term stands for, and the
   * carried bytes let the library drop most of them unread. This default carries nothing, so the
   * library reads every candidate's record instead.
   */
  default List<TermHit> hitsByTerm(IndexTerm term) {
    List<TermHit> out = new java.util.ArrayList<>();
    for (RecordId id : findByTerm(term)) {
      out.add(new TermHit(id, new byte[0]));
    }
    return List.copyOf(out);
  }

  /**
   * Up to {@code limit} log entries from {@code fromSequence}, in order; empty past the end.
   *
   * @throws IllegalArgumentException if {@code fromSequence} or {@code limit} is negative
   */
  List<LogEntry> log(long fromSequence, int limit);

  /** The number of log entries (the next free sequence number). */
  long logSize();

  /** How many times the token has been used (0 for a token never used). */
  int tokenUses(String tokenId);

  /** Releases the store's resources; the host's own resources (e.g. a DataSource) stay open. */
  @Override
  void close();
}
