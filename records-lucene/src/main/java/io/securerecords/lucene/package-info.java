/**
 * A {@link io.securerecords.api.store.RecordStore} in an Apache Lucene index: {@link
 * io.securerecords.lucene.LuceneRecordStore}. Sealed records, wrapped keys, the enquiry log and
 * token use counts are documents of one index, so one Lucene commit makes a batch atomic;
 * blind-index terms are indexed, non-stored Lucene terms, kept with the bytes their entries carry
 * (a small binary doc value per index name, beside the terms, so a term's hits are answered
 * without reading any record). No plaintext reaches the index.
 */
package io.securerecords.lucene;
