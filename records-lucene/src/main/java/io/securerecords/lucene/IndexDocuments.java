package io.securerecords.lucene;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.error.StoreException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.IndexEntry;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

/**
 * The layout of the index: which Lucene fields each kind of document has, and the conversion
 * between the SPI's values and documents. Nothing here ever sees plaintext: the values are the
 * SPI's sealed bytes, blinded terms and metadata.
 *
 * <p>Five kinds of document share one index, so one {@code IndexWriter.commit()} makes a batch
 * atomic:
 *
 * <ul>
 *   <li><b>record</b>, one per record, added on creation, then replaced by {@code updateDocument}
 *       on {@link #RECORD_ID}:
 *       id and client (indexed, not stored); the whole record (id, type, client, version,
 *       timestamps, format, field names, ciphertexts and MAC) in one binary doc value, {@link
 *       #RECORD_SEALED} (see {@link #sealed}). Ciphertext does not compress, and Lucene
 *       compresses stored fields (LZ4) at every flush and merge, and must decompress a block of
 *       many documents to read one, but keeps binary doc values as they are. Documents written
 *       before that value existed hold everything as stored fields; they are still read, and
 *       rewritten in this layout when updated.
 *   <li><b>terms</b>, one per record that has index entries, added with a created record, then
 *       replaced on {@link #TERMS_RECORD_ID}: the record id (indexed, and a binary doc value read
 *       for each hit; documents of earlier builds have it on {@link #TERMS_RECORD}, indexed and
 *       as a sorted doc value, still read, and replaced and deleted by that term too); the
 *       blinded terms as indexed, non-stored fields {@code term.<index>} whose term is the bytes;
 *       and what the entries carry, for each index name under which some entry carries bytes, in
 *       one binary doc value {@code carried.<index>} (see {@link #carried(List)}), so that a
 *       term's hits are answered from its postings and that small value alone, without reading
 *       any record. Kept apart from the record document so that a put without terms keeps the
 *       record's entries, bytes and all, without the store ever having to read them back (the
 *       document is simply not touched). Documents written before carried bytes existed have no
 *       {@code carried.<index>} value: their entries carry nothing, exactly like entries written
 *       without bytes.
 *   <li><b>key</b>, one per key name, replaced on {@link #KEY_NAME}: version, state, wrapped
 *       bytes or erasure time, in one binary doc value {@link #KEY_ENTRY}; documents written
 *       before that value existed hold them as stored fields, still read, and rewritten in this
 *       layout when the key is next written.
 *   <li><b>log</b>, one per entry, appended: sequence (point, stored, doc values), sealed bytes.
 *   <li><b>token</b>, one per token used, replaced on {@link #TOKEN_ID}: the use count.
 * </ul>
 *
 * <p>Ids and key names are sorted by their UTF-8 bytes (sorted doc values, term ranges); they
 * are ASCII by validation ({@code RecordId}, {@code KeyName}), so byte order is {@link
 * String#compareTo} order: ordinal and case-sensitive.
 */
final class IndexDocuments {
  static final String KIND = "kind";
  static final String RECORD = "record";
  static final String TERMS = "terms";
  static final String KEY = "key";
  static final String LOG = "log";
  static final String TOKEN = "token";

  static final String RECORD_ID = "record.id";
  static final String RECORD_CLIENT = "record.client";
  static final String RECORD_TYPE = "record.type";
  static final String RECORD_VERSION = "record.version";
  static final String RECORD_CREATED_SECONDS = "record.created.seconds";
  static final String RECORD_CREATED_NANOS = "record.created.nanos";
  static final String RECORD_UPDATED_SECONDS = "record.updated.seconds";
  static final String RECORD_UPDATED_NANOS = "record.updated.nanos";
  static final String RECORD_FORMAT = "record.format";
  static final String RECORD_FIELD_NAME = "record.field.name";
  static final String RECORD_FIELD_CIPHERTEXT = "record.field.ciphertext";
  static final String RECORD_MAC = "record.mac";
  static final String RECORD_SEALED = "record.sealed";
  private static final byte LAYOUT = 1;

  /**
   * The terms document's record id: indexed (the term a terms document is replaced or deleted
   * by) and a binary doc value (read for each of a term's hits, as written).
   */
  static final String TERMS_RECORD_ID = "terms.rid";
  private static final FieldType TERMS_RECORD_ID_TYPE = new FieldType(StringField.TYPE_NOT_STORED);

