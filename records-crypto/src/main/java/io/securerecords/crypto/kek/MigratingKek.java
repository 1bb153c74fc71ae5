package io.securerecords.crypto.kek;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import java.util.Objects;

/** Wraps under the next KEK; unwraps under the next, or else the previous one. */
final class MigratingKek implements KeyEncryptionKey {
  private final KeyEncryptionKey previous;
  private final KeyEncryptionKey next;
  private final Aead aead;

  MigratingKek(KeyEncryptionKey previous, KeyEncryptionKey next) {
    this.previous = Objects.requireNonNull(previous, "previous");
    this.next = Objects.requireNonNull(next, "next");
    this.aead =
        new Aead() {
          @Override
          public byte[] encrypt(byte[] plaintext, byte[] associatedData)
              throws GeneralSecurityException {
            return next.aead().encrypt(plaintext, associatedData);
          }

          @Override
          public byte[] decrypt(byte[] ciphertext, byte[] associatedData)
              throws GeneralSecurityException {
            try {
              return next.aead().decrypt(ciphertext, associatedData);
            } catch (GeneralSecurityException underNext) {
              return previous.aead().decrypt(ciphertext, associatedData);
            }
          }
        };
  }

  @Override
  public Aead aead() {
    return aead;
  }

  @Override
  public String description() {
    return "migrating from " + previous.description() + " to " + next.description();
  }

  @Override
  public boolean forProduction() {
    return previous.forProduction() && next.forProduction();
  }

  @Override
  public String toString() {
    return "KeyEncryptionKey[" + description() + "]";
  }
}
