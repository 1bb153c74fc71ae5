package io.securerecords.api.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * One field's ciphertext: AES-256-GCM under the client's data key, with associated data that
 * binds it to its record type, record id, field name, client and format version. Holds no
 * plaintext.
 *
 * @param name the field's name in the schema (metadata, in clear)
 * @param ciphertext Tink's AEAD output (key-id prefix, nonce, ciphertext, tag)
 */
public record SealedField(String name, byte[] ciphertext) {
  public SealedField {
    Objects.requireNonNull(name, "name");
    ciphertext = Bytes.copy("ciphertext", ciphertext);
  }

  /** A copy of the ciphertext. */
  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedField other
        && name.equals(other.name)
        && Arrays.equals(ciphertext, other.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "SealedField[" + name + ", " + ciphertext.length + " bytes]";
  }
}
