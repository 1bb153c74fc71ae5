-- secure-records schema, version 2, H2.
-- Each index entry may carry up to 512 opaque bytes, kept with its term and returned with the
-- term's hits so that a search can drop a truncated term's false positives without reading their
-- records. The column holds only sealed bytes (sealed under the record's client key and bound to
-- the record and the term), never plaintext. Rows written before version 2 carry nothing: NULL,
-- which reads back as no bytes; JdbcRecordStore also writes an entry that carries nothing as NULL.
-- Every name starts with sr_; JdbcRecordStore.migrate() replaces that prefix when configured.

ALTER TABLE sr_term ADD COLUMN carried VARBINARY(512);

INSERT INTO sr_schema_version (version, description) VALUES (2, 'secure-records 2: index entries carry sealed bytes');
