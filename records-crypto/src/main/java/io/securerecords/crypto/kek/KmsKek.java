package io.securerecords.crypto.kek;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.aead.AeadConfig;
import java.security.GeneralSecurityException;
import java.util.Objects;

/** A KEK that is a Tink AEAD from elsewhere, typically a KMS key. */
final class KmsKek implements KeyEncryptionKey {
  private final Aead aead;
  private final String description;
  private final boolean forProduction;

  KmsKek(Aead aead, String description, boolean forProduction) {
    this.aead = Objects.requireNonNull(aead, "aead");
    this.description = Objects.requireNonNull(description, "description");
    this.forProduction = forProduction;
  }

  static KmsKek of(KmsClient client, String keyUri) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(keyUri, "keyUri");
    try {
      AeadConfig.register();
      if (!client.doesSupport(keyUri)) {
        throw new IllegalArgumentException("the KMS client does not support this key URI");
      }
      return new KmsKek(client.getAead(keyUri), "KMS key " + keyUri, true);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the KMS key could not be reached", e);
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
    return forProduction;
  }

  @Override
  public String toString() {
    return "KeyEncryptionKey[" + description + "]";
  }
}
