package io.securerecords.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.Profession;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.record.ClientId;
import io.securerecords.crypto.SecureRecords;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is on disk holds none of the values that were sealed: records are sealed with the real
 * library (Tink keys) into the JDBC store, then the H2 database file, a {@code pg_dump} and a
 * {@code mariadb-dump} of the test tables are searched for distinctive canary strings, raw and
 * hex-encoded. The client id, which is stored in clear, must be found: the scan sees the data.
 */
class JdbcOnDiskScanTest {

  @Test
  void theH2DatabaseFileHoldsNoSealedValue(@TempDir Path folder) throws Exception {
    DataSource ds = TestDatabases.h2File(folder);
    TestTables tables = TestTables.create(ds);
    List<String> canaries = canaries();
    ClientId client = sealCanaries(tables.store(), canaries);
    TestDatabases.shutdown(ds);

    ByteArrayOutputStream disk = new ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        disk.write(Files.readAllBytes(file));
      }
    }
    assertNoCanary(disk.toByteArray(), canaries, client);
  }

  @Test
  void aPgDumpOfTheTablesHoldsNoSealedValue() throws Exception {
    String url = TestDatabases.url(TestDatabases.POSTGRES_URL).orElse(null);
    Assumptions.assumeTrue(url != null, TestDatabases.howToEnable(TestDatabases.POSTGRES_URL));
    URI uri = URI.create(url.substring("jdbc:".length()));
    try (TestTables tables = TestTables.create(TestDatabases.postgres(url))) {
      List<String> canaries = canaries();
      ClientId client = sealCanaries(tables.store(), canaries);

      byte[] dump = run("pg_dump", "-h", uri.getHost(), "-p", Integer.toString(port(uri, 5432)),
          "-U", param(uri, "user", "postgres"), "-d", uri.getPath().substring(1),
          "-t", tables.prefix() + "*");
      assertNoCanary(dump, canaries, client);
    }
  }

  @Test
  void aMariaDbDumpOfTheTablesHoldsNoSealedValue() throws Exception {
    String url = TestDatabases.url(TestDatabases.MARIADB_URL).orElse(null);
    Assumptions.assumeTrue(url != null, TestDatabases.howToEnable(TestDatabases.MARIADB_URL));
    URI uri = URI.create(url.substring("jdbc:".length()));
    try (TestTables tables = TestTables.create(TestDatabases.mariadb(url))) {
      List<String> canaries = canaries();
      ClientId client = sealCanaries(tables.store(), canaries);

      List<String> command = new ArrayList<>(List.of("mariadb-dump", "-h", uri.getHost(),
          "-P", Integer.toString(port(uri, 3306)), "-u", param(uri, "user", "root"),
          uri.getPath().substring(1)));
      for (String table : List.of("schema_version", "record", "term", "key", "log", "token")) {
        command.add(tables.prefix() + table);
      }
      byte[] dump = run(command.toArray(String[]::new));
      assertNoCanary(dump, canaries, client);
    }
  }

  /** Seals one Basic Record full of canaries through the real library; returns its client. */
  private static ClientId sealCanaries(JdbcRecordStore store, List<String> c) {
    ClientId client = ClientId.of("scan-client-" + Long.toUnsignedString(new SecureRandom().nextLong(), 36));
    try (SecureRecords records = SecureRecords.builder().store(store).kek(KeyEncryptionKey.ephemeral()).build()) {
      records.put(client, BasicRecord.builder(c.get(0), new Registration(Register.GMC, "7654321"))
          .email(c.get(1) + "@example.org")
          .postalAddress(c.get(2) + "\n" + c.get(3))
          .profession(Profession.DOCTOR)
          .careerGrade(c.get(4))
          .employer(c.get(5))
          .build());
      assertEquals(1, records.records(client).size());
    }
    return client;
  }

  private static List<String> canaries() {
    List<String> out = new ArrayList<>();
    String run = Long.toUnsignedString(new SecureRandom().nextLong(), 36);
    for (String what : List.of("Name", "Mail", "Street", "Town", "Grade", "Employer")) {
      out.add("Canary" + what + run);
    }
    return out;
  }

  private static void assertNoCanary(byte[] disk, List<String> canaries, ClientId client) {
    assertTrue(contains(disk, client.value().getBytes(StandardCharsets.UTF_8)),
        "the scan does not see the data: the client id, stored in clear, is missing");
    for (String canary : canaries) {
      byte[] raw = canary.getBytes(StandardCharsets.UTF_8);
      String hex = HexFormat.of().formatHex(raw);
      assertFalse(contains(disk, raw), "plaintext on disk: " + canary);
      assertFalse(contains(disk, hex.getBytes(StandardCharsets.US_ASCII)), "hex plaintext on disk: " + canary);
      assertFalse(contains(disk, hex.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII)),
          "HEX plaintext on disk: " + canary);
      assertFalse(contains(disk, canary.getBytes(StandardCharsets.UTF_16BE)), "UTF-16 plaintext on disk: " + canary);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static byte[] run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), command[0] + " did not finish");
    assertEquals(0, p.exitValue(), command[0] + " failed");
    assertTrue(out.length > 0, command[0] + " printed nothing");
    return out;
  }

  private static int port(URI uri, int fallback) {
    return uri.getPort() > 0 ? uri.getPort() : fallback;
  }

  private static String param(URI uri, String name, String fallback) {
    if (uri.getQuery() != null) {
      for (String pair : uri.getQuery().split("&")) {
        if (pair.startsWith(name + "=")) {
          return pair.substring(name.length() + 1);
        }
      }
    }
    return fallback;
  }
}
