package io.securerecords.cli;

import static io.securerecords.cli.CliTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.cli.CliTesting.Result;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool against PostgreSQL through {@code --store jdbc:postgresql://...}, when
 * SECURE_RECORDS_POSTGRES_URL names a database (e.g. {@code
 * jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); skipped otherwise. The run gets a schema
 * of its own ({@code currentSchema=}), so the default {@code sr_} tables of anyone else sharing
 * the database are never touched, and the schema is dropped afterwards.
 */
class PostgresStoreTest {
  private static final String URL = System.getenv("SECURE_RECORDS_POSTGRES_URL");

  @TempDir
  Path dir;
  private String schema;

  @BeforeEach
  void ownSchema() throws Exception {
    Assumptions.assumeTrue(URL != null && URL.startsWith("jdbc:postgresql:"),
        "SECURE_RECORDS_POSTGRES_URL is not set: the PostgreSQL run of psu-records is skipped");
    schema = "cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
        .toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
  }

  @AfterEach
  void dropSchema() throws Exception {
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private String[] with(String... args) {
    String store = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    String[] base = {"--store", store, "--dev-kek", dir.resolve("kek-development.json").toString()};
    String[] all = new String[base.length + args.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(args, 0, all, base.length, args.length);
    return all;
  }

  @Test
  void initImportFindAndVerifyOnPostgres() throws Exception {
    Result init = run(dir, with("init"));
    assertEquals(PsuRecords.OK, init.code(), init.toString());
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement();
        var tables = s.executeQuery("SELECT count(*) FROM information_schema.tables"
            + " WHERE table_schema = '" + schema + "' AND table_name LIKE 'sr\\_%'")) {
      tables.next();
      assertTrue(tables.getInt(1) > 0, "the tables are made in the run's own schema");
    }

    CliTesting.write(dir.resolve("mapping.json"), CliTesting.MAPPING);
    CliTesting.write(dir.resolve("people.csv"), CliTesting.PEOPLE_CSV);
    CliTesting.write(dir.resolve("cases.jsonl"), CliTesting.CASES_JSONL);
    for (String file : new String[] {"people.csv", "cases.jsonl"}) {
      Result imported = run(dir, with("import", file, "--mapping", "mapping.json"));
      assertEquals(PsuRecords.BAD_INPUT, imported.code(), "the fixture has bad lines: " + imported);
    }
    Result again = run(dir, with("import", "people.csv", "--mapping", "mapping.json"));
    assertTrue(again.out().contains("Imported 0 records; 4 already imported"), again.toString());

    Result bySource = run(dir, with("--json", "find", "--source-system", "legacy-crm",
        "--source-client", "4711"));
    assertEquals(PsuRecords.OK, bySource.code(), bySource.toString());
    String amira = bySource.json().get("client").asText();
    Result byClient = run(dir, with("--json", "find", "--client", amira));
    assertEquals(PsuRecords.OK, byClient.code(), byClient.toString());
    assertEquals(2, byClient.json().get("records").size(), byClient.toString());

    Result verify = run(dir, with("log", "verify"));
    assertEquals(PsuRecords.OK, verify.code(), verify.toString());
    assertTrue(verify.out().contains("verified intact"), verify.toString());
  }
}
