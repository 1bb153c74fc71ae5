package io.securerecords.api.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the store holds under a {@link KeyName}: a key wrapped by the key-encryption key, or the
 * mark left when it was destroyed by erasure (so a later read says "erased", not "corrupt").
 */
public sealed interface KeyEntry permits KeyEntry.Wrapped, KeyEntry.Erased {

  /** The key's name. */
  KeyName name();

  /** 1 when first written, +1 on every rewrap, rotation or erasure (optimistic concurrency). */
  long version();

  /**
   * A key encrypted under the key-encryption key, with its name as associated data. The bytes
   * are opaque to the store.
   *
   * @param name the key's name
   * @param version the entry's version
   * @param wrapped the encrypted keyset(s)
   */
  record Wrapped(KeyName name, long version, byte[] wrapped) implements KeyEntry {
    public Wrapped {
      Objects.requireNonNull(name, "name");
      if (version < 1) {
        throw new IllegalArgumentException("version must be at least 1");
      }
      wrapped = Bytes.copy("wrapped", wrapped);
    }

    /** A copy of the wrapped bytes. */
    @Override
    public byte[] wrapped() {
      return wrapped.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Wrapped w
          && name.equals(w.name)
          && version == w.version
          && Arrays.equals(wrapped, w.wrapped);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, version) + 31 * Arrays.hashCode(wrapped);
    }

    @Override
    public String toString() {
      return "KeyEntry.Wrapped[" + name + ", v" + version + "]";
    }
  }

  /**
   * The key was destroyed: anything sealed under it is gone for good.
   *
   * @param name the key's name
   * @param version the entry's version
   * @param erasedAt when it was destroyed
   */
  record Erased(KeyName name, long version, Instant erasedAt) implements KeyEntry {
    public Erased {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(erasedAt, "erasedAt");
      if (version < 1) {
        throw new IllegalArgumentException("version must be at least 1");
      }
    }
  }
}
