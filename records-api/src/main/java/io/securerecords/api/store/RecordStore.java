package io.securerecords.api.store;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import java.util.List;
import java.util.Optional;

/**
 * The storage SPI: where sealed records, wrapped keys, blinded index terms, the enquiry log and
 * token use counts are kept. Implementations never receive plaintext; they must be thread-safe
 * and pass the conformance suite in {@code records-testkit}.
 *
 * <p>What an implementation must guarantee:
 *
 * <ul>
 *   <li>{@link #write} is atomic and isolated: every part of a batch is applied, or none is. A
 *       part whose expected version does not match what is stored (record, key, log position,
 *       token use limit) fails the whole batch with {@code ConflictException}.
 *   <li>Reads return what was written, byte for byte, and see every batch that returned.
 *   <li>Lists are ordered: records by id, keys by name, log entries by sequence.
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

  /** Every record about this client, ordered by record id. */
  List<SealedRecord> records(ClientId client);

  /**
   * Up to {@code limit} record ids greater than {@code after} (or from the first when {@code
   * after} is null), in order: for jobs that walk every record.
   */
  List<RecordId> recordIds(RecordId after, int limit);

  /** The key entry under this name, if any. */
  Optional<KeyEntry> key(KeyName name);

  /** Up to {@code limit} key names greater than {@code after} (null: from the first), in order. */
  List<KeyName> keyNames(KeyName after, int limit);

  /** The ids of records holding this term, ordered by record id. */
  List<RecordId> findByTerm(IndexTerm term);

  /** Up to {@code limit} log entries from {@code fromSequence}, in order. */
  List<LogEntry> log(long fromSequence, int limit);

  /** The number of log entries (the next free sequence number). */
  long logSize();

  /** How many times the token has been used. */
  int tokenUses(String tokenId);

  /** Releases the store's resources; the host's own resources (e.g. a DataSource) stay open. */
  @Override
  void close();
}
