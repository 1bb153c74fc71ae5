package io.securerecords.jdbc;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the tests run on, each behind the minimal DataSource of its own driver (no
 * pool). H2 is always there; PostgreSQL and MariaDB are found through environment variables,
 * and their tests are skipped, with a message saying how to enable them, when a variable is
 * unset. When it is set, an unreachable server fails the tests.
 */
final class TestDatabases {
  static final String POSTGRES_URL = "SECURE_RECORDS_POSTGRES_URL";
  static final String MARIADB_URL = "SECURE_RECORDS_MARIADB_URL";

  private TestDatabases() {}

  /** A private in-memory H2 database that lives until the JVM ends. */
  static DataSource h2Memory() {
    return h2("jdbc:h2:mem:sr" + randomSuffix() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
  }

  /**
   * An H2 database in a file under this folder, kept open until {@link #shutdown}: without a
   * pool, H2 would otherwise close and reopen the file around every call, which is slow and,
   * with many threads opening and closing at once, lost committed writes in our runs.
   */
  static DataSource h2File(Path folder) {
    return h2("jdbc:h2:file:" + h2FileBase(folder) + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
  }

  /** Closes an H2 database opened with {@code DB_CLOSE_DELAY=-1}; other databases stay as they are. */
  static void shutdown(DataSource dataSource) {
    if (dataSource instanceof JdbcDataSource) {
      try (java.sql.Connection c = dataSource.getConnection();
          java.sql.PreparedStatement ps = c.prepareStatement("SHUTDOWN")) {
        ps.execute();
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("H2 did not shut down", e);
      }
    }
  }

  /** The file name (without {@code .mv.db}) of the H2 database in this folder. */
  static Path h2FileBase(Path folder) {
    return folder.toAbsolutePath().resolve("records");
  }

  private static DataSource h2(String url) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    return ds;
  }

  /** The URL in this variable, if it is set. */
  static Optional<String> url(String variable) {
    String url = System.getenv(variable);
    return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.strip());
  }

  /** Why a test of this database was skipped, and how to run it. */
  static String howToEnable(String variable) {
    String example = variable.equals(POSTGRES_URL)
        ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"
        : "jdbc:mariadb://127.0.0.1:3306/test?user=root";
    return "skipped: set " + variable + " (e.g. " + variable + "=" + example
        + ") to run this test against a real server; .ci/run sets it";
  }

  static DataSource postgres(String url) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    return ds;
  }

  static DataSource mariadb(String url) {
    try {
      return new MariaDbDataSource(url);
    } catch (java.sql.SQLException e) {
      throw new IllegalArgumentException(MARIADB_URL + " is not a MariaDB JDBC URL", e);
    }
  }

  /** The data source named by a {@link Dialect}, for a URL of that database. */
  static DataSource forUrl(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return postgres(url);
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return mariadb(url);
    }
    return h2(url);
  }

  /** A table prefix no other test run uses: {@code srt_<16 hex>_}. */
  static String randomPrefix() {
    return "srt_" + randomSuffix() + "_";
  }

  private static String randomSuffix() {
    byte[] bytes = new byte[8];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
