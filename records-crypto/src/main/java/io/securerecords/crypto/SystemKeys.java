package io.securerecords.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import io.securerecords.api.error.ConflictException;
import io.securerecords.api.error.KeyUnavailableException;
import io.securerecords.api.error.TamperedException;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.WriteBatch;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * The library's own keys (the KEK check, and later blind-index, log and token keys): one Tink
 * keyset each, stored wrapped by the KEK under a {@code system:} name.
 */
final class SystemKeys {
  static final KeyName KEK_CHECK = KeyName.system("kek-check");

  private final RecordStore store;
  private final KeyEncryptionKey kek;

  SystemKeys(RecordStore store, KeyEncryptionKey kek) {
    this.store = store;
    this.kek = kek;
  }

  /** The keyset under this name, created with these parameters on first use. */
  KeysetHandle loadOrCreate(KeyName name, Parameters parameters) {
    return loadOrCreate(name, () -> {
      try {
        return KeysetHandle.generateNew(parameters);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("could not generate key " + name, e);
      }
    });
  }

  /** The keyset under this name, made by {@code generate} on first use. */
  KeysetHandle loadOrCreate(KeyName name, java.util.function.Supplier<KeysetHandle> generate) {
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<KeyEntry> entry = store.key(name);
      if (entry.isPresent()) {
        return unwrap(entry.get());
      }
      try {
        KeysetHandle fresh = generate.get();
        store.write(WriteBatch.builder().putKey(wrap(name, fresh, 1), 0).build());
        return fresh;
      } catch (ConflictException raced) {
        // Another writer created it first: read theirs.
      }
    }
    throw new ConflictException("key " + name + " could not be created");
  }

  /**
   * Proves the KEK is the one this store's keys were wrapped with, so a wrong KEK fails at once
   * with a clear error instead of every key looking tampered.
   */
  void checkKek(Parameters parameters) {
    Optional<KeyEntry> entry = store.key(KEK_CHECK);
    if (entry.isEmpty()) {
      loadOrCreate(KEK_CHECK, parameters);
      return;
    }
    try {
      unwrap(entry.get());
    } catch (TamperedException e) {
      throw new KeyUnavailableException(
          "the key-encryption key (" + kek.description() + ") is not the one this store's keys"
              + " were wrapped with",
          null);
    }
  }

  KeyEntry.Wrapped wrap(KeyName name, KeysetHandle keyset, long version) {
    try {
      return new KeyEntry.Wrapped(
          name,
          version,
          DataKeys.seal(kek, keyset, DataKeys.associatedData(name, "keyset")));
    } catch (GeneralSecurityException e) {
      throw new KeyUnavailableException(
          "the key-encryption key (" + kek.description() + ") could not wrap key " + name, e);
    }
  }

  KeysetHandle unwrap(KeyEntry entry) {
    if (!(entry instanceof KeyEntry.Wrapped wrapped)) {
      throw new KeyUnavailableException("key " + entry.name() + " was destroyed", null);
    }
    try {
      return DataKeys.open(kek, wrapped.wrapped(), DataKeys.associatedData(entry.name(), "keyset"));
    } catch (GeneralSecurityException e) {
      throw new TamperedException(
          "wrapped key " + entry.name() + " failed authentication under the key-encryption key", e);
    }
  }

  /** Stores a changed keyset (e.g. after rotation) as the next version of its entry. */
  void replace(KeyName name, KeysetHandle keyset) {
    KeyEntry current = store.key(name).orElseThrow(
        () -> new KeyUnavailableException("key " + name + " is not held", null));
    store.write(WriteBatch.builder()
        .putKey(wrap(name, keyset, current.version() + 1), current.version()).build());
  }

  /** Re-wraps a stored system key under the KEK's current primary, as the next version. */
  KeyEntry.Wrapped rewrap(KeyEntry.Wrapped entry) {
    return wrap(entry.name(), unwrap(entry), entry.version() + 1);
  }
}
