package io.securerecords.api.store;

/** Copies of byte arrays, so stored values stay immutable. */
final class Bytes {
  private Bytes() {}

  static byte[] copy(String what, byte[] bytes) {
    if (bytes == null) {
      throw new NullPointerException(what);
    }
    return bytes.clone();
  }
}
