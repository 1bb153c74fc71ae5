package io.securerecords.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.aead.AeadKey;
import io.securerecords.api.record.ClientId;
import java.util.Arrays;

/**
 * One client's unwrapped data key: the AES-256-GCM keyset that seals fields, and, only for keys
 * an earlier build made, the HMAC-SHA256 keyset of their format-1 record MACs ({@code macKeyset}
 * and {@code mac} are null otherwise). Lives only in memory (and the bounded key cache).
 */
record ClientKeys(
    ClientId client, long entryVersion, KeysetHandle aeadKeyset, KeysetHandle macKeyset, Aead aead, Mac mac) {

  /** Whether this ciphertext was made under the current primary AEAD key (Tink's key-id prefix). */
  boolean sealedUnderPrimary(byte[] ciphertext) {
    byte[] prefix = ((AeadKey) aeadKeyset.getPrimary().getKey()).getOutputPrefix().toByteArray();
    return ciphertext.length >= prefix.length
        && Arrays.equals(ciphertext, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public String toString() {
    return "ClientKeys[" + client + ", v" + entryVersion + "]";
  }
}
