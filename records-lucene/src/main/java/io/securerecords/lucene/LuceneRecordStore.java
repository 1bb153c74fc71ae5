package io.securerecords.lucene;

import static io.securerecords.lucene.IndexDocuments.KEY;
import static io.securerecords.lucene.IndexDocuments.KEY_NAME;
import static io.securerecords.lucene.IndexDocuments.LOG;
import static io.securerecords.lucene.IndexDocuments.LOG_SEQUENCE;
import static io.securerecords.lucene.IndexDocuments.RECORD;
import static io.securerecords.lucene.IndexDocuments.RECORD_CLIENT;
import static io.securerecords.lucene.IndexDocuments.RECORD_ID;
import static io.securerecords.lucene.IndexDocuments.RECORD_SEALED;
import static io.securerecords.lucene.IndexDocuments.TERMS_RECORD;
import static io.securerecords.lucene.IndexDocuments.TERMS_RECORD_ID;
import static io.securerecords.lucene.IndexDocuments.TOKEN_USES;

import io.securerecords.api.error.ConflictException;
import io.securerecords.api.error.StoreException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.IndexEntry;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.TermHit;
import io.securerecords.api.store.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * A {@link RecordStore} in an Apache Lucene index, over a {@link Directory} the caller chooses: a
 * folder on disk ({@link #open(Path)}, or {@link FSDirectory#open}) or memory ({@code
 * ByteBuffersDirectory}). Blind-index terms are Lucene terms, so Lucene's query machinery does the
 * searching without ever holding plaintext.
 *
 * <p><b>What is stored where.</b> One index holds five kinds of document: one per record (id
 * and client indexed; the whole record, its id, type, client, version, timestamps to the
 * nanosecond, format, the sealed fields' names and ciphertexts and the record MAC (empty in
 * format 2), in one binary doc value, which Lucene keeps uncompressed where it would compress
 * stored fields), added when
 * the record is created and replaced with {@code updateDocument} by record id after; one per
 * record with index entries, holding its record id (indexed, and a binary doc value read for
 * each of a term's hits), the blinded terms as indexed, non-stored fields (one field {@code term.<index>} per index name, the term
 * being the blinded bytes) and the bytes the entries carry (one small binary doc value {@code
 * carried.<index>} per index name under which some entry carries bytes, so that {@link
 * #hitsByTerm} reads neither records nor their sealed values); one per key name (the wrapped key
 * bytes, or the erasure mark, with the version in one binary doc value, read without the block
 * decompression of stored fields); one per enquiry-log entry (sequence and sealed bytes); one per
 * token used (its use count). The fields looked up by an exact key have a Bloom filter per
 * segment in front of their terms ({@link KeyLookupCodec}), so a lookup skips segments that do
 * not hold its key.
 *
 * <p><b>What is never stored.</b> Plaintext: the store receives only what the SPI hands it
 * (ciphertexts, MACs, wrapped keys, sealed log entries, blinded terms and the opaque bytes their
 * entries carry, and metadata that is in
 * clear by design: ids, client ids, type names, versions, timestamps, field names and ciphertext
 * lengths). Data keys reach the index only wrapped by the key-encryption key.
 *
 * <p><b>Atomicity and isolation.</b> One writer at a time: {@link #write} checks the whole batch
 * against the last commit, then adds, updates and deletes every document of the batch and makes a
 * single {@code IndexWriter.commit()}. A batch that conflicts throws {@link ConflictException}
 * before anything reaches the writer. If the back end fails while applying or committing, the
 * writer is rolled back to the last commit (nothing of the batch survives, not even into the next
 * batch's commit) and {@link StoreException} is thrown. Reads go through a {@link
 * SearcherManager} on the writer that is refreshed only after a commit, by the writer, before
 * {@code write} returns: a reader sees every batch that returned and never part of one, and each
 * read method answers from one point-in-time searcher.
 *
 * <p><b>Durability.</b> When {@link #write} returns, the batch is committed: Lucene has written
 * and fsynced its files and the new {@code segments_N} through the directory's {@code sync}, so
 * on a folder on disk it survives the process being killed (and power loss, as far as the
 * operating system and the disk honour fsync). A batch for which {@code write} threw is in no
 * commit. There is no group commit and no separate flush: each batch is its own commit. On a
 * {@code ByteBuffersDirectory} nothing survives the process.
 *
 * <p><b>Locking.</b> One writer per index, enforced by Lucene's {@code write.lock}: opening a
 * second store on an index that a store (in this or another process) holds fails with a {@link
 * StoreException} that names the lock. On disk the default {@code NativeFSLockFactory} takes an
 * operating-system lock, which is released when the process ends, however it ends: a {@code
 * write.lock} file left by a killed process does not block reopening.
 *
 * <p>Thread-safe. {@link #close()} waits for a write in progress, then closes the writer (which
 * releases the lock); it closes the directory only if the store opened it ({@link #open(Path)}).
 */
public final class LuceneRecordStore implements RecordStore {
  private static final Sort BY_RECORD_ID = new Sort(new SortField(RECORD_ID, SortField.Type.STRING));
  private static final Sort BY_KEY_NAME = new Sort(new SortField(KEY_NAME, SortField.Type.STRING));
  private static final Sort BY_SEQUENCE = new Sort(new SortField(LOG_SEQUENCE, SortField.Type.LONG));
  private static final byte[] NOTHING_CARRIED = new byte[0];

  private final Directory directory;
  private final boolean ownsDirectory;
  private final String description;
  /** Held by the one writer; the writer and the searcher manager change only under it. */
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Readers share it; closing and replacing the writer after a failure take it exclusively. */
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private IndexWriter writer;
  private SearcherManager searchers;
  private volatile boolean closed;
  private volatile StoreException broken;

  private LuceneRecordStore(Directory directory, boolean ownsDirectory, String description)
      throws IOException {
    this.directory = directory;
    this.ownsDirectory = ownsDirectory;
    this.description = description;
    this.writer = openWriter();
    try {
      this.searchers = new SearcherManager(writer, null);
    } catch (IOException | RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  /**
   * Opens (or creates) the store in a folder on disk, through {@link FSDirectory#open}; the store
   * owns the directory and closes it on {@link #close()}.
   *
   * @throws StoreException if the folder cannot be opened, or another store or process holds the
   *     index's {@code write.lock}
   */
  public static LuceneRecordStore open(Path folder) {
    Directory directory;
    try {
      directory = FSDirectory.open(folder);
    } catch (IOException e) {
      throw new StoreException("cannot open the Lucene index folder " + folder, e);
    }
    try {
      return new LuceneRecordStore(directory, true, "folder " + folder);
    } catch (IOException | RuntimeException e) {
      try {
        directory.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw failedToOpen("folder " + folder, e);
    }
  }

  /**
   * Opens (or creates) the store in the caller's directory, which stays the caller's: {@link
   * #close()} does not close it.
   *
   * @throws StoreException if the index cannot be opened, or another store holds its {@code
   *     write.lock}
   */
  public static LuceneRecordStore open(Directory directory) {
    String description = "directory " + directory;
    try {
      return new LuceneRecordStore(directory, false, description);
    } catch (IOException | RuntimeException e) {
      throw failedToOpen(description, e);
    }
  }

  private static StoreException failedToOpen(String description, Exception e) {
    if (e instanceof LockObtainFailedException) {
      return new StoreException("the Lucene index in " + description + " is already open for "
          + "writing: its " + IndexWriter.WRITE_LOCK_NAME + " is held by another "
          + "LuceneRecordStore or process (one writer per index)", e);
    }
    if (e instanceof StoreException s) {
      return s;
    }
    return new StoreException("cannot open the Lucene index in " + description, e);
  }

  private IndexWriter openWriter() throws IOException {
    IndexWriterConfig config = new IndexWriterConfig()
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setCodec(new KeyLookupCodec())
        .setCommitOnClose(false);
    IndexWriter w = new IndexWriter(directory, config);
    if (!DirectoryReader.indexExists(directory)) {
      // An initial, empty commit: the index exists on disk from the moment the store opens.
      w.commit();
    }
    return w;
  }

  // ------------------------------------------------------------------ writing

  /**
   * {@inheritDoc}
   *
   * <p>On return the batch is committed and durable (see the class description) and visible to
   * every read.
   */
  @Override
  public void write(WriteBatch batch) {
    writeLock.lock();
    try {
      ensureOpen();
      if (batch.isEmpty()) {
        return;
      }
      Map<String, Integer> tokenCounts = check(batch);
      try {
        apply(batch, tokenCounts);
        writer.commit();
      } catch (Throwable e) {
        StoreException failure =
            new StoreException("a batch could not be committed to the Lucene index in "
                + description + "; nothing of it was written", e);
        rollBackToLastCommit(failure);
        if (e instanceof Error error) {
          throw error;
        }
        throw failure;
      }
      try {
        searchers.maybeRefreshBlocking();
      } catch (IOException | RuntimeException e) {
        broken = new StoreException("the batch was committed, but the searcher over the Lucene "
            + "index in " + description + " could not be refreshed; reopen the store", e);
        throw broken;
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Checks the whole batch against the last commit; returns each used token's new count. */
  private Map<String, Integer> check(WriteBatch batch) {
    return withSearcher(s -> {
      Set<RecordId> touched = new HashSet<>();
      for (WriteBatch.RecordPut put : batch.recordPuts()) {
        RecordId id = put.record().id();
        if (!touched.add(id)) {
          throw new ConflictException("record " + id.value() + " is written twice in one batch");
        }
        SealedRecord current = recordHead(s, id);
        long stored = current == null ? 0 : current.version();
        if (stored != put.expectedVersion()) {
          throw new ConflictException("record " + id.value() + " is at version " + stored
              + ", not " + put.expectedVersion());
        }
        if (current != null && !put.record().client().equals(current.client())) {
          throw new ConflictException("record " + id.value() + " belongs to another client");
        }
      }
      Set<RecordId> deleted = new HashSet<>();
      for (WriteBatch.RecordDelete delete : batch.recordDeletes()) {
        RecordId id = delete.id();
        if (!touched.add(id)) {
          throw new ConflictException("record " + id.value() + " is written twice in one batch");
        }
        SealedRecord current = recordHead(s, id);
        if (current == null) {
          throw new ConflictException("record " + id.value() + " is not held");
        }
        long stored = current.version();
        if (stored != delete.expectedVersion()) {
          throw new ConflictException("record " + id.value() + " is at version " + stored
              + ", not " + delete.expectedVersion());
        }
        deleted.add(id);
      }
      Set<RecordId> put = new HashSet<>();
      batch.recordPuts().forEach(p -> put.add(p.record().id()));
      for (RecordId id : batch.indexTerms().keySet()) {
        boolean willExist = put.contains(id)
            || (!deleted.contains(id) && firstHit(s, IndexDocuments.recordId(id)) != null);
        if (!willExist) {
          throw new ConflictException("index terms for record " + id.value() + " that is not held");
        }
      }
      Map<KeyName, WriteBatch.KeyPut> keyPuts = new TreeMap<>();
      for (WriteBatch.KeyPut keyPut : batch.keyPuts()) {
        KeyName name = keyPut.entry().name();
        if (keyPuts.put(name, keyPut) != null) {
          throw new ConflictException("key " + name + " is written twice in one batch");
        }
      }
      List<KeyName> keyNames = List.copyOf(keyPuts.keySet());
      KeyEntry[] currentKeys = keys(s, keyNames);
      for (int i = 0; i < currentKeys.length; i++) {
        KeyName name = keyNames.get(i);
        WriteBatch.KeyPut keyPut = keyPuts.get(name);
        KeyEntry current = currentKeys[i];
        long stored = current == null ? 0 : current.version();
        if (stored != keyPut.expectedVersion()) {
          throw new ConflictException(
              "key " + name + " is at version " + stored + ", not " + keyPut.expectedVersion());
        }
      }
      long next = count(s, LOG);
      for (LogEntry entry : batch.logAppends()) {
        if (entry.sequence() != next) {
          throw new ConflictException(
              "log entry " + entry.sequence() + " does not follow the log's end at " + next);
        }
        next++;
      }
      Map<String, Integer> counts = new HashMap<>();
      for (WriteBatch.TokenUse use : batch.tokenUses()) {
        Integer sofar = counts.get(use.tokenId());
        int count = (sofar == null ? storedUses(s, use.tokenId()) : sofar) + 1;
        if (count > use.maxUses()) {
          throw new ConflictException("token " + use.tokenId() + " has no uses left");
        }
        counts.put(use.tokenId(), count);
      }
      return counts;
    });
  }

  private void apply(WriteBatch batch, Map<String, Integer> tokenCounts) throws IOException {
    for (WriteBatch.RecordDelete delete : batch.recordDeletes()) {
      writer.deleteDocuments(IndexDocuments.recordId(delete.id()), IndexDocuments.termsOf(delete.id()),
          IndexDocuments.earlierTermsOf(delete.id()));
    }
    // A record created by this batch (expected version 0, checked against the last commit under
    // the write lock) has neither a record nor a terms document yet: add them without the
    // delete-by-term an update costs at every flush.
    Set<RecordId> created = new HashSet<>();
    for (WriteBatch.RecordPut put : batch.recordPuts()) {
      SealedRecord r = put.record();
      if (put.expectedVersion() == 0) {
        created.add(r.id());
        writer.addDocument(IndexDocuments.record(r));
      } else {
        writer.updateDocument(IndexDocuments.recordId(r.id()), IndexDocuments.record(r));
      }
    }
    for (Map.Entry<RecordId, List<IndexEntry>> e : batch.indexEntries().entrySet()) {
      if (created.contains(e.getKey())) {
        if (!e.getValue().isEmpty()) {
          writer.addDocument(IndexDocuments.terms(e.getKey(), e.getValue()));
        }
      } else if (e.getValue().isEmpty()) {
        writer.deleteDocuments(
            IndexDocuments.termsOf(e.getKey()), IndexDocuments.earlierTermsOf(e.getKey()));
      } else {
        // An earlier build's terms document is found by its own id term; the update's new
        // document does not hold that term, so this delete leaves it alone.
        writer.deleteDocuments(IndexDocuments.earlierTermsOf(e.getKey()));
        writer.updateDocument(
            IndexDocuments.termsOf(e.getKey()), IndexDocuments.terms(e.getKey(), e.getValue()));
      }
    }
    for (WriteBatch.KeyPut put : batch.keyPuts()) {
      writer.updateDocument(IndexDocuments.keyName(put.entry().name()), IndexDocuments.key(put.entry()));
    }
    for (LogEntry entry : batch.logAppends()) {
      writer.addDocument(IndexDocuments.log(entry));
    }
    for (Map.Entry<String, Integer> e : tokenCounts.entrySet()) {
      writer.updateDocument(
          IndexDocuments.tokenId(e.getKey()), IndexDocuments.token(e.getKey(), e.getValue()));
    }
  }

  /**
   * Drops everything the writer holds since the last commit. Lucene's rollback also closes the
   * writer, so a new writer and searcher manager take their place; if that fails, the store is
   * broken and every later call says so.
   */
  private void rollBackToLastCommit(StoreException failure) {
    lifecycle.writeLock().lock();
    try {
      try {
        writer.rollback();
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e);
      }
      try {
        searchers.close();
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e);
      }
      try {
        writer = openWriter();
        searchers = new SearcherManager(writer, null);
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e);
        broken = new StoreException("the Lucene index in " + description
            + " could not be reopened after a failed batch; reopen the store", failure);
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  // ------------------------------------------------------------------ reading

  @Override
  public Optional<SealedRecord> record(RecordId id) {
    return read(s -> {
      Hit hit = firstHit(s, IndexDocuments.recordId(id));
      return hit == null ? Optional.empty() : Optional.of(record(hit));
    });
  }

  @Override
  public List<SealedRecord> records(ClientId client) {
    return read(s -> {
      List<SealedRecord> out = new ArrayList<>();
      TermQuery query = new TermQuery(new Term(RECORD_CLIENT, client.value()));
      List<LeafReaderContext> leaves = s.getIndexReader().leaves();
      for (ScoreDoc hit : sorted(s, query, Integer.MAX_VALUE, BY_RECORD_ID)) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
        out.add(record(new Hit(leaf, hit.doc - leaf.docBase)));
      }
      return List.copyOf(out);
    });
  }

  @Override
  public List<RecordId> recordIds(RecordId after, int limit) {
    requireNotNegative(limit);
    return read(s -> {
      Query query = after == null
          ? new TermQuery(IndexDocuments.kind(RECORD))
          : TermRangeQuery.newStringRange(RECORD_ID, after.value(), null, false, false);
      return sortedKeys(s, query, limit, BY_RECORD_ID).stream().map(RecordId::of).toList();
    });
  }

  @Override
  public Optional<KeyEntry> key(KeyName name) {
    return read(s -> Optional.ofNullable(key(s, name)));
  }

  /** One searcher for all the names: every entry from the same commit. */
  @Override
  public List<KeyEntry> keys(Set<KeyName> names) {
    List<KeyName> sorted = List.copyOf(new java.util.TreeSet<>(names));
    return read(s -> {
      KeyEntry[] found = keys(s, sorted);
      List<KeyEntry> out = new ArrayList<>(sorted.size());
      for (KeyEntry entry : found) {
        if (entry != null) {
          out.add(entry);
        }
      }
      return List.copyOf(out);
    });
  }

  /** The entry under a name, or null. */
  private static KeyEntry key(IndexSearcher s, KeyName name) throws IOException {
    return keys(s, List.of(name))[0];
  }

  /**
   * The entries under names in ascending order, each at its name's position or null when absent:
   * from a key document's one binary doc value, or, for a document of the earlier layout that has
   * none, from its stored fields. Segment by segment, as {@link #firstHit} reads one name (the
   * first live document wins), but with one terms enumeration per segment that seeks the names in
   * order, and one doc-values reader per segment that reads its hits in document order: a put
   * batch reads all its clients' entries, a search those of its kept records' clients, in every
   * segment.
   */
  private static KeyEntry[] keys(IndexSearcher s, List<KeyName> sorted) throws IOException {
    KeyEntry[] found = new KeyEntry[sorted.size()];
    int left = sorted.size();
    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
      if (left == 0) {
        break;
      }
      LeafReader reader = leaf.reader();
      org.apache.lucene.index.Terms terms = reader.terms(KEY_NAME);
      if (terms == null) {
        continue;
      }
      org.apache.lucene.index.TermsEnum names = terms.iterator();
      Bits live = reader.getLiveDocs();
      PostingsEnum docs = null;
      // The hits of this segment as (doc << 32 | position), read back in document order.
      long[] hits = new long[left];
      int n = 0;
      for (int i = 0; i < found.length; i++) {
        if (found[i] != null || !names.seekExact(new BytesRef(sorted.get(i).value()))) {
          continue;
        }
        docs = names.postings(docs, PostingsEnum.NONE);
        for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
          if (live == null || live.get(d)) {
            hits[n++] = ((long) d << 32) | i;
            break;
          }
        }
      }
      if (n == 0) {
        continue;
      }
      java.util.Arrays.sort(hits, 0, n);
      BinaryDocValues value = reader.getBinaryDocValues(IndexDocuments.KEY_ENTRY);
      for (int h = 0; h < n; h++) {
        int doc = (int) (hits[h] >>> 32);
        int i = (int) hits[h];
        found[i] = value != null && value.advanceExact(doc)
            ? IndexDocuments.key(sorted.get(i), value.binaryValue())
            : IndexDocuments.key(reader.storedFields().document(doc));
        left--;
      }
    }
    return found;
  }

  @Override
  public List<KeyName> keyNames(KeyName after, int limit) {
    requireNotNegative(limit);
    return read(s -> {
      Query query = after == null
          ? new TermQuery(IndexDocuments.kind(KEY))
          : TermRangeQuery.newStringRange(KEY_NAME, after.value(), null, false, false);
      return sortedKeys(s, query, limit, BY_KEY_NAME).stream().map(KeyName::new).toList();
    });
  }

  @Override
  public List<RecordId> findByTerm(IndexTerm term) {
    return read(s -> termRecordIds(s, IndexDocuments.term(term)).stream()
        .map(id -> RecordId.of(id.utf8ToString())).toList());
  }

  /**
   * One searcher and no scoring: the record ids of the term's companion documents, read from the
   * postings and doc values of each segment, then each record document by its id term.
   */
  @Override
  public List<SealedRecord> recordsByTerm(IndexTerm term) {
    return read(s -> {
      List<SealedRecord> out = new ArrayList<>();
      for (BytesRef id : termRecordIds(s, IndexDocuments.term(term))) {
        Hit hit = firstHit(s, new Term(RECORD_ID, id));
        if (hit != null) {
          out.add(record(hit));
        }
      }
      return List.copyOf(out);
    });
  }

  /**
   * One searcher and no scoring, and no record read: the term's postings, then for each live
   * companion document its record id (binary doc value) and what its entries under the term's
   * index carry (the small {@code carried.<index>} binary doc value, absent when none of them
   * carries anything), from which the term's own entry is picked.
   */
  @Override
  public List<TermHit> hitsByTerm(IndexTerm term) {
    byte[] bytes = term.term();
    String carriedField = IndexDocuments.carriedField(term.index());
    return read(s -> {
      SortedMap<BytesRef, byte[]> hits = termDocuments(s, IndexDocuments.term(term), reader -> {
        BinaryDocValues carried = DocValues.getBinary(reader, carriedField);
        return doc -> carried.advanceExact(doc)
            ? IndexDocuments.carried(carried.binaryValue(), bytes)
            : NOTHING_CARRIED;
      });
      List<TermHit> out = new ArrayList<>(hits.size());
      hits.forEach((id, carried) -> out.add(new TermHit(RecordId.of(id.utf8ToString()), carried)));
      return List.copyOf(out);
    });
  }

  @Override
  public List<LogEntry> log(long fromSequence, int limit) {
    if (fromSequence < 0 || limit < 0) {
      throw new IllegalArgumentException("fromSequence and limit must not be negative");
    }
    return read(s -> {
      if (limit == 0) {
        return List.of();
      }
      long last = fromSequence + limit - 1 < fromSequence ? Long.MAX_VALUE : fromSequence + limit - 1;
      Query query = LongPoint.newRangeQuery(LOG_SEQUENCE, fromSequence, last);
      List<LogEntry> out = new ArrayList<>();
      for (ScoreDoc hit : sorted(s, query, limit, BY_SEQUENCE)) {
        out.add(IndexDocuments.log(s.storedFields().document(hit.doc)));
      }
      return List.copyOf(out);
    });
  }

  @Override
  public long logSize() {
    return read(s -> (long) count(s, LOG));
  }

  @Override
  public int tokenUses(String tokenId) {
    return read(s -> storedUses(s, tokenId));
  }

  // ------------------------------------------------------------------ closing

  /**
   * Waits for a write in progress, then closes the searchers and the writer (releasing the
   * index's {@code write.lock}) and, if the store opened it, the directory. Uncommitted changes
   * cannot exist here: every write commits or rolls back before it returns. Idempotent.
   *
   * @throws StoreException if Lucene fails to close cleanly
   */
  @Override
  public void close() {
    writeLock.lock();
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      IOException failure = null;
      for (java.io.Closeable c : ownsDirectory
          ? List.<java.io.Closeable>of(searchers, writer, directory)
          : List.<java.io.Closeable>of(searchers, writer)) {
        try {
          c.close();
        } catch (IOException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw new StoreException("closing the Lucene index in " + description + " failed", failure);
      }
    } finally {
      lifecycle.writeLock().unlock();
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "LuceneRecordStore[" + description + "]";
  }

  // ------------------------------------------------------------------ helpers

  @FunctionalInterface
  private interface Search<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  /** Runs a read against one point-in-time searcher over the last commit. */
  private <T> T read(Search<T> search) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      return withSearcher(search);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Caller holds the write lock or the lifecycle read lock. */
  private <T> T withSearcher(Search<T> search) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return search.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new StoreException("reading the Lucene index in " + description + " failed", e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("the Lucene store over " + description + " is closed");
    }
    StoreException b = broken;
    if (b != null) {
      throw b;
    }
  }

  private static void requireNotNegative(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
  }

  /** The stored version and client of a record, or null if it is not held. */
  private static SealedRecord recordHead(IndexSearcher s, RecordId id) throws IOException {
    Hit hit = firstHit(s, IndexDocuments.recordId(id));
    return hit == null ? null : record(hit);
  }

  private static int storedUses(IndexSearcher s, String tokenId) throws IOException {
    Document d = first(s, IndexDocuments.tokenId(tokenId), Set.of(TOKEN_USES));
    return d == null ? 0 : IndexDocuments.number(d, TOKEN_USES).intValue();
  }

  private static int count(IndexSearcher s, String kind) throws IOException {
    return s.count(new TermQuery(IndexDocuments.kind(kind)));
  }

  /** A live document: its segment and its number in that segment. */
  private record Hit(LeafReaderContext leaf, int doc) {}

  /**
   * The live document holding a unique key term, or null. Reads the term's postings segment by
   * segment: no query, weight or scoring.
   */
  private static Hit firstHit(IndexSearcher s, Term key) throws IOException {
    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
      PostingsEnum docs = leaf.reader().postings(key, PostingsEnum.NONE);
      if (docs == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
        if (live == null || live.get(d)) {
          return new Hit(leaf, d);
        }
      }
    }
    return null;
  }

  /** The stored fields (all, or those named) of the live document holding a key term, or null. */
  private static Document first(IndexSearcher s, Term key, Set<String> fields) throws IOException {
    Hit hit = firstHit(s, key);
    if (hit == null) {
      return null;
    }
    StoredFields stored = hit.leaf().reader().storedFields();
    return fields == null ? stored.document(hit.doc()) : stored.document(hit.doc(), fields);
  }

  /**
   * The record at a hit: from its one binary doc value, or, for a document of the earlier layout
   * that has none, from its stored fields.
   */
  private static SealedRecord record(Hit hit) throws IOException {
    LeafReader reader = hit.leaf().reader();
    BinaryDocValues sealed = reader.getBinaryDocValues(RECORD_SEALED);
    if (sealed != null && sealed.advanceExact(hit.doc())) {
      return IndexDocuments.record(sealed.binaryValue());
    }
    return IndexDocuments.record(reader.storedFields().document(hit.doc()));
  }

  /** The record ids (sorted) of the live companion documents that hold an index term. */
  private static Set<BytesRef> termRecordIds(IndexSearcher s, Term term) throws IOException {
    return termDocuments(s, term, reader -> doc -> Boolean.TRUE).keySet();
  }

  /** Reads a value of one document of a segment; documents come in increasing order. */
  @FunctionalInterface
  private interface DocRead<T> {
    T read(int doc) throws IOException;
  }

  /** Opens a segment for a {@link DocRead}. */
  @FunctionalInterface
  private interface SegmentRead<T> {
    DocRead<T> open(LeafReader reader) throws IOException;
  }

  /**
   * The live companion documents that hold an index term, by record id (sorted), each with what
   * {@code read} reads of it. Reads the term's postings and the record ids' doc values of each
   * segment: no query, weight or scoring.
   */
  private static <T> SortedMap<BytesRef, T> termDocuments(
      IndexSearcher s, Term term, SegmentRead<T> read) throws IOException {
    SortedMap<BytesRef, T> out = new TreeMap<>();
    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
      PostingsEnum docs = leaf.reader().postings(term, PostingsEnum.NONE);
      if (docs == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      BinaryDocValues recordIds = leaf.reader().getBinaryDocValues(TERMS_RECORD_ID);
      // Terms documents of earlier builds: the id as a sorted doc value.
      SortedDocValues earlierIds = leaf.reader().getSortedDocValues(TERMS_RECORD);
      DocRead<T> values = read.open(leaf.reader());
      for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
        if (live != null && !live.get(d)) {
          continue;
        }
        if (recordIds != null && recordIds.advanceExact(d)) {
          out.put(BytesRef.deepCopyOf(recordIds.binaryValue()), values.read(d));
        } else if (earlierIds != null && earlierIds.advanceExact(d)) {
          out.put(BytesRef.deepCopyOf(earlierIds.lookupOrd(earlierIds.ordValue())), values.read(d));
        }
      }
    }
    return out;
  }

  /** Up to {@code limit} hits in sort order; the priority queue is sized by the match count. */
  private static ScoreDoc[] sorted(IndexSearcher s, Query query, int limit, Sort sort)
      throws IOException {
    int n = Math.min(limit, s.count(query));
    return n == 0 ? new ScoreDoc[0] : s.search(query, n, sort).scoreDocs;
  }

  /** The sort keys (ids, names) of up to {@code limit} hits, read from the sorted doc values. */
  private static List<String> sortedKeys(IndexSearcher s, Query query, int limit, Sort sort)
      throws IOException {
    List<String> out = new ArrayList<>();
    for (ScoreDoc hit : sorted(s, query, limit, sort)) {
      out.add(((BytesRef) ((FieldDoc) hit).fields[0]).utf8ToString());
    }
    return List.copyOf(out);
  }
}
