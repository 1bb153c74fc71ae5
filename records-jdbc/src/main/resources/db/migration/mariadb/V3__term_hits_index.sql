-- secure-records schema, version 3, MariaDB / MySQL (InnoDB).
-- Version 3 adds an index on H2 only (a term's hits answered from one index). Here it changes
-- nothing: the version row keeps the schema versions of the three dialects in step.
-- Every name starts with sr_; JdbcRecordStore.migrate() replaces that prefix when configured.

INSERT INTO sr_schema_version (version, description) VALUES (3, 'secure-records 3: term hits answered from one index');
