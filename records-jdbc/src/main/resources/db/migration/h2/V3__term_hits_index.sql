-- secure-records schema, version 3, H2.
-- H2 keeps a table whose primary key is not a single integer column under a hidden row id, and
-- the primary key as an index beside it: a term's hits (record id and carried bytes) were found
-- through that index and then read row by row, one random row read per entry. This replaces the
-- primary key with an index holding every column the hits query reads, in term order, so H2
-- answers the query from the index alone, with as many index writes per entry as before. It
-- holds nothing the table does not (blinded terms, record ids, sealed carried bytes). A record's
-- terms stay unique without the constraint: a write batch names each term at most once per
-- record (WriteBatch checks it), and the store writes a record's terms only with the record
-- created or locked, after deleting its earlier ones.
-- Every name starts with sr_; JdbcRecordStore.migrate() replaces that prefix when configured.

ALTER TABLE sr_term DROP PRIMARY KEY;

CREATE INDEX sr_term_hits ON sr_term (index_name, term, record_id, carried);

INSERT INTO sr_schema_version (version, description) VALUES (3, 'secure-records 3: term hits answered from one index');