  static {
    TERMS_RECORD_ID_TYPE.setDocValuesType(DocValuesType.BINARY);
    TERMS_RECORD_ID_TYPE.freeze();
  }

  /**
   * The record id of terms documents written by earlier builds: indexed, and a sorted doc value,
   * whose read decompresses a block of the segment's terms dictionary. Still read and deleted by;
   * never written (Lucene does not let a field drop its sorted doc value in an index that has
   * one, so the id moved to {@link #TERMS_RECORD_ID}).
   */
  static final String TERMS_RECORD = "terms.record";
  static final String TERM_PREFIX = "term.";
  private static final String CARRIED_PREFIX = "carried.";
  /** The longest blinded term ({@link IndexTerm}'s limit). */
  private static final int MAX_TERM = 64;
  private static final byte[] NONE = new byte[0];

  static final String KEY_NAME = "key.name";
  static final String KEY_VERSION = "key.version";
  static final String KEY_STATE = "key.state";
  static final String KEY_WRAPPED = "key.wrapped";
  /** A key document's entry as one binary doc value ({@link #keyValue}). */
  static final String KEY_ENTRY = "key.entry";
  private static final byte KEY_WRAPPED_STATE = 1;
  private static final byte KEY_ERASED_STATE = 2;
  static final String KEY_ERASED_SECONDS = "key.erased.seconds";
  static final String KEY_ERASED_NANOS = "key.erased.nanos";
  private static final String WRAPPED = "wrapped";
  private static final String ERASED = "erased";

  static final String LOG_SEQUENCE = "log.sequence";
  static final String LOG_SEALED = "log.sealed";

  static final String TOKEN_ID = "token.id";
  static final String TOKEN_USES = "token.uses";

  private IndexDocuments() {}

  /** The Lucene term under which a blinded term is indexed: field per index, term = bytes. */
  static Term term(IndexTerm term) {
    return new Term(TERM_PREFIX + term.index(), new BytesRef(term.term()));
  }

  /**
   * The binary doc-values field of a terms document that holds what its entries under this index
   * name carry ({@link #carried(List)}).
   */
  static String carriedField(String index) {
    return CARRIED_PREFIX + index;
  }

  static Term kind(String kind) {
    return new Term(KIND, kind);
  }

  static Term recordId(RecordId id) {
    return new Term(RECORD_ID, id.value());
  }

  static Term termsOf(RecordId id) {
    return new Term(TERMS_RECORD_ID, id.value());
  }

  /** The term of a record's terms document as earlier builds wrote it ({@link #TERMS_RECORD}). */
  static Term earlierTermsOf(RecordId id) {
    return new Term(TERMS_RECORD, id.value());
  }

  static Term keyName(KeyName name) {
    return new Term(KEY_NAME, name.value());
  }

  static Term tokenId(String tokenId) {
    return new Term(TOKEN_ID, tokenId);
  }

  // ------------------------------------------------------------------ records

  static Document record(SealedRecord r) {
    Document d = new Document();
    d.add(new StringField(KIND, RECORD, Store.NO));
    d.add(new StringField(RECORD_ID, r.id().value(), Store.NO));
    d.add(new SortedDocValuesField(RECORD_ID, new BytesRef(r.id().value())));
    d.add(new StringField(RECORD_CLIENT, r.client().value(), Store.NO));
    d.add(new BinaryDocValuesField(RECORD_SEALED, new BytesRef(sealed(r))));
    return d;
  }

  /**
   * The whole record in one value: a layout byte (1); id, type and client (UTF-8); version,
   * created and updated (seconds, nanoseconds), format; the field count, then each field's name
   * (UTF-8) and ciphertext; then the MAC. Strings and byte strings are a 4-byte length and their
   * bytes.
   */
  static byte[] sealed(SealedRecord r) {
    List<SealedField> fields = r.fields();
    byte[] id = utf8(r.id().value());
    byte[] type = utf8(r.type().name());
    byte[] client = utf8(r.client().value());
    byte[][] names = new byte[fields.size()][];
    byte[][] ciphertexts = new byte[fields.size()][];
    byte[] mac = r.mac();
    // Layout byte; three strings (length + bytes); version, created, updated, format; the
    // field count; the MAC (length + bytes). Each field adds its two lengths and bytes below.
    int size = 1 + (12 + id.length + type.length + client.length) + (8 + 12 + 12 + 4)
        + 4 + (4 + mac.length);
    for (int i = 0; i < names.length; i++) {
      names[i] = utf8(fields.get(i).name());
      ciphertexts[i] = fields.get(i).ciphertext();
      size += 8 + names[i].length + ciphertexts[i].length;
    }
    ByteBuffer out = ByteBuffer.allocate(size).put(LAYOUT);
    putChunk(out, id);
    putChunk(out, type);
    putChunk(out, client);
    out.putLong(r.version())
        .putLong(r.created().getEpochSecond()).putInt(r.created().getNano())
        .putLong(r.updated().getEpochSecond()).putInt(r.updated().getNano())
        .putInt(r.format())
        .putInt(names.length);
    for (int i = 0; i < names.length; i++) {
      putChunk(out, names[i]);
      putChunk(out, ciphertexts[i]);
    }
    putChunk(out, mac);
    return out.array();
  }

