package io.securerecords.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The SQL dialects {@link JdbcRecordStore} speaks. Each has its own migration files under {@code
 * db/migration/<folder>/} and its own column types: binary columns for ciphertexts, ordinal
 * (case-sensitive, byte-order) collation for ids.
 */
public enum Dialect {
  /** H2 2.x, embedded (file or memory) or server. */
  H2("h2"),
  /** PostgreSQL 12 or later. */
  POSTGRES("postgresql"),
  /** MariaDB 10.6 or later (or MySQL 8 through the MariaDB driver), InnoDB tables. */
  MARIADB("mariadb");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /**
   * The classpath folder of this dialect's migration files, e.g. {@code db/migration/postgresql}:
   * point Flyway's {@code locations} (or a Liquibase {@code sqlFile} change set) at it.
   */
  public String migrationLocation() {
    return "db/migration/" + folder;
  }

  /**
   * The dialect of the database behind this metadata.
   *
   * @throws IllegalArgumentException if the product is none of the three
   */
  static Dialect of(DatabaseMetaData metaData) throws SQLException {
    String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("h2")) {
      return H2;
    }
    if (product.contains("postgresql")) {
      return POSTGRES;
    }
    if (product.contains("mariadb") || product.contains("mysql")) {
      return MARIADB;
    }
    throw new IllegalArgumentException(
        "unsupported database '" + metaData.getDatabaseProductName() + "': choose a Dialect");
  }

  /**
   * A statement that creates a token's counter row at zero uses when it is missing and, where
   * the row exists or is being created by another transaction, waits for it and changes nothing.
   * Parameters: the token id (H2: twice).
   */
  String ensureTokenRow(String table) {
    return switch (this) {
      case POSTGRES -> "INSERT INTO " + table + " (token_id, uses) VALUES (?, 0) ON CONFLICT (token_id) DO NOTHING";
      // ON DUPLICATE KEY UPDATE takes an exclusive lock at once (INSERT IGNORE would take a
      // shared one, and two shared holders upgrading for the UPDATE deadlock).
      case MARIADB -> "INSERT INTO " + table + " (token_id, uses) VALUES (?, 0) ON DUPLICATE KEY UPDATE uses = uses";
      case H2 -> "INSERT INTO " + table + " (token_id, uses) SELECT CAST(? AS VARCHAR(128)), 0 FROM (VALUES 1) v"
          + " WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE token_id = ?)";
    };
  }
}
