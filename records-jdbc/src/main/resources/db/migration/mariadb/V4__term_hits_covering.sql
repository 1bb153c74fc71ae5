-- secure-records schema, version 4, MariaDB / MySQL (InnoDB).
-- Version 4 rebuilds PostgreSQL's term primary key so that it holds every column a term's hits
-- query reads. Here it changes nothing: InnoDB keeps each term row in its primary key already.
-- The version row keeps the schema versions of the three dialects in step.
-- Every name starts with sr_; JdbcRecordStore.migrate() replaces that prefix when configured.

INSERT INTO sr_schema_version (version, description) VALUES (4, 'secure-records 4: term hits answered from the primary key');
