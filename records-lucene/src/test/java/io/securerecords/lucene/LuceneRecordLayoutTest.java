package io.securerecords.lucene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.StoreException;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.IndexEntry;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.TermHit;
import io.securerecords.api.store.WriteBatch;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * The documents' layout: a record's sealed fields and MAC in one binary doc value, and documents
 * of the earlier layout (each name, ciphertext and the MAC a stored field) still read; the bytes
 * a record's index entries carry in one small value per index name beside its terms, read for a
 * term's hits without the record, and terms documents written before entries carried bytes
 * still hit, with nothing carried.
 */
class LuceneRecordLayoutTest {

  @Test
  void aRecordsSealedBytesRoundTripInOneValue() {
    SealedRecord r = Batches.record(7);
    byte[] sealed = IndexDocuments.sealed(r);
    SealedRecord back = IndexDocuments.record(new BytesRef(sealed));
    assertEquals(r, back);
    assertTrue(Arrays.equals(r.mac(), back.mac()));
  }

  @Test
  void aRecordWithoutFieldsOrMacRoundTrips() {
    SealedRecord r = Batches.record(8);
    SealedRecord bare = new SealedRecord(r.id(), r.type(), r.client(), r.version(), r.created(),
        r.updated(), 2, List.of(), new byte[0]);
    assertEquals(bare, IndexDocuments.record(new BytesRef(IndexDocuments.sealed(bare))));
  }

  @Test
  void truncatedOrOverlongSealedBytesAreReportedAsCorruptWithoutTheirContent() {
    SealedRecord r = Batches.record(9);
    byte[] sealed = IndexDocuments.sealed(r);
    for (int cut : new int[] {0, 3, 4, 9, sealed.length / 2, sealed.length - 1}) {
      BytesRef truncated = new BytesRef(sealed, 0, cut);
      StoreException e = assertThrows(StoreException.class,
          () -> IndexDocuments.record(truncated), "cut at " + cut);
      assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
      // The record's id is named once it could be read (after the layout byte and its length).
      if (cut >= 5 + r.id().value().length()) {
        assertTrue(e.getMessage().contains(r.id().value()), e.getMessage());
      }
    }
    byte[] longer = Arrays.copyOf(sealed, sealed.length + 1);
    assertThrows(StoreException.class, () -> IndexDocuments.record(new BytesRef(longer)));
    byte[] unknownLayout = sealed.clone();
    unknownLayout[0] = 2;
    assertThrows(StoreException.class, () -> IndexDocuments.record(new BytesRef(unknownLayout)));
    // The field count follows the layout byte, three strings and 36 bytes of numbers.
    int count = 1 + 12 + r.id().value().length() + r.type().name().length()
        + r.client().value().length() + 36;
    byte[] negativeCount = sealed.clone();
    negativeCount[count] = (byte) 0x80;
    assertThrows(StoreException.class, () -> IndexDocuments.record(new BytesRef(negativeCount)));
    byte[] badId = sealed.clone();
    badId[5] = ' ';
    assertThrows(StoreException.class, () -> IndexDocuments.record(new BytesRef(badId)));
  }

