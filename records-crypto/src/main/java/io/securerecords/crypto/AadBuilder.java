package io.securerecords.crypto;

import java.util.Arrays;

/**
 * Writes the authenticated inputs of {@link RecordSealer} (each field's associated data, format
 * 1's record MAC input) byte for byte as {@code java.io.DataOutputStream} would: integers
 * big-endian, strings as {@code writeUTF} writes them (a two-byte length, then modified UTF-8).
 * Records already sealed depend on that encoding; {@code AadBuilderProperties} checks that the two
 * agree for all inputs. It exists because the stream takes a lock per write and copies the bytes
 * twice: without them, sealing and opening a record take 11 to 13% less time (records-bench,
 * HISTORY.md, seventh session).
 *
 * <p>Holds only names, ids and metadata, never field plaintext. Not thread-safe; one per call.
 */
final class AadBuilder {
  private static final int MAX_UTF = 0xFFFF;

  private byte[] buf;
  private int size;

  AadBuilder(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  /** As {@code DataOutputStream.writeUTF}; longer than 65,535 encoded bytes is refused. */
  AadBuilder utf(String s) {
    int length = utfLength(s);
    ensure(2 + length);
    size = putUtf(buf, size, s, length);
    return this;
  }

  AadBuilder i32(int v) {
    ensure(4);
    buf[size] = (byte) (v >>> 24);
    buf[size + 1] = (byte) (v >>> 16);
    buf[size + 2] = (byte) (v >>> 8);
    buf[size + 3] = (byte) v;
    size += 4;
    return this;
  }

  AadBuilder i64(long v) {
    return i32((int) (v >>> 32)).i32((int) v);
  }

  AadBuilder bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
    return this;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** {@code prefix} followed by {@code s} as {@code writeUTF} writes it, in one exact-size array. */
  static byte[] withUtf(byte[] prefix, String s) {
    int length = utfLength(s);
    byte[] out = Arrays.copyOf(prefix, prefix.length + 2 + length);
    putUtf(out, prefix.length, s, length);
    return out;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  /** Modified UTF-8 length: U+0001..U+007F one byte, U+0000 and up to U+07FF two, the rest three. */
  private static int utfLength(String s) {
    int n = s.length();
    int length = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c == 0) {
        length += c >= 0x800 ? 2 : 1;
      }
    }
    if (length > MAX_UTF) {
      // The value itself is never put in the message: ids and names may identify a client.
      throw new IllegalArgumentException(
          "a name or id in a record's associated data is longer than 65,535 encoded bytes");
    }
    return length;
  }

  private static int putUtf(byte[] out, int at, String s, int length) {
    out[at++] = (byte) (length >>> 8);
    out[at++] = (byte) length;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x0001 && c <= 0x007F) {
        out[at++] = (byte) c;
      } else if (c <= 0x07FF) {
        out[at++] = (byte) (0xC0 | ((c >> 6) & 0x1F));
        out[at++] = (byte) (0x80 | (c & 0x3F));
      } else {
        out[at++] = (byte) (0xE0 | ((c >> 12) & 0x0F));
        out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return at;
  }
}
