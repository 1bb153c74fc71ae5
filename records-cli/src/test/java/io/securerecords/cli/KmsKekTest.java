package io.securerecords.cli;

import static io.securerecords.cli.CliTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.securerecords.cli.CliTesting.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kek} with a KMS key URI, against an H2 file store: a fake KMS registered with Tink's
 * {@link KmsClients}, each of its key URIs a real AES-256-GCM key held in memory.
 */
class KmsKekTest {
  private static final String KEK = "fake-kms://psu";

  @TempDir
  Path dir;

  /** A KMS in memory: {@code fake-kms://NAME} is its own AES-256-GCM key, made on first use. */
  static final class FakeKms implements KmsClient {
    private final Map<String, Aead> keys = new ConcurrentHashMap<>();

    @Override
    public boolean doesSupport(String keyUri) {
      return keyUri != null && keyUri.startsWith("fake-kms://");
    }

    @Override
    public KmsClient withCredentials(String credentialPath) {
      return this;
    }

    @Override
    public KmsClient withDefaultCredentials() {
      return this;
    }

    @Override
    public Aead getAead(String keyUri) throws GeneralSecurityException {
      if (!doesSupport(keyUri)) {
        throw new GeneralSecurityException("not a fake-kms:// key");
      }
      try {
        return keys.computeIfAbsent(keyUri, uri -> {
          try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                .getPrimitive(Aead.class);
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
          }
        });
      } catch (IllegalStateException e) {
        throw new GeneralSecurityException(e.getCause());
      }
    }
  }

  private static final FakeKms KMS = new FakeKms();

  @BeforeAll
  static void registerTheFakeKms() throws GeneralSecurityException {
    AeadConfig.register();
    KmsClients.add(KMS);
  }

  private String[] with(String kek, String... args) {
    String[] base = {"--store", "jdbc:h2:file:" + dir.resolve("kms-store/records")
        + ";TRACE_LEVEL_FILE=0", "--kek", kek};
    String[] all = new String[base.length + args.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(args, 0, all, base.length, args.length);
    return all;
  }

  @Test
  void aKmsKeyProtectsTheStoreEndToEnd() throws Exception {
    Result init = run(dir, with(KEK, "init"));
    assertEquals(PsuRecords.OK, init.code(), init.toString());
    assertFalse(init.err().contains("NOT for production"), "no development-key warning with --kek");
    try (var files = Files.list(dir.resolve("kms-store"))) {
      assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("kek")),
          "no key file next to the data");
    }

    CliTesting.write(dir.resolve("mapping.json"), CliTesting.MAPPING);
    CliTesting.write(dir.resolve("people.csv"), CliTesting.PEOPLE_CSV);
    CliTesting.write(dir.resolve("cases.jsonl"), CliTesting.CASES_JSONL);
    for (String file : new String[] {"people.csv", "cases.jsonl"}) {
      // The fixtures mix good and bad lines: the good ones go in, the bad ones make it exit 2.
      Result imported = run(dir, with(KEK, "import", file, "--mapping", "mapping.json"));
      assertEquals(PsuRecords.BAD_INPUT, imported.code(), imported.toString());
      assertTrue(imported.out().contains("3 lines rejected"), imported.toString());
    }

    String amira = run(dir, with(KEK, "--json", "find", "--source-system", "legacy-crm",
        "--source-client", "4711")).json().get("client").asText();
    Result decide = run(dir, with(KEK, "decide", "--client", amira, "--purpose",
        "SERVICE_DELIVERY", "--recipient", "psu-ist", "--reason", "test", "--classes", "IDENTITY",
        "--decided-by", "Dana Duty", "--requester", "Alex Adviser", "--organisation", "PSU",
        "--role", "Adviser", "--contact", "alex@hee.nhs.uk"));
    assertEquals(PsuRecords.OK, decide.code(), decide.toString());
    Result release = run(dir, with(KEK, "--json", "release", "--token", decide.out().strip(),
        "--recipient", "psu-ist"));
    assertEquals(PsuRecords.OK, release.code(), release.toString());
    assertEquals("Dr Amira Osei", release.json().get("records").get("psu.basic").get(0)
        .get("fields").get("fullName").asText());

    Result verify = run(dir, with(KEK, "log", "verify"));
    assertEquals(PsuRecords.OK, verify.code(), verify.toString());
    assertTrue(verify.out().contains("verified intact"), verify.toString());

    // Another key of the same KMS does not open the store: a refusal, said plainly.
    Result wrongKey = run(dir, with("fake-kms://someone-else", "log", "verify"));
    assertEquals(PsuRecords.REFUSED, wrongKey.code(), wrongKey.toString());
    assertTrue(wrongKey.err().contains("is not the one this store's keys were wrapped with"),
        wrongKey.toString());
    assertEquals("", wrongKey.out());
    assertEquals(PsuRecords.OK, run(dir, with(KEK, "log", "verify")).code(),
        "the right key still opens it");
  }

  @Test
  void aKeyUriNoKmsClientSupportsIsBadUsageWithAHint() {
    Result r = run(dir, with("nokms://psu", "init"));
    assertEquals(PsuRecords.BAD_INPUT, r.code(), r.toString());
    assertTrue(r.err().contains("no KMS client is registered for this key URI")
        && r.err().contains("PSU_RECORDS_CLASSPATH"), r.toString());
  }
}
