package io.securerecords.crypto.kek;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A KEK that is a Tink AES-256-GCM keyset held by this process: in memory only ({@link
 * KeyEncryptionKey#ephemeral()}) or in a clear keyset file ({@link
 * KeyEncryptionKey#developmentFile(Path)}). Neither is for production: the key is not protected
 * by anything but the process's memory or the file's permissions.
 *
 * <p>{@link #rotate()} adds a new primary key; older keys stay in the keyset so keys wrapped
 * under them still unwrap, until {@code SecureRecords.rewrapKeys()} has moved everything.
 */
public final class TinkKeysetKek implements KeyEncryptionKey {
  private static final System.Logger LOG = System.getLogger(TinkKeysetKek.class.getName());

  private final String description;
  private final Path file;
  private volatile KeysetHandle keyset;
  private volatile Aead aead;

  private TinkKeysetKek(String description, Path file, KeysetHandle keyset) {
    this.description = description;
    this.file = file;
    use(keyset);
  }

  static TinkKeysetKek generate(String description) {
    try {
      AeadConfig.register();
      return new TinkKeysetKek(
          description, null, KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not generate a KEK", e);
    }
  }

  static TinkKeysetKek developmentFile(Path file) {
    Objects.requireNonNull(file, "file");
    LOG.log(
        Level.WARNING,
        "Using the development KEK file {0}: the key is stored in clear next to the data and is"
            + " NOT for production. Use a KMS (KeyEncryptionKey.fromKms) for real casework.",
        file);
    try {
      AeadConfig.register();
      String description = "development KEK file " + file.getFileName() + " (not for production)";
      if (Files.exists(file)) {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        return new TinkKeysetKek(
            description,
            file,
            TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
      }
      TinkKeysetKek kek =
          new TinkKeysetKek(
              description, file, KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
      kek.save();
      return kek;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the development KEK file does not hold a valid keyset", e);
    } catch (IOException e) {
      throw new IllegalStateException("the development KEK file could not be read or written", e);
    }
  }

  private void use(KeysetHandle handle) {
    try {
      Aead primitive = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
      this.keyset = handle;
      this.aead = primitive;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the KEK keyset is not an AEAD keyset", e);
    }
  }

  /**
   * Adds a new AES-256-GCM key and makes it primary; new wraps use it, old wraps still open. For a
   * file KEK the file is rewritten atomically.
   *
   * @return the id of the new primary key
   */
  public synchronized int rotate() {
    try {
      KeysetHandle rotated =
          KeysetHandle.newBuilder(keyset)
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                      .withRandomId()
                      .makePrimary())
              .build();
      use(rotated);
      if (file != null) {
        save();
      }
      return rotated.getPrimary().getId();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not rotate the KEK", e);
    } catch (IOException e) {
      throw new IllegalStateException("could not write the rotated development KEK file", e);
    }
  }

  /** How many keys the keyset holds (1 + rotations not yet retired). */
  public int keyCount() {
    return keyset.size();
  }

  private void save() throws GeneralSecurityException, IOException {
    String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".kek", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Not a POSIX file system: permissions are left to the platform.
      }
      Files.writeString(tmp, json, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public Aead aead() {
    return aead;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean forProduction() {
    return false;
  }

  @Override
  public String toString() {
    return "KeyEncryptionKey[" + description + "]";
  }
}
