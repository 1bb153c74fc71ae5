package io.securerecords.jdbc;

import io.securerecords.api.error.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store's tables under one prefix, and the versioned migration files that create them. The
 * files name every table and index with the default prefix {@code sr_}; for another prefix the
 * statements are rewritten before they run.
 */
final class Schema {
  /** The newest schema version this library knows; it refuses a database at a newer one. */
  static final int LATEST = 4;

  static final String DEFAULT_PREFIX = "sr_";

  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}");
  private static final Pattern DEFAULT_NAME = Pattern.compile("\\bsr_");
  /** The migration file of each version, version 1 first. */
  private static final List<String> MIGRATIONS =
      List.of("V1__secure_records.sql", "V2__term_carried.sql", "V3__term_hits_index.sql",
          "V4__term_hits_covering.sql");

  final Dialect dialect;
  final String prefix;
  final String version;
  final String record;
  final String term;
  final String key;
  final String log;
  final String token;

  Schema(Dialect dialect, String prefix) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "a table prefix is 1 to 30 lower-case letters, digits or '_', starting with a letter");
    }
    this.dialect = dialect;
    this.prefix = prefix;
    this.version = prefix + "schema_version";
    this.record = prefix + "record";
    this.term = prefix + "term";
    this.key = prefix + "key";
    this.log = prefix + "log";
    this.token = prefix + "token";
  }

  /** The tables holding data (not the version table), children before parents. */
  List<String> dataTables() {
    return List.of(term, record, key, log, token);
  }

  /** The schema version installed, 0 if none. */
  int installedVersion(Connection c) throws SQLException {
    // In a transaction, a missing table is rolled back to a savepoint only: PostgreSQL aborts the
    // transaction on the error, and a full rollback would drop the migration's advisory lock.
    java.sql.Savepoint before = c.getAutoCommit() ? null : c.setSavepoint();
    try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM " + version);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      if (SqlFailures.isMissingTable(e)) {
        if (before != null) {
          c.rollback(before);
        }
        return 0;
      }
      throw e;
    }
  }

  /** Refuses a schema newer than this library, with a message that says what to do. */
  void refuseNewer(int installed) {
    if (installed > LATEST) {
      throw new StoreException("the database holds secure-records schema version " + installed
          + " (table " + version + "), newer than version " + LATEST
          + " that this records-jdbc understands; use the records-jdbc release that installed it or a later one");
    }
  }

  /** The statements of each migration after {@code installed}, in order, with this prefix. */
  List<String> pendingStatements(int installed) {
    return statementsUpTo(installed, LATEST);
  }

  /**
   * The statements of the migrations after {@code installed} up to and including {@code target},
   * in order, with this prefix: for tests that build a database at an older version.
   */
  List<String> statementsUpTo(int installed, int target) {
    if (installed < 0 || target > LATEST) {
      throw new IllegalArgumentException("versions run from 0 to " + LATEST);
    }
    List<String> out = new ArrayList<>();
    for (int v = installed + 1; v <= target; v++) {
      out.addAll(statements(read(dialect.migrationLocation() + "/" + MIGRATIONS.get(v - 1))));
    }
    return out;
  }

  private List<String> statements(String script) {
    StringBuilder body = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        body.append(line).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (String statement : body.toString().split(";\\s*\n")) {
      if (!statement.isBlank()) {
        out.add(DEFAULT_NAME.matcher(statement.strip()).replaceAll(Matcher.quoteReplacement(prefix)));
      }
    }
    return out;
  }

  private static String read(String resource) {
    try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new StoreException("migration file " + resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("migration file " + resource + " cannot be read", e);
    }
  }
}
