/**
 * A {@link io.securerecords.api.store.RecordStore} in an Apache Lucene index: {@link
 * io.securerecords.lucene.LuceneRecordStore}. Sealed records, wrapped keys, the enquiry log and
 * token use counts are documents of one index, so one Lucene commit makes a batch atomic;
 * blind-index terms are indexed, non-stored Lucene terms. No plaintext reaches the index.
 */
package io.securerecords.lucene;
