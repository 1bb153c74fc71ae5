package io.securerecords.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.TermHit;
import io.securerecords.api.store.WriteBatch;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/**
 * The fields looked up by an exact key have a Bloom filter in front of their terms; the others
 * keep the default postings format; and segments written with and without the filters are read,
 * and merge, with every key still found (a filter that ruled out a key it holds would lose it).
 */
class KeyLookupCodecTest {
  private static final String FORMAT = "PerFieldPostingsFormat.format";

  @Test
  void keyFieldsAreFilteredAndTheOthersAreNot() throws IOException {
    try (Directory directory = new ByteBuffersDirectory()) {
      try (LuceneRecordStore store = LuceneRecordStore.open(directory)) {
        store.write(Batches.batch(0).toBuilder()
            .putKey(new KeyEntry.Wrapped(new KeyName("system:kek-test"), 1, new byte[] {1, 2}), 0)
            .useToken("token-1", 3)
            .build());
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        int segments = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
          if (leaf.reader().getFieldInfos().fieldInfo(IndexDocuments.RECORD_ID) == null) {
            continue; // the initial empty commit
          }
          segments++;
          for (String field : List.of(IndexDocuments.RECORD_ID, IndexDocuments.TERMS_RECORD_ID,
              IndexDocuments.KEY_NAME, IndexDocuments.TOKEN_ID, "term.all", "term.own")) {
            assertEquals("BloomFilter", format(leaf, field), field);
          }
          for (String field : List.of(IndexDocuments.KIND, IndexDocuments.RECORD_CLIENT)) {
            assertEquals("Lucene912", format(leaf, field), field);
          }
        }
        assertEquals(1, segments);
      }
    }
  }

  @Test
  void segmentsWithAndWithoutFiltersMergeAndEveryKeyIsStillFound() throws IOException {
    int earlier = 30;
    int later = 60;
    try (Directory directory = new ByteBuffersDirectory()) {
      // Segments of the default codec, one per commit, as an earlier build wrote them.
      try (IndexWriter w = new IndexWriter(directory, new IndexWriterConfig())) {
        for (int n = 0; n < earlier; n++) {
          SealedRecord r = Batches.record(n);
          w.addDocument(IndexDocuments.record(r));
          w.addDocument(IndexDocuments.terms(r.id(),
              List.of(io.securerecords.api.store.IndexEntry.of(Batches.ALL),
                  io.securerecords.api.store.IndexEntry.of(Batches.ownTerm(n)))));
          w.commit();
        }
      }
      try (LuceneRecordStore store = LuceneRecordStore.open(directory)) {
        // One commit each: enough segments for the merge policy to merge old and new together.
        for (int n = earlier; n < earlier + later; n++) {
          store.write(WriteBatch.builder()
              .putRecord(Batches.record(n), 0)
              .indexTerms(Batches.id(n), List.of(Batches.ALL, Batches.ownTerm(n)))
              .build());
        }
        for (int n = 0; n < earlier + later; n++) {
          RecordId id = Batches.id(n);
          assertEquals(Batches.record(n), store.record(id).orElseThrow(), "record " + n);
          assertEquals(List.of(id), store.findByTerm(Batches.ownTerm(n)), "term of " + n);
          assertEquals(List.of(new TermHit(id, new byte[0])), store.hitsByTerm(Batches.ownTerm(n)));
        }
        assertEquals(earlier + later, store.findByTerm(Batches.ALL).size());
        assertTrue(store.record(Batches.id(earlier + later)).isEmpty());
        assertEquals(List.of(), store.findByTerm(Batches.ownTerm(earlier + later)));
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        boolean mixed = false;
        for (LeafReaderContext leaf : reader.leaves()) {
          mixed |= leaf.reader().maxDoc() > 2 * 12;
        }
        assertTrue(mixed || reader.leaves().size() < earlier + later,
            "the store's writes should have merged segments");
      }
    }
  }

  private static String format(LeafReaderContext leaf, String field) {
    FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(field);
    return info == null ? null : info.getAttribute(FORMAT);
  }
}
