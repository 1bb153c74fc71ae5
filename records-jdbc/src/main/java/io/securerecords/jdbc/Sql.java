package io.securerecords.jdbc;

/** Every statement the store prepares, for one schema. Values are always bound, never spliced. */
final class Sql {
  private static final String RECORD_VALUES =
      "client_id, record_type, version, created_s, created_n, updated_s, updated_n, format, sealed_fields, mac";
  private static final String RECORD_COLUMNS = "id, " + RECORD_VALUES;

  final String insertRecord;
  final String updateRecord;
  final String deleteRecord;
  final String lockRecord;
  final String selectRecord;
  final String selectRecordsOfClient;
  final String selectRecordIds;
  final String deleteTerms;
  final String insertTerm;
  final String selectByTerm;
  final String selectHitsByTerm;
  final String selectRecordsByTerm;
  final String insertKey;
  final String updateKey;
  final String selectKey;
  /** {@link #selectKey} for many names: append {@code n} placeholders and a closing bracket. */
  final String selectKeysIn;
  final String selectKeyNames;
  final String logSize;
  final String insertLog;
  final String selectLog;
  final String ensureToken;
  final String useToken;
  final String selectTokenUses;

  Sql(Schema s) {
    insertRecord = "INSERT INTO " + s.record + " (" + RECORD_VALUES + ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    updateRecord = "UPDATE " + s.record + " SET client_id = ?, record_type = ?, version = ?, created_s = ?,"
        + " created_n = ?, updated_s = ?, updated_n = ?, format = ?, sealed_fields = ?, mac = ?"
        + " WHERE id = ? AND version = ? AND client_id = ?";
    deleteRecord = "DELETE FROM " + s.record + " WHERE id = ? AND version = ?";
    lockRecord = "SELECT version FROM " + s.record + " WHERE id = ? FOR UPDATE";
    selectRecord = "SELECT " + RECORD_COLUMNS + " FROM " + s.record + " WHERE id = ?";
    selectRecordsOfClient = "SELECT " + RECORD_COLUMNS + " FROM " + s.record + " WHERE client_id = ? ORDER BY id";
    selectRecordIds = "SELECT id FROM " + s.record + " WHERE id > ? ORDER BY id LIMIT ?";
    deleteTerms = "DELETE FROM " + s.term + " WHERE record_id = ?";
    insertTerm = "INSERT INTO " + s.term + " (index_name, term, record_id, carried) VALUES (?, ?, ?, ?)";
    selectByTerm = "SELECT record_id FROM " + s.term + " WHERE index_name = ? AND term = ? ORDER BY record_id";
    // The term table alone: a hit's carried bytes are read without touching its record.
    selectHitsByTerm = "SELECT record_id, carried FROM " + s.term
        + " WHERE index_name = ? AND term = ? ORDER BY record_id";
    selectRecordsByTerm = "SELECT r." + RECORD_COLUMNS.replace(", ", ", r.") + " FROM " + s.term
        + " t JOIN " + s.record + " r ON r.id = t.record_id"
        + " WHERE t.index_name = ? AND t.term = ? ORDER BY r.id";
    insertKey = "INSERT INTO " + s.key + " (version, erased, wrapped, erased_s, erased_n, name) VALUES (?, ?, ?, ?, ?, ?)";
    updateKey = "UPDATE " + s.key + " SET version = ?, erased = ?, wrapped = ?, erased_s = ?, erased_n = ?"
        + " WHERE name = ? AND version = ?";
    selectKey = "SELECT name, version, erased, wrapped, erased_s, erased_n FROM " + s.key + " WHERE name = ?";
    selectKeysIn = "SELECT name, version, erased, wrapped, erased_s, erased_n FROM " + s.key + " WHERE name IN (";
    selectKeyNames = "SELECT name FROM " + s.key + " WHERE name > ? ORDER BY name LIMIT ?";
    // The log is dense (every append takes exactly the next sequence), so its size is max + 1.
    logSize = "SELECT COALESCE(MAX(sequence) + 1, 0) FROM " + s.log;
    insertLog = "INSERT INTO " + s.log + " (sequence, sealed) VALUES (?, ?)";
    selectLog = "SELECT sequence, sealed FROM " + s.log + " WHERE sequence >= ? ORDER BY sequence LIMIT ?";
    ensureToken = s.dialect.ensureTokenRow(s.token);
    useToken = "UPDATE " + s.token + " SET uses = uses + ? WHERE token_id = ? AND uses <= ?";
    selectTokenUses = "SELECT uses FROM " + s.token + " WHERE token_id = ?";
  }
}
