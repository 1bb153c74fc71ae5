package io.securerecords.cli;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import io.securerecords.api.error.ConflictException;
import io.securerecords.api.error.TamperedException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.WriteBatch;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

/**
 * The source system's ids, blinded: an HMAC-SHA256 key of its own ({@code
 * system:cli-import-ids}, wrapped by the KEK exactly like the library's keys, so {@code rotate
 * kek} re-wraps it too) turns a source client id into an opaque {@link ClientId} and a source
 * row id into an import mark. The store never sees a source id.
 */
final class SourceIds {
  static final KeyName KEY = KeyName.system("cli-import-ids");
  private final Mac mac;

  private SourceIds(Mac mac) {
    this.mac = mac;
  }

  static SourceIds load(RecordStore store, KeyEncryptionKey kek) {
    try {
      MacConfig.register();
      for (int attempt = 0; ; attempt++) {
        Optional<KeyEntry> entry = store.key(KEY);
        if (entry.isPresent()) {
          if (!(entry.get() instanceof KeyEntry.Wrapped wrapped)) {
            throw new IllegalStateException("the import id key was destroyed");
          }
          byte[] clear;
          try {
            clear = kek.aead().decrypt(wrapped.wrapped(), associatedData());
          } catch (GeneralSecurityException e) {
            throw new TamperedException("wrapped key " + KEY + " failed authentication under the"
                + " key-encryption key", e);
          }
          KeysetHandle keyset = TinkProtoKeysetFormat.parseKeyset(clear,
              InsecureSecretKeyAccess.get());
          java.util.Arrays.fill(clear, (byte) 0);
          return new SourceIds(keyset.getPrimitive(RegistryConfiguration.get(), Mac.class));
        }
        KeysetHandle fresh = KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG);
        byte[] clear = TinkProtoKeysetFormat.serializeKeyset(fresh, InsecureSecretKeyAccess.get());
        byte[] wrapped = kek.aead().encrypt(clear, associatedData());
        java.util.Arrays.fill(clear, (byte) 0);
        try {
          store.write(WriteBatch.builder().putKey(new KeyEntry.Wrapped(KEY, 1, wrapped), 0).build());
        } catch (ConflictException raced) {
          if (attempt > 2) {
            throw raced;
          }
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the import id key could not be made or opened", e);
    }
  }

  /** The same associated data the library binds its wrapped keysets to. */
  private static byte[] associatedData() {
    return ("secure-records/key/v1\0" + KEY.value() + "\0keyset").getBytes(StandardCharsets.UTF_8);
  }

  /** The client id for a source system's client id: stable, opaque. */
  ClientId client(String system, String sourceClientId) {
    return ClientId.of("src-" + blind("client", system, sourceClientId).substring(0, 43));
  }

  /**
   * The import mark of a source row: kept as a single-use count in the store, written in the same
   * atomic batch as the imported record, so a row goes in once however often the file is run.
   */
  String mark(String system, String sourceRowId) {
    return "cli-import." + blind("row", system, sourceRowId);
  }

  private String blind(String kind, String system, String id) {
    try {
      byte[] tag = mac.computeMac((kind + "\0" + system + "\0" + id).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not blind a source id", e);
    }
  }
}
