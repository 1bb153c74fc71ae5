-- secure-records schema, version 1, MariaDB / MySQL (InnoDB).
-- Holds sealed records, wrapped keys, blinded index terms, the sealed enquiry log and token use
-- counts. No column holds plaintext: ciphertexts, MACs, wrapped keys and log entries are LONGBLOB or VARBINARY;
-- ids, types, key names and field names are metadata, in clear. Tables use ascii_bin so
-- that ORDER BY is ordinal and case-sensitive. Timestamps are epoch seconds + nanoseconds.
-- Every name starts with sr_; JdbcRecordStore.migrate() replaces that prefix when configured.

CREATE TABLE sr_schema_version (
  version     INTEGER      NOT NULL PRIMARY KEY,
  description VARCHAR(200) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE TABLE sr_record (
  id            VARCHAR(64) NOT NULL PRIMARY KEY,
  client_id     VARCHAR(64) NOT NULL,
  record_type   VARCHAR(64) NOT NULL,
  version       BIGINT      NOT NULL,
  created_s     BIGINT      NOT NULL,
  created_n     INTEGER     NOT NULL,
  updated_s     BIGINT      NOT NULL,
  updated_n     INTEGER     NOT NULL,
  format        INTEGER     NOT NULL,
  sealed_fields LONGBLOB    NOT NULL,
  mac           LONGBLOB    NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;
CREATE INDEX sr_record_client ON sr_record (client_id, id);

CREATE TABLE sr_term (
  index_name VARCHAR(64) NOT NULL,
  term       VARBINARY(64) NOT NULL,
  record_id  VARCHAR(64) NOT NULL,
  PRIMARY KEY (index_name, term, record_id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;
CREATE INDEX sr_term_record ON sr_term (record_id);

CREATE TABLE sr_key (
  name      VARCHAR(80) NOT NULL PRIMARY KEY,
  version   BIGINT                  NOT NULL,
  erased    TINYINT(1)                NOT NULL,
  wrapped   LONGBLOB,
  erased_s  BIGINT,
  erased_n  INTEGER
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE TABLE sr_log (
  sequence BIGINT NOT NULL PRIMARY KEY,
  sealed   LONGBLOB NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE TABLE sr_token (
  token_id VARCHAR(128) NOT NULL PRIMARY KEY,
  uses     INTEGER                  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

INSERT INTO sr_schema_version (version, description) VALUES (1, 'secure-records 1: records, terms, keys, log, tokens');
