package io.securerecords.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.bloom.BloomFilteringPostingsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * A plaintext Lucene index of the sealed store's shape: one document per record with its id,
 * client and type as terms, metadata and fields stored, the register number as a term. Every
 * write commits, as the sealed store's does.
 */
public final class PlainIndex implements AutoCloseable {
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final boolean terms;

  public PlainIndex(Path folder) throws IOException {
    this(folder, false);
  }

  /**
   * With {@code terms}, each document also holds its {@link PlainRows.Term}s in clear, one term
   * field per index ({@code term.<index>}): the twin that answers the same searches as the
   * sealed store.
   */
  public PlainIndex(Path folder, boolean terms) throws IOException {
    this.terms = terms;
    directory = FSDirectory.open(folder);
    writer = new IndexWriter(directory, new IndexWriterConfig()
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setCodec(new KeyLookups())
        .setCommitOnClose(false));
    writer.commit();
    searchers = new SearcherManager(writer, null);
  }

  /**
   * The same engine set-up as the sealed store's: a Bloom filter in front of the fields looked up
   * by an exact key (id, register number, the index terms), the default format elsewhere.
   */
  private static final class KeyLookups extends Lucene912Codec {
    private final PostingsFormat bloomed =
        new BloomFilteringPostingsFormat(super.getPostingsFormatForField(""));

    @Override
    public PostingsFormat getPostingsFormatForField(String field) {
      return field.equals("id") || field.equals("register") || field.startsWith("term.")
          ? bloomed : super.getPostingsFormatForField(field);
    }
  }

  /** Adds the rows and commits. */
  public void insert(List<PlainRows.Row> rows) throws IOException {
    for (PlainRows.Row r : rows) {
      Document d = new Document();
      d.add(new StringField("id", r.id(), Field.Store.YES));
      d.add(new StringField("client", r.client(), Field.Store.YES));
      d.add(new StringField("type", r.type(), Field.Store.YES));
      d.add(new StoredField("version", r.version()));
      d.add(new StoredField("created_s", r.createdSeconds()));
      d.add(new StoredField("created_n", r.createdNanos()));
      if (r.registerNumber() != null) {
        d.add(new StringField("register", r.registerNumber(), Field.Store.NO));
      }
      d.add(new StoredField("fields", r.fields()));
      if (terms) {
        for (PlainRows.Term t : r.terms()) {
          d.add(new StringField("term." + t.index(), t.value(), Field.Store.NO));
        }
      }
      writer.addDocument(d);
    }
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  /** The stored fields of the document with this id, or null. */
  public String get(String id) throws IOException {
    return one(new Term("id", id));
  }

  /** The stored fields of the document with this register number, or null. */
  public String byRegisterNumber(String number) throws IOException {
    return one(new Term("register", number));
  }

  /** Reads the term's postings segment by segment, as the sealed store reads a unique key. */
  private String one(Term term) throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        PostingsEnum docs = leaf.reader().postings(term, PostingsEnum.NONE);
        if (docs == null) {
          continue;
        }
        Bits live = leaf.reader().getLiveDocs();
        for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
          if (live == null || live.get(d)) {
            Document doc = s.storedFields().document(leaf.docBase + d);
            return doc.get("version") + ":" + doc.get("fields");
          }
        }
      }
      return null;
    } finally {
      searchers.release(s);
    }
  }

  /** The number of documents. */
  public int count() throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      return s.getIndexReader().numDocs();
    } finally {
      searchers.release(s);
    }
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
    directory.close();
  }
}
