package io.securerecords.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.StoreException;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * The record document's layout: sealed fields and MAC in one binary doc value, and documents of
 * the earlier layout (each name, ciphertext and the MAC a stored field) still read.
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
        w.addDocument(IndexDocuments.terms(old.id(), List.of(Batches.ALL)));
        w.commit();
      }
      try (LuceneRecordStore store = LuceneRecordStore.open(directory)) {
        assertEquals(old, store.record(old.id()).orElseThrow());
        assertTrue(Arrays.equals(old.mac(), store.record(old.id()).orElseThrow().mac()));
        assertEquals(List.of(old), store.records(old.client()));
        assertEquals(List.of(old), store.recordsByTerm(Batches.ALL));

        SealedRecord updated = new SealedRecord(old.id(), old.type(), old.client(), 2,
            old.created(), old.updated().plusSeconds(1), 2,
            List.of(new SealedField("summary", Batches.payload(99, 40))), new byte[0]);
        SealedRecord created = Batches.record(2);
        store.write(WriteBatch.builder()
            .putRecord(updated, 1)
            .putRecord(created, 0)
            .indexTerms(created.id(), List.of(Batches.ALL))
            .build());
        assertEquals(updated, store.record(old.id()).orElseThrow());
        assertEquals(List.of(updated, created), store.records(old.client()));
        assertEquals(List.of(updated, created), store.recordsByTerm(Batches.ALL));
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
