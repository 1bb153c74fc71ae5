package io.securerecords.cli;

import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import io.securerecords.api.store.RecordStore;
import io.securerecords.crypto.SecureRecords;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.kek.TinkKeysetKek;
import io.securerecords.jdbc.JdbcRecordStore;
import io.securerecords.lucene.LuceneRecordStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * An open store and its key-encryption key: the default embedded H2 database in {@code
 * ./psu-data}, a {@code jdbc:} URL, or a Lucene folder; a KMS key or a development key file.
 * Closing it closes the store and any connection pool it made.
 */
final class Workspace implements AutoCloseable {
  static final Path DEFAULT_FOLDER = Path.of("psu-data");
  static final String DEV_KEK_FILE = "kek-development.json";
  static final String H2_NAME = "records";

  static {
    // Workaround for a records-crypto bug: SecureRecords parses the stored token-signing keyset
    // before TokenKeys registers Tink's JWT key types, so in a fresh process a store that already
    // holds its token key fails to open ("must hold only ES256 private keys ..."). Registering
    // them first makes the parse produce JWT keys. Remove once the core registers them itself.
    try {
      com.google.crypto.tink.jwt.JwtSignatureConfig.register();
      com.google.crypto.tink.jwt.JwtMacConfig.register();
      com.google.crypto.tink.prf.PrfConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final RecordStore store;
  private final KeyEncryptionKey kek;
  private final SecureRecords records;
  private final JdbcConnectionPool pool;
  private final String storeDescription;
  private final Path stateFolder;

  private Workspace(RecordStore store, KeyEncryptionKey kek, JdbcConnectionPool pool,
      String storeDescription, Path stateFolder) {
    this.store = store;
    this.kek = kek;
    this.pool = pool;
    this.storeDescription = storeDescription;
    this.stateFolder = stateFolder;
    try {
      this.records = SecureRecords.builder().store(store).kek(kek).build();
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /**
   * Opens the store the options name, creating the default one on first use.
   *
   * @param warn where the development-key warning goes
   */
  static Workspace open(PsuRecords options, PrintWriter warn) {
    return open(options, warn, java.util.function.UnaryOperator.identity());
  }

  /** As {@link #open(PsuRecords, PrintWriter)}, the facade seeing the store through a wrapper. */
  static Workspace open(PsuRecords options, PrintWriter warn,
      java.util.function.UnaryOperator<RecordStore> wrap) {
    Environment env = options.environment;
    String location = options.store;
    JdbcConnectionPool pool = null;
    RecordStore store;
    String description;
    Path folder;
    if (location == null || location.isBlank()) {
      folder = env.resolve(DEFAULT_FOLDER);
      createFolder(folder);
      pool = h2Pool("jdbc:h2:file:" + folder.resolve(H2_NAME) + ";TRACE_LEVEL_FILE=0");
      store = jdbcStore(pool, pool);
      description = "H2 database in " + folder;
    } else if (location.startsWith("jdbc:")) {
      folder = null;
      DataSource dataSource;
      if (location.startsWith("jdbc:h2:")) {
        pool = h2Pool(location);
        dataSource = pool;
      } else {
        dataSource = new UrlDataSource(location);
      }
      store = jdbcStore(dataSource, pool);
      description = location.replaceAll("(?i)(password|user)=[^;&]*", "$1=***");
    } else {
      folder = env.resolve(Path.of(location));
      createFolder(folder);
      store = LuceneRecordStore.open(folder);
      description = "Lucene folder " + folder;
    }
    KeyEncryptionKey kek;
    try {
      kek = kek(options, folder, warn);
    } catch (RuntimeException e) {
      store.close();
      if (pool != null) {
        pool.dispose();
      }
      throw e;
    }
    return new Workspace(wrap.apply(store), kek, pool, description,
        folder != null ? folder : env.resolve(Path.of(".psu-records")));
  }

  /**
   * A fresh embedded H2 store and development KEK in a folder (for the demo), with the H2
   * database handed back for tampering.
   */
  static Workspace h2(Path folder, PrintWriter warn) {
    createFolder(folder);
    JdbcConnectionPool pool = h2Pool("jdbc:h2:file:" + folder.resolve(H2_NAME) + ";TRACE_LEVEL_FILE=0");
    RecordStore store = jdbcStore(pool, pool);
    warn.println("WARNING: development key-encryption key " + folder.resolve(DEV_KEK_FILE)
        + ": NOT for production.");
    warn.flush();
    Logger.getLogger(TinkKeysetKek.class.getName()).setLevel(Level.OFF);
    return new Workspace(store, KeyEncryptionKey.developmentFile(folder.resolve(DEV_KEK_FILE)),
        pool, "H2 database in " + folder, folder);
  }

  /** The H2 connection pool, if this workspace made one. */
  DataSource h2Database() {
    return pool;
  }

  private static void createFolder(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (java.io.IOException e) {
      throw new UsageException("cannot create the store folder " + folder, e);
    }
  }

  private static JdbcConnectionPool h2Pool(String url) {
    // Quiet H2's own java.util.logging; failures reach us as exceptions.
    Logger.getLogger("h2database").setLevel(Level.OFF);
    JdbcConnectionPool pool = JdbcConnectionPool.create(durable(url), "", "");
    pool.setMaxConnections(8);
    return pool;
  }

  /**
   * The H2 URL with {@code WRITE_DELAY=0} unless it sets a write delay itself: every commit is
   * written out before it returns, so what the tool reports done (a record written, a log entry,
   * a rotation step before its checkpoint) survives the process being killed. H2's default
   * (500 ms) lost acknowledged commits in the SIGKILL tests.
   */
  static String durable(String url) {
    return url.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=")
        ? url : url + ";WRITE_DELAY=0";
  }

  private static RecordStore jdbcStore(DataSource dataSource, JdbcConnectionPool pool) {
    try {
      JdbcRecordStore store = JdbcRecordStore.builder(dataSource).build();
      store.migrate();
      return store;
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.dispose();
      }
      throw e;
    }
  }

  private static KeyEncryptionKey kek(PsuRecords options, Path folder, PrintWriter warn) {
    if (options.kek != null) {
      try {
        KmsClient client = KmsClients.get(options.kek);
        return KeyEncryptionKey.fromKms(client, options.kek);
      } catch (GeneralSecurityException e) {
        throw new UsageException("no KMS client is registered for this key URI: put its Tink"
            + " integration (tink-awskms, tink-gcpkms, ...) on PSU_RECORDS_CLASSPATH and register"
            + " it with KmsClients.add", e);
      }
    }
    Path file;
    if (options.devKek != null) {
      file = options.environment.resolve(options.devKek);
    } else if (folder != null) {
      file = folder.resolve(DEV_KEK_FILE);
    } else {
      throw new UsageException("a jdbc: store needs --kek (a KMS key URI) or, for development"
          + " only, --dev-kek FILE");
    }
    warn.println("WARNING: development key-encryption key " + file + ": the key is stored in"
        + " clear next to the data and is NOT for production. Use --kek with a KMS key for real"
        + " casework.");
    warn.flush();
    // The warning above replaces the library's own log line, which would say the same.
    Logger.getLogger(TinkKeysetKek.class.getName()).setLevel(Level.OFF);
    return KeyEncryptionKey.developmentFile(file);
  }

  SecureRecords records() {
    return records;
  }

  RecordStore store() {
    return store;
  }

  KeyEncryptionKey kek() {
    return kek;
  }

  /** The development KEK, if that is what this workspace uses (for {@code rotate kek}). */
  TinkKeysetKek developmentKek() {
    return kek instanceof TinkKeysetKek file ? file : null;
  }

  String storeDescription() {
    return storeDescription;
  }

  /** Where long jobs keep their resume state. */
  Path stateFolder() {
    return stateFolder;
  }

  @Override
  public void close() {
    records.close();
    if (pool != null) {
      pool.dispose();
    }
  }

  private void closeQuietly() {
    try {
      store.close();
    } finally {
      if (pool != null) {
        pool.dispose();
      }
    }
  }

  /** A DataSource over DriverManager for PostgreSQL and MariaDB URLs; no pooling. */
  private static final class UrlDataSource implements DataSource {
    private final String url;

    UrlDataSource(String url) {
      this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
      String user = System.getenv("PSU_DB_USER");
      String password = System.getenv("PSU_DB_PASSWORD");
      return user == null ? DriverManager.getConnection(url)
          : DriverManager.getConnection(url, user, password);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getLogger("io.securerecords.cli");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
