package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.securerecords.api.error.KeyUnavailableException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.kek.TinkKeysetKek;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key-encryption key: wrong KEKs fail clearly, KEKs rotate, and every kind works. */
class KekTest {
  private final TamperingStore store = new TamperingStore();
  private final ClientId client = ClientId.random();

  @Test
  void aWrongKekFailsAtOnceWithAClearError() {
    SecureRecords right = Fixtures.records(store, KeyEncryptionKey.ephemeral());
    right.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    KeyUnavailableException e = assertThrows(KeyUnavailableException.class,
        () -> Fixtures.records(store, KeyEncryptionKey.ephemeral()));
    assertTrue(e.getMessage().contains("not the one this store's keys were wrapped with"),
        e.getMessage());
  }

  @Test
  void aRotatedKekStillOpensOldWrapsAndRewrapMovesThemAll() {
    TinkKeysetKek kek = KeyEncryptionKey.ephemeral();
    SecureRecords records = Fixtures.records(store, kek);
    RecordId id = records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    kek.rotate();
    assertEquals(2, kek.keyCount());
    SecureRecords cold = Fixtures.records(store, kek);
    assertEquals("Ann", cold.openAs(id, Map.class).get("name"));
    assertEquals(5, cold.rewrapKeys(), "the client key, the KEK check, two log keys, the token key");
    assertEquals("Ann", Fixtures.records(store, kek).openAs(id, Map.class).get("name"));
  }

  @Test
  void migratingToAnotherKekMovesEveryKeyAndTheOldOneCanBeDropped() {
    KeyEncryptionKey old = KeyEncryptionKey.ephemeral();
    SecureRecords records = Fixtures.records(store, old);
    RecordId id = records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, "s", "o"));
    KeyEncryptionKey next = KeyEncryptionKey.ephemeral();
    Fixtures.records(store, KeyEncryptionKey.migrating(old, next)).rewrapKeys();
    assertEquals("Ann", Fixtures.records(store, next).openAs(id, Map.class).get("name"));
    assertThrows(KeyUnavailableException.class, () -> Fixtures.records(store, old));
  }

  @Test
  void aDevelopmentFileKekPersistsIsOwnerOnlyAndSaysItIsNotForProduction(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("dev-kek.json");
    TinkKeysetKek kek = KeyEncryptionKey.developmentFile(file);
    assertFalse(kek.forProduction());
    assertTrue(kek.description().contains("not for production"));
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(file));
    RecordId id = Fixtures.records(store, kek).put(client, Fixtures.NOTE,
        Fixtures.note("Ann", null, "s", "o"));
    kek.rotate();
    TinkKeysetKek reloaded = KeyEncryptionKey.developmentFile(file);
    assertEquals(2, reloaded.keyCount());
    assertEquals("Ann", Fixtures.records(store, reloaded).openAs(id, Map.class).get("name"));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
  }

  /** A KMS reached through Tink's KmsClient interface; a local keyset stands in for the KMS. */
  @Test
  void aKmsClientKekWrapsThroughTheKms() throws GeneralSecurityException {
    Aead kmsKey = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
        .getPrimitive(RegistryConfiguration.get(), Aead.class);
    KmsClient kms = new KmsClient() {
      @Override
      public boolean doesSupport(String uri) {
        return uri.startsWith("test-kms://");
      }

      @Override
      public KmsClient withCredentials(String path) {
        return this;
      }

      @Override
      public KmsClient withDefaultCredentials() {
        return this;
      }

      @Override
      public Aead getAead(String uri) {
        return kmsKey;
      }
    };
    KeyEncryptionKey kek = KeyEncryptionKey.fromKms(kms, "test-kms://keys/psu");
    assertTrue(kek.forProduction());
    RecordId id = Fixtures.records(store, kek).put(client, Fixtures.NOTE,
        Fixtures.note("Ann", null, "s", "o"));
    assertEquals("Ann", Fixtures.records(store, kek).openAs(id, Map.class).get("name"));
    assertThrows(IllegalArgumentException.class,
        () -> KeyEncryptionKey.fromKms(kms, "aws-kms://arn:aws:kms:eu-west-2:1:key/x"));
  }
}