  /** A record from its value ({@link #sealed}). */
  static SealedRecord record(BytesRef value) {
    ByteBuffer in = ByteBuffer.wrap(value.bytes, value.offset, value.length);
    String id = null;
    try {
      if (in.get() != LAYOUT) {
        throw new IllegalArgumentException("unknown layout");
      }
      id = new String(chunk(in), StandardCharsets.UTF_8);
      RecordType type = RecordType.of(new String(chunk(in), StandardCharsets.UTF_8));
      ClientId client = ClientId.of(new String(chunk(in), StandardCharsets.UTF_8));
      long version = in.getLong();
      Instant created = Instant.ofEpochSecond(in.getLong(), in.getInt());
      Instant updated = Instant.ofEpochSecond(in.getLong(), in.getInt());
      int format = in.getInt();
      int count = in.getInt();
      List<SealedField> fields = new ArrayList<>(Math.min(count, value.length / 8));
      for (int i = 0; i < count; i++) {
        String name = new String(chunk(in), StandardCharsets.UTF_8);
        fields.add(new SealedField(name, chunk(in)));
      }
      byte[] mac = chunk(in);
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("trailing bytes");
      }
      return new SealedRecord(
          RecordId.of(id), type, client, version, created, updated, format, fields, mac);
    } catch (BufferUnderflowException | IllegalArgumentException | InvalidInputException
        | DateTimeException e) {
      // An id, type or client id that is not valid is refused by its type (InvalidInputException).
      throw incomplete(id == null ? "unknown" : id);
    }
  }

  /** A record document of the earlier layout: metadata, names, ciphertexts and MAC stored. */
  static SealedRecord record(Document d) {
    String id = d.get(RECORD_ID);
    String[] names = d.getValues(RECORD_FIELD_NAME);
    BytesRef[] ciphertexts = d.getBinaryValues(RECORD_FIELD_CIPHERTEXT);
    if (id == null || names.length != ciphertexts.length || d.getBinaryValue(RECORD_MAC) == null) {
      throw incomplete(id);
    }
    // Stored fields keep their order, so the i-th name belongs to the i-th ciphertext.
    List<SealedField> fields = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      fields.add(new SealedField(names[i], bytes(ciphertexts[i])));
    }
    return new SealedRecord(
        RecordId.of(id),
        RecordType.of(d.get(RECORD_TYPE)),
        ClientId.of(d.get(RECORD_CLIENT)),
        number(d, RECORD_VERSION).longValue(),
        instant(d, RECORD_CREATED_SECONDS, RECORD_CREATED_NANOS),
        instant(d, RECORD_UPDATED_SECONDS, RECORD_UPDATED_NANOS),
        number(d, RECORD_FORMAT).intValue(),
        fields,
        bytes(d.getBinaryValue(RECORD_MAC)));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void putChunk(ByteBuffer out, byte[] bytes) {
    out.putInt(bytes.length).put(bytes);
  }

  /** A length-prefixed chunk of {@link #sealed(SealedRecord)}'s layout. */
  private static byte[] chunk(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("chunk length out of range");
    }
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }

  private static StoreException incomplete(String id) {
    return new StoreException("a record document in the Lucene index is incomplete (record "
        + id + "): the index is corrupt");
  }

  /**
   * The companion document holding a record's index entries: the blinded terms (indexed, never
   * stored) and, per index name, what its entries carry ({@link #carried(List)}; no value for an
   * index none of whose entries carries anything).
   */
  static Document terms(RecordId id, List<IndexEntry> entries) {
    Document d = new Document();
    d.add(new StringField(KIND, TERMS, Store.NO));
    d.add(new Field(TERMS_RECORD_ID, new BytesRef(id.value()), TERMS_RECORD_ID_TYPE));
    Map<String, List<IndexEntry>> byIndex = new TreeMap<>();
    for (IndexEntry e : entries) {
      Term lucene = term(e.term());
      d.add(new StringField(lucene.field(), lucene.bytes(), Store.NO));
      byIndex.computeIfAbsent(e.term().index(), index -> new ArrayList<>()).add(e);
    }
    byIndex.forEach((index, ofIndex) -> {
      byte[] carried = carried(ofIndex);
      if (carried.length > 0) {
        d.add(new BinaryDocValuesField(carriedField(index), new BytesRef(carried)));
      }
    });
    return d;
  }

  /**
   * What a record's entries under one index name carry, in one value: for each entry that carries
   * bytes, in the order given, the term's length (one byte, 1 to 64), the term, the carried
   * bytes' length (two bytes, big-endian, 1 to {@link IndexEntry#MAX_CARRIED}) and the carried
   * bytes. Entries that carry nothing are left out, so the value is empty when none carries
   * anything (and is then not written).
   */
  static byte[] carried(List<IndexEntry> entries) {
    List<byte[]> terms = new ArrayList<>();
    List<byte[]> carried = new ArrayList<>();
    int size = 0;
    for (IndexEntry e : entries) {
      byte[] bytes = e.carried();
      if (bytes.length > 0) {
        byte[] term = e.term().term();
        terms.add(term);
        carried.add(bytes);
        size += 1 + term.length + 2 + bytes.length;
      }
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    for (int i = 0; i < terms.size(); i++) {
      out.put((byte) terms.get(i).length).put(terms.get(i))
          .putShort((short) carried.get(i).length).put(carried.get(i));
    }
    return out.array();
  }

  /**
   * What the entry for {@code term} carries in a value of {@link #carried(List)}: a copy of its
   * bytes, or empty if the value holds no entry for the term (it was written without bytes).
   * The whole value is checked, not only up to the term's entry.
   *
   * @throws StoreException if the value does not parse (a length out of range or past its end, a
   *     term twice): the index is corrupt
   */
  static byte[] carried(BytesRef value, byte[] term) {
    ByteBuffer in = ByteBuffer.wrap(value.bytes, value.offset, value.length);
    byte[] found = null;
    try {
      while (in.hasRemaining()) {
        int termLength = Byte.toUnsignedInt(in.get());
        int termStart = in.position();
        if (termLength == 0 || termLength > MAX_TERM || termLength > in.remaining()) {
          throw new IllegalArgumentException("term length out of range");
        }
        in.position(termStart + termLength);
        int carriedLength = Short.toUnsignedInt(in.getShort());
        int carriedStart = in.position();
        if (carriedLength == 0 || carriedLength > IndexEntry.MAX_CARRIED
            || carriedLength > in.remaining()) {
          throw new IllegalArgumentException("carried length out of range");
        }
        in.position(carriedStart + carriedLength);
        if (Arrays.equals(value.bytes, termStart, termStart + termLength, term, 0, term.length)) {
          if (found != null) {
            throw new IllegalArgumentException("a term twice");
          }
          found = Arrays.copyOfRange(value.bytes, carriedStart, carriedStart + carriedLength);
        }
      }
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new StoreException(
          "the carried bytes of a terms document in the Lucene index do not parse: the index is "
              + "corrupt");
    }
    return found == null ? NONE : found;
  }

  // ------------------------------------------------------------------ keys

  /**
   * A key document: its name (indexed, and a sorted doc value for listing) and the entry in one
   * binary doc value ({@link #keyValue}), read without the block decompression a stored field
   * costs: puts, releases and searches read key entries on every call.
   */
  static Document key(KeyEntry entry) {
    Document d = new Document();
    d.add(new StringField(KIND, KEY, Store.NO));
    d.add(new StringField(KEY_NAME, entry.name().value(), Store.NO));
    d.add(new SortedDocValuesField(KEY_NAME, new BytesRef(entry.name().value())));
    d.add(new BinaryDocValuesField(KEY_ENTRY, new BytesRef(keyValue(entry))));
    return d;
  }

  /**
   * The bytes of {@link #KEY_ENTRY}: the layout byte, the version, the state byte, then the
   * wrapped key (all the remaining bytes) or the erasure time (seconds, nanos).
   */
  static byte[] keyValue(KeyEntry entry) {
    if (entry instanceof KeyEntry.Wrapped w) {
      return ByteBuffer.allocate(1 + 8 + 1 + w.wrapped().length).put(LAYOUT)
          .putLong(w.version()).put(KEY_WRAPPED_STATE).put(w.wrapped()).array();
    }
    KeyEntry.Erased e = (KeyEntry.Erased) entry;
    return ByteBuffer.allocate(1 + 8 + 1 + 12).put(LAYOUT).putLong(e.version())
        .put(KEY_ERASED_STATE).putLong(e.erasedAt().getEpochSecond())
        .putInt(e.erasedAt().getNano()).array();
  }

  /**
   * The entry under {@code name} from its value ({@link #keyValue}).
   *
   * @throws StoreException if the value does not parse: the index is corrupt
   */
  static KeyEntry key(KeyName name, BytesRef value) {
    ByteBuffer in = ByteBuffer.wrap(value.bytes, value.offset, value.length);
    try {
      if (in.get() != LAYOUT) {
        throw new IllegalArgumentException("unknown layout");
      }
      long version = in.getLong();
      byte state = in.get();
      if (state == KEY_WRAPPED_STATE) {
        byte[] wrapped = new byte[in.remaining()];
        in.get(wrapped);
        return new KeyEntry.Wrapped(name, version, wrapped);
      }
      if (state == KEY_ERASED_STATE && in.remaining() == 12) {
        return new KeyEntry.Erased(name, version, Instant.ofEpochSecond(in.getLong(), in.getInt()));
      }
      throw new IllegalArgumentException("unknown state or length");
    } catch (BufferUnderflowException | IllegalArgumentException | DateTimeException e) {
      throw new StoreException(
          "the key document for " + name + " is incomplete: the index is corrupt");
    }
  }

  /** A key document of the earlier layout (stored fields), still read. */
  static KeyEntry key(Document d) {
    KeyName name = new KeyName(d.get(KEY_NAME));
    long version = number(d, KEY_VERSION).longValue();
    String state = d.get(KEY_STATE);
    if (WRAPPED.equals(state) && d.getBinaryValue(KEY_WRAPPED) != null) {
      return new KeyEntry.Wrapped(name, version, bytes(d.getBinaryValue(KEY_WRAPPED)));
    }
    if (ERASED.equals(state)) {
      return new KeyEntry.Erased(name, version, instant(d, KEY_ERASED_SECONDS, KEY_ERASED_NANOS));
    }
    throw new StoreException("the key document for " + name + " is incomplete: the index is corrupt");
  }

  // ------------------------------------------------------------------ log and tokens

  static Document log(LogEntry entry) {
    Document d = new Document();
    d.add(new StringField(KIND, LOG, Store.NO));
    d.add(new LongPoint(LOG_SEQUENCE, entry.sequence()));
    d.add(new NumericDocValuesField(LOG_SEQUENCE, entry.sequence()));
    d.add(new StoredField(LOG_SEQUENCE, entry.sequence()));
    d.add(new StoredField(LOG_SEALED, new BytesRef(entry.sealed())));
    return d;
  }

  static LogEntry log(Document d) {
    BytesRef sealed = d.getBinaryValue(LOG_SEALED);
    if (sealed == null) {
      throw new StoreException("a log document is incomplete: the index is corrupt");
    }
    return new LogEntry(number(d, LOG_SEQUENCE).longValue(), bytes(sealed));
  }

  static Document token(String tokenId, int uses) {
    Document d = new Document();
    d.add(new StringField(KIND, TOKEN, Store.NO));
    d.add(new StringField(TOKEN_ID, tokenId, Store.NO));
    d.add(new StoredField(TOKEN_USES, uses));
    return d;
  }

  // ------------------------------------------------------------------ values

  static Number number(Document d, String field) {
    IndexableField f = d.getField(field);
    if (f == null || f.numericValue() == null) {
      throw new StoreException("stored field " + field + " is missing: the index is corrupt");
    }
    return f.numericValue();
  }

  private static Instant instant(Document d, String seconds, String nanos) {
    return Instant.ofEpochSecond(number(d, seconds).longValue(), number(d, nanos).intValue());
  }

  /** An exact-length copy: a stored value's BytesRef may be a slice of a shared buffer. */
  static byte[] bytes(BytesRef ref) {
    return Arrays.copyOfRange(ref.bytes, ref.offset, ref.offset + ref.length);
  }
}
