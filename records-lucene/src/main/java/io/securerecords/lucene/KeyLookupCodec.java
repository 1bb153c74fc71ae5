package io.securerecords.lucene;

import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.bloom.BloomFilteringPostingsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;

/**
 * Lucene's default codec, with a Bloom filter (Lucene's {@link BloomFilteringPostingsFormat},
 * about a 10% false-positive rate) in front of the terms of every field the store looks up by an
 * exact key: record ids, the terms documents' record ids, key names, token ids and the blinded
 * index terms ({@code term.<index>}). Such a lookup visits every segment; a segment whose filter
 * rules the key out is skipped without loading a block of its terms dictionary. The filters hold
 * hashes of the same values the terms dictionary already holds (ids in clear by design, blinded
 * terms), nothing else.
 *
 * <p>The codec keeps the default codec's name: each field's postings format is recorded in the
 * segment, so an index written with or without the filters is read by any reader that has
 * Lucene's codecs module, and segments merge from one to the other.
 */
final class KeyLookupCodec extends Lucene912Codec {
  private final PostingsFormat bloomed = new BloomFilteringPostingsFormat(super.getPostingsFormatForField(""));

  @Override
  public PostingsFormat getPostingsFormatForField(String field) {
    return lookedUpByKey(field) ? bloomed : super.getPostingsFormatForField(field);
  }

  static boolean lookedUpByKey(String field) {
    return field.equals(IndexDocuments.RECORD_ID)
        || field.equals(IndexDocuments.TERMS_RECORD_ID)
        || field.equals(IndexDocuments.TERMS_RECORD)
        || field.equals(IndexDocuments.KEY_NAME)
        || field.equals(IndexDocuments.TOKEN_ID)
        || field.startsWith(IndexDocuments.TERM_PREFIX);
  }
}
