-- secure-records schema, version 4, PostgreSQL.
-- A term's hits query reads record_id and carried for one (index_name, term). Through the
-- primary key alone PostgreSQL found each entry in the index and then fetched its row from the
-- table: one random table page per entry, since a term's entries are written at different times
-- and lie on different pages. This rebuilds the primary key with the carried bytes as an
-- included (non-key) column, so PostgreSQL can answer the query from the index alone (an index-only
-- scan, for the table pages that VACUUM, or autovacuum, has marked all-visible; the other
-- entries are still checked against the table). The key, and so uniqueness, is unchanged, and
-- the index holds nothing the table does not (blinded terms, record ids, sealed carried bytes).
-- The rebuild locks the term table while it runs (on the order of a minute per ten million entries).
-- Every name starts with sr_; JdbcRecordStore.migrate() replaces that prefix when configured.

ALTER TABLE sr_term DROP CONSTRAINT sr_term_pkey;

ALTER TABLE sr_term ADD CONSTRAINT sr_term_pkey PRIMARY KEY (index_name, term, record_id) INCLUDE (carried);

INSERT INTO sr_schema_version (version, description) VALUES (4, 'secure-records 4: term hits answered from the primary key');
