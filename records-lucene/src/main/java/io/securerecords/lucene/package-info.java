/** RecordStore over an Apache Lucene Directory: not built yet, see issue 6. */
package io.securerecords.lucene;
