package io.securerecords.crypto.kek;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import java.nio.file.Path;

/**
 * The key-encryption key (KEK): the root of the key hierarchy. Every client's data key, and
 * every library key, is stored only as a Tink keyset encrypted under it, with the key's name as
 * associated data (so a wrapped key moved to another client fails to unwrap).
 *
 * <p>Whoever holds the KEK and a copy of the store can open everything; whoever holds only the
 * store can open nothing. Keep the KEK in a KMS in production.
 *
 * <p>Implementations: {@link #ephemeral()} (tests), {@link #fromKms(KmsClient, String)} (any
 * Tink KMS integration: AWS KMS, GCP KMS, HashiCorp Vault), {@link #developmentFile(Path)} (a
 * local keyset file, never for production).
 */
public interface KeyEncryptionKey {

  /** The Tink AEAD that wraps and unwraps keysets. Encrypts with the current primary key. */
  Aead aead();

  /** A description for logs and errors: never key material. */
  String description();

  /** Whether this KEK is fit for production (only KMS-backed ones are). */
  boolean forProduction();

  /**
   * A fresh AES-256-GCM KEK held only in this process's memory: everything wrapped under it is
   * lost when the process ends. For tests and prototypes.
   */
  static TinkKeysetKek ephemeral() {
    return TinkKeysetKek.generate("ephemeral in-memory KEK");
  }

  /**
   * A KEK held in a KMS, reached through a Tink {@link KmsClient} (for example
   * {@code new AwsKmsClient().withDefaultCredentials()}, {@code GcpKmsClient}, or a Vault
   * client) and a key URI such as {@code aws-kms://arn:aws:kms:...}. The key never leaves the
   * KMS; each wrap and unwrap is a KMS call (unwrapped data keys are cached, see the builder).
   */
  static KeyEncryptionKey fromKms(KmsClient client, String keyUri) {
    return KmsKek.of(client, keyUri);
  }

  /**
   * A KEK from any Tink {@link Aead}, for integrations that are not a {@link KmsClient}.
   *
   * @param description what it is, for logs (no secrets)
   * @param forProduction whether the AEAD's key is protected well enough for production
   */
  static KeyEncryptionKey fromAead(Aead aead, String description, boolean forProduction) {
    return new KmsKek(aead, description, forProduction);
  }

  /**
   * A KEK in a local keyset file, created (owner-only permissions) if absent. The key sits in
   * clear on disk next to the data it protects: for development only. Using it logs a warning.
   */
  static TinkKeysetKek developmentFile(Path file) {
    return TinkKeysetKek.developmentFile(file);
  }

  /**
   * A KEK moving from {@code previous} to {@code next}: wraps under {@code next}, unwraps under
   * {@code next} or else {@code previous}. Use it with {@code SecureRecords.rewrapKeys()} to move
   * every key to a new KMS key, then drop {@code previous}.
   */
  static KeyEncryptionKey migrating(KeyEncryptionKey previous, KeyEncryptionKey next) {
    return new MigratingKek(previous, next);
  }
}