  @Test
  void anIndexOfTheEarlierLayoutStillReadsAndIsRewrittenInTheNewOneOnUpdate() throws IOException {
    SealedRecord old = Batches.record(1);
    try (Directory directory = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(directory, new IndexWriterConfig())) {
        w.addDocument(earlierLayout(old));
        w.addDocument(earlierTermsLayout(old.id(), List.of(Batches.ALL, Batches.ownTerm(1))));
        w.commit();
      }
      try (LuceneRecordStore store = LuceneRecordStore.open(directory)) {
        assertEquals(old, store.record(old.id()).orElseThrow());
        assertTrue(Arrays.equals(old.mac(), store.record(old.id()).orElseThrow().mac()));
        assertEquals(List.of(old), store.records(old.client()));
        assertEquals(List.of(old), store.recordsByTerm(Batches.ALL));
        // Terms written before entries carried bytes hit with nothing carried.
        assertEquals(List.of(new TermHit(old.id(), new byte[0])), store.hitsByTerm(Batches.ALL));
        assertEquals(List.of(new TermHit(old.id(), new byte[0])),
            store.hitsByTerm(Batches.ownTerm(1)));

        SealedRecord updated = new SealedRecord(old.id(), old.type(), old.client(), 2,
            old.created(), old.updated().plusSeconds(1), 2,
            List.of(new SealedField("summary", Batches.payload(99, 40))), new byte[0]);
        SealedRecord created = Batches.record(2);
        byte[] carried = Batches.payload(4, IndexEntry.MAX_CARRIED);
        store.write(WriteBatch.builder()
            .putRecord(updated, 1)
            .putRecord(created, 0)
            .indexEntries(created.id(), List.of(new IndexEntry(Batches.ALL, carried)))
            .build());
        assertEquals(updated, store.record(old.id()).orElseThrow());
        assertEquals(List.of(updated, created), store.records(old.client()));
        assertEquals(List.of(updated, created), store.recordsByTerm(Batches.ALL));
        // The put without terms kept the earlier terms document as it was.
        assertEquals(List.of(new TermHit(old.id(), new byte[0]), new TermHit(created.id(), carried)),
            store.hitsByTerm(Batches.ALL));

        store.write(WriteBatch.builder()
            .indexEntries(old.id(), List.of(new IndexEntry(Batches.ALL, Batches.payload(5, 9))))
            .build());
        assertEquals(List.of(new TermHit(old.id(), Batches.payload(5, 9)),
            new TermHit(created.id(), carried)), store.hitsByTerm(Batches.ALL));
        assertEquals(List.of(), store.hitsByTerm(Batches.ownTerm(1)));
      }
    }
  }

  @Test
  void anEarlierLayoutDocumentMissingItsMacIsCorrupt() throws IOException {
    SealedRecord old = Batches.record(3);
    Document doc = earlierLayout(old);
    doc.removeField(IndexDocuments.RECORD_MAC);
    try (Directory directory = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(directory, new IndexWriterConfig())) {
        w.addDocument(doc);
        w.commit();
      }
      try (LuceneRecordStore store = LuceneRecordStore.open(directory)) {
        StoreException e = assertThrows(StoreException.class, () -> store.record(old.id()));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
      }
    }
  }

  @Test
  void hitsAreAnsweredWithoutReadingTheRecords() throws IOException {
    SealedRecord r = Batches.record(4);
    byte[] carried = Batches.payload(6, 33);
    try (Directory directory = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(directory, new IndexWriterConfig())) {
        // A record document whose sealed value does not parse: reading the record fails.
        Document record = IndexDocuments.record(r);
        record.removeField(IndexDocuments.RECORD_SEALED);
        record.add(new BinaryDocValuesField(IndexDocuments.RECORD_SEALED, new BytesRef(new byte[3])));
        w.addDocument(record);
        w.addDocument(IndexDocuments.terms(r.id(),
            List.of(new IndexEntry(Batches.ALL, carried), IndexEntry.of(Batches.ownTerm(4)))));
        w.commit();
      }
      try (LuceneRecordStore store = LuceneRecordStore.open(directory)) {
        assertThrows(StoreException.class, () -> store.recordsByTerm(Batches.ALL));
        assertEquals(List.of(new TermHit(r.id(), carried)), store.hitsByTerm(Batches.ALL));
        assertEquals(List.of(new TermHit(r.id(), new byte[0])), store.hitsByTerm(Batches.ownTerm(4)));
      }
    }
  }

  @Test
  void aTermsDocumentsRecordIdIsABinaryValueAndEarlierSortedIdsStillReadInTheSameSegment()
      throws IOException {
    Document now = IndexDocuments.terms(Batches.id(2), List.of(IndexEntry.of(Batches.ALL)));
    assertEquals(0, now.getFields(IndexDocuments.TERMS_RECORD).length);
    IndexableField id = now.getField(IndexDocuments.TERMS_RECORD_ID);
    assertEquals(new BytesRef(Batches.id(2).value()), id.binaryValue());
    assertEquals(DocValuesType.BINARY, id.fieldType().docValuesType());
    assertEquals(IndexOptions.DOCS, id.fieldType().indexOptions());

    SealedRecord old = Batches.record(1);
    SealedRecord current = Batches.record(2);
    SealedRecord later = Batches.record(3);
    byte[] carried = Batches.payload(7, 21);
    try (Directory directory = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(directory, new IndexWriterConfig())) {
        w.addDocument(IndexDocuments.record(old));
        w.addDocument(earlierTermsLayout(old.id(), List.of(Batches.ALL)));
        w.commit();
        w.addDocument(IndexDocuments.record(later));
        w.addDocument(IndexDocuments.terms(later.id(), List.of(IndexEntry.of(Batches.ALL))));
        w.addDocument(IndexDocuments.record(current));
        w.addDocument(IndexDocuments.terms(current.id(),
            List.of(new IndexEntry(Batches.ALL, carried))));
        w.forceMerge(1);
        w.commit();
      }
      try (LuceneRecordStore store = LuceneRecordStore.open(directory)) {
        List<RecordId> ids = List.of(old.id(), current.id(), later.id());
        assertEquals(ids.stream().sorted().toList(), store.findByTerm(Batches.ALL));
        List<TermHit> hits = store.hitsByTerm(Batches.ALL);
        assertEquals(ids.stream().sorted().toList(), hits.stream().map(TermHit::record).toList());
        for (TermHit hit : hits) {
          assertArrayEquals(hit.record().equals(current.id()) ? carried : new byte[0],
              hit.carried());
        }
        assertEquals(List.of(old, current, later).stream()
            .sorted(java.util.Comparator.comparing(SealedRecord::id)).toList(),
            store.recordsByTerm(Batches.ALL));

        // An earlier build's terms document goes with its record.
        store.write(WriteBatch.builder().deleteRecord(old.id(), old.version()).build());
        assertEquals(List.of(current.id(), later.id()).stream().sorted().toList(),
            store.findByTerm(Batches.ALL));
      }
    }
  }

  @Test
  void eachIndexsCarriedBytesAreOneValueBesideTheTermsAndOnlyWhenSomeEntryCarriesAny() {
    IndexTerm a = new IndexTerm("own", new byte[] {1});
    IndexTerm b = new IndexTerm("own", new byte[64]);
    IndexTerm bare = new IndexTerm("own", new byte[] {1, 0});
    IndexTerm other = new IndexTerm("other", new byte[] {1});
    byte[] first = Batches.payload(1, 1);
    byte[] second = Batches.payload(2, IndexEntry.MAX_CARRIED);
    Document d = IndexDocuments.terms(Batches.id(1), List.of(new IndexEntry(a, first),
        IndexEntry.of(bare), new IndexEntry(b, second), IndexEntry.of(other)));

    assertEquals(1, d.getFields(IndexDocuments.carriedField("own")).length);
    assertEquals(0, d.getFields(IndexDocuments.carriedField("other")).length);
    BytesRef value = d.getBinaryValue(IndexDocuments.carriedField("own"));
    assertEquals(1 + 1 + 2 + 1 + 1 + 64 + 2 + IndexEntry.MAX_CARRIED, value.length);
    assertArrayEquals(first, IndexDocuments.carried(value, a.term()));
    assertArrayEquals(second, IndexDocuments.carried(value, b.term()));
    assertArrayEquals(new byte[0], IndexDocuments.carried(value, bare.term()));
    assertArrayEquals(new byte[0], IndexDocuments.carried(value, new byte[] {1, 0, 0}));
  }

  @Test
  void carriedBytesThatDoNotParseAreReportedAsCorruptWithoutTheirContent() {
    byte[] term = {7, 7};
    byte[] carried = {9, 9, 9};
    byte[] value = IndexDocuments.carried(List.of(new IndexEntry(new IndexTerm("own", term), carried),
        new IndexEntry(new IndexTerm("own", new byte[] {8}), carried)));
    // [2][7 7][0 3][9 9 9] [1][8][0 3][9 9 9]
    assertEquals(15, value.length);
    // Every cut inside an entry (8 is between the two), and lengths out of range.
    for (int cut : new int[] {1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14}) {
      BytesRef truncated = new BytesRef(value, 0, cut);
      StoreException e = assertThrows(StoreException.class,
          () -> IndexDocuments.carried(truncated, term), "cut at " + cut);
      assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }
    for (int[] change : new int[][] {{0, 0}, {0, 65}, {0, 15}, {3, 1}, {4, 0}, {4, 5}, {4, 100}}) {
      byte[] bad = value.clone();
      bad[change[0]] = (byte) change[1];
      assertThrows(StoreException.class, () -> IndexDocuments.carried(new BytesRef(bad), term),
          "byte " + change[0] + " set to " + change[1]);
    }
    byte[] twice = Arrays.copyOf(value, 16);
    System.arraycopy(value, 0, twice, 8, 8);
    assertThrows(StoreException.class, () -> IndexDocuments.carried(new BytesRef(twice), term));
    assertArrayEquals(carried, IndexDocuments.carried(new BytesRef(twice, 0, 8), term));
    assertArrayEquals(carried, IndexDocuments.carried(new BytesRef(twice, 8, 8), term));
    assertArrayEquals(new byte[0], IndexDocuments.carried(new BytesRef(value, 0, 0), term));
  }

  @Test
  void aKeyEntryIsOneValueAndOneThatDoesNotParseIsCorrupt() {
    KeyName name = new KeyName("client:client-9");
    KeyEntry.Wrapped wrapped = new KeyEntry.Wrapped(name, 3, Batches.payload(3, 120));
    KeyEntry.Erased erased = new KeyEntry.Erased(name, 4, Instant.ofEpochSecond(1_772_000_000, 5));
    Document d = IndexDocuments.key(wrapped);
    assertEquals(0, d.getFields().stream().filter(f -> f.fieldType().stored()).count());
    assertEquals(DocValuesType.BINARY,
        d.getField(IndexDocuments.KEY_ENTRY).fieldType().docValuesType());
    for (KeyEntry entry : List.of(wrapped, erased)) {
      byte[] value = IndexDocuments.keyValue(entry);
      KeyEntry back = IndexDocuments.key(name, new BytesRef(value));
      assertEquals(entry.getClass(), back.getClass());
      assertEquals(entry.version(), back.version());
      if (entry instanceof KeyEntry.Wrapped w) {
        assertArrayEquals(w.wrapped(), ((KeyEntry.Wrapped) back).wrapped());
      } else {
        assertEquals(erased.erasedAt(), ((KeyEntry.Erased) back).erasedAt());
      }
      // Every cut is corrupt, except those inside a wrapped key (a shorter wrapped key, which
      // the KEK's authentication refuses when it is unwrapped).
      int shortest = entry instanceof KeyEntry.Wrapped ? 10 : value.length;
      for (int cut = 0; cut < shortest; cut++) {
        BytesRef truncated = new BytesRef(value, 0, cut);
        StoreException e = assertThrows(StoreException.class,
            () -> IndexDocuments.key(name, truncated), "cut at " + cut);
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
      }
      for (int[] change : new int[][] {{0, 0}, {0, 2}, {9, 0}, {9, 3}, {1, 0x80}}) {
        byte[] bad = value.clone();
        bad[change[0]] = (byte) change[1];
        assertThrows(StoreException.class, () -> IndexDocuments.key(name, new BytesRef(bad)),
            "byte " + change[0] + " set to " + change[1]);
      }
    }
    byte[] longer = Arrays.copyOf(IndexDocuments.keyValue(erased), 23);
    assertThrows(StoreException.class, () -> IndexDocuments.key(name, new BytesRef(longer)));
  }

  @Test
  void keyDocumentsOfTheEarlierLayoutStillReadAndAreRewrittenInTheNewOneWhenWritten()
      throws IOException {
    KeyName held = new KeyName("client:client-1");
    KeyName gone = new KeyName("client:client-2");
    KeyName current = new KeyName("client:client-3");
    KeyEntry.Wrapped oldWrapped = new KeyEntry.Wrapped(held, 2, Batches.payload(1, 90));
    KeyEntry.Erased oldErased = new KeyEntry.Erased(gone, 5, Instant.ofEpochSecond(1_772_000_000, 7));
    KeyEntry.Wrapped now = new KeyEntry.Wrapped(current, 1, Batches.payload(2, 90));
    try (Directory directory = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(directory, new IndexWriterConfig())) {
        w.addDocument(earlierKeyLayout(oldWrapped));
        w.addDocument(earlierKeyLayout(oldErased));
        w.commit();
        w.addDocument(IndexDocuments.key(now));
        w.forceMerge(1);
        w.commit();
      }
      try (LuceneRecordStore store = LuceneRecordStore.open(directory)) {
        List<KeyEntry> all = store.keys(Set.of(held, gone, current, new KeyName("client:none")));
        assertEquals(List.of(held, gone, current), all.stream().map(KeyEntry::name).toList());
        assertArrayEquals(oldWrapped.wrapped(), ((KeyEntry.Wrapped) all.get(0)).wrapped());
        assertEquals(2, all.get(0).version());
        assertEquals(oldErased.erasedAt(), ((KeyEntry.Erased) all.get(1)).erasedAt());
        assertEquals(5, all.get(1).version());
        assertArrayEquals(now.wrapped(), ((KeyEntry.Wrapped) store.key(current).orElseThrow()).wrapped());
        assertEquals(List.of(held, gone, current), store.keyNames(null, 10));

        KeyEntry.Wrapped rotated = new KeyEntry.Wrapped(held, 3, Batches.payload(3, 90));
        store.write(WriteBatch.builder().putKey(rotated, 2).build());
        KeyEntry back = store.key(held).orElseThrow();
        assertEquals(3, back.version());
        assertArrayEquals(rotated.wrapped(), ((KeyEntry.Wrapped) back).wrapped());
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        int withValue = 0;
        for (var leaf : reader.leaves()) {
          var values = leaf.reader().getBinaryDocValues(IndexDocuments.KEY_ENTRY);
          for (int d = 0; values != null && d < leaf.reader().maxDoc(); d++) {
            if ((leaf.reader().getLiveDocs() == null || leaf.reader().getLiveDocs().get(d))
                && values.advanceExact(d)) {
              withValue++;
            }
          }
        }
        // The rewritten key and the one written in the new layout; the erased one as it was.
        assertEquals(2, withValue);
      }
    }
  }

  /**
   * Key entries read together come from every segment, each name's live document only, in name
   * order whatever the documents' order, from both layouts: the same entries as read one by one.
   */
  @Test
  void keyEntriesReadTogetherAreTheLiveOnesOfEverySegmentInBothLayouts() throws IOException {
    KeyName a = new KeyName("client:a");
    KeyName b = new KeyName("client:b");
    KeyName c = new KeyName("client:c");
    KeyName d = new KeyName("client:d");
    KeyEntry.Wrapped aFirst = new KeyEntry.Wrapped(a, 1, Batches.payload(1, 90));
    KeyEntry.Wrapped aRotated = new KeyEntry.Wrapped(a, 2, Batches.payload(2, 90));
    KeyEntry.Wrapped bEarlier = new KeyEntry.Wrapped(b, 4, Batches.payload(3, 90));
    KeyEntry.Wrapped cHeld = new KeyEntry.Wrapped(c, 1, Batches.payload(4, 90));
    KeyEntry.Erased dErased = new KeyEntry.Erased(d, 3, Instant.ofEpochSecond(1_772_000_000, 9));
    try (Directory directory = new ByteBuffersDirectory()) {
      IndexWriterConfig config = new IndexWriterConfig()
          .setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE);
      try (IndexWriter w = new IndexWriter(directory, config)) {
        // Documents in the reverse of the names' order; the earlier layout in the middle.
        w.addDocument(IndexDocuments.key(cHeld));
        w.addDocument(earlierKeyLayout(bEarlier));
        w.addDocument(IndexDocuments.key(aFirst));
        w.commit();
        w.updateDocument(IndexDocuments.keyName(a), IndexDocuments.key(aRotated));
        w.addDocument(IndexDocuments.key(dErased));
        w.commit();
      }
      try (LuceneRecordStore store = LuceneRecordStore.open(directory)) {
        Set<KeyName> asked = Set.of(d, new KeyName("client:none"), a, c, b);
        List<KeyEntry> together = store.keys(asked);
        assertEquals(List.of(aRotated, bEarlier, cHeld, dErased), together);
        for (KeyEntry entry : together) {
          assertEquals(entry, store.key(entry.name()).orElseThrow());
        }
        assertEquals(List.of(cHeld, dErased), store.keys(Set.of(d, c)));
      }
    }
  }

  /** A key document as stores before its binary doc value wrote it: stored fields. */
  private static Document earlierKeyLayout(KeyEntry entry) {
    Document d = new Document();
    d.add(new StringField(IndexDocuments.KIND, IndexDocuments.KEY, Store.NO));
    d.add(new StringField(IndexDocuments.KEY_NAME, entry.name().value(), Store.YES));
    d.add(new SortedDocValuesField(IndexDocuments.KEY_NAME, new BytesRef(entry.name().value())));
    d.add(new StoredField(IndexDocuments.KEY_VERSION, entry.version()));
    if (entry instanceof KeyEntry.Wrapped w) {
      d.add(new StoredField(IndexDocuments.KEY_STATE, "wrapped"));
      d.add(new StoredField(IndexDocuments.KEY_WRAPPED, new BytesRef(w.wrapped())));
    } else {
      KeyEntry.Erased e = (KeyEntry.Erased) entry;
      d.add(new StoredField(IndexDocuments.KEY_STATE, "erased"));
      d.add(new StoredField(IndexDocuments.KEY_ERASED_SECONDS, e.erasedAt().getEpochSecond()));
      d.add(new StoredField(IndexDocuments.KEY_ERASED_NANOS, e.erasedAt().getNano()));
    }
    return d;
  }

  /** A terms document as stores before entries carried bytes wrote it: the terms alone. */
  private static Document earlierTermsLayout(RecordId id, List<IndexTerm> terms) {
    Document d = new Document();
    d.add(new StringField(IndexDocuments.KIND, IndexDocuments.TERMS, Store.NO));
    d.add(new StringField(IndexDocuments.TERMS_RECORD, id.value(), Store.NO));
    d.add(new SortedDocValuesField(IndexDocuments.TERMS_RECORD, new BytesRef(id.value())));
    for (IndexTerm t : terms) {
      d.add(new StringField("term." + t.index(), new BytesRef(t.term()), Store.NO));
    }
    return d;
  }

  /** A record document as stores before the binary doc value wrote it: all stored fields. */
  private static Document earlierLayout(SealedRecord r) {
    Document d = new Document();
    d.add(new StringField(IndexDocuments.KIND, IndexDocuments.RECORD, Store.NO));
    d.add(new StringField(IndexDocuments.RECORD_ID, r.id().value(), Store.YES));
    d.add(new SortedDocValuesField(IndexDocuments.RECORD_ID, new BytesRef(r.id().value())));
    d.add(new StringField(IndexDocuments.RECORD_CLIENT, r.client().value(), Store.YES));
    d.add(new StoredField(IndexDocuments.RECORD_TYPE, r.type().name()));
    d.add(new StoredField(IndexDocuments.RECORD_VERSION, r.version()));
    d.add(new StoredField(IndexDocuments.RECORD_CREATED_SECONDS, r.created().getEpochSecond()));
    d.add(new StoredField(IndexDocuments.RECORD_CREATED_NANOS, r.created().getNano()));
    d.add(new StoredField(IndexDocuments.RECORD_UPDATED_SECONDS, r.updated().getEpochSecond()));
    d.add(new StoredField(IndexDocuments.RECORD_UPDATED_NANOS, r.updated().getNano()));
    d.add(new StoredField(IndexDocuments.RECORD_FORMAT, r.format()));
    for (SealedField f : r.fields()) {
      d.add(new StoredField(IndexDocuments.RECORD_FIELD_NAME, f.name()));
      d.add(new StoredField(IndexDocuments.RECORD_FIELD_CIPHERTEXT, new BytesRef(f.ciphertext())));
    }
    d.add(new StoredField(IndexDocuments.RECORD_MAC, new BytesRef(r.mac())));
    return d;
  }
}
