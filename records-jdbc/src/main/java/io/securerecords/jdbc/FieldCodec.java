package io.securerecords.jdbc;

import io.securerecords.api.error.StoreException;
import io.securerecords.api.store.SealedField;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sealed_fields} column: a record's sealed fields in schema order, as one binary value
 * so that a record is one row and reads back whole. Layout: format byte 1, field count (int),
 * then per field the UTF-8 name and the ciphertext, each as length (int) and bytes.
 */
final class FieldCodec {
  private static final int FORMAT = 1;

  private FieldCodec() {}

  /** Encodes into an array of exactly the value's size: no growing buffer, no final copy. */
  static byte[] encode(List<SealedField> fields) {
    byte[][] names = new byte[fields.size()][];
    byte[][] ciphertexts = new byte[fields.size()][];
    long size = 1 + 4;
    for (int i = 0; i < names.length; i++) {
      names[i] = fields.get(i).name().getBytes(StandardCharsets.UTF_8);
      ciphertexts[i] = fields.get(i).ciphertext();
      size += 4 + names[i].length + 4 + ciphertexts[i].length;
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new StoreException("a record's sealed fields are too large for one column");
    }
    ByteBuffer out = ByteBuffer.allocate((int) size);
    out.put((byte) FORMAT).putInt(names.length);
    for (int i = 0; i < names.length; i++) {
      out.putInt(names[i].length).put(names[i]).putInt(ciphertexts[i].length).put(ciphertexts[i]);
    }
    return out.array();
  }

  static List<SealedField> decode(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      if (in.readUnsignedByte() != FORMAT) {
        throw new StoreException("a stored record's fields are in an unknown format");
      }
      int count = in.readInt();
      List<SealedField> fields = new ArrayList<>(Math.max(0, Math.min(count, 1024)));
      for (int i = 0; i < count; i++) {
        String name = new String(readChunk(in), StandardCharsets.UTF_8);
        fields.add(new SealedField(name, readChunk(in)));
      }
      if (in.available() != 0) {
        throw new StoreException("a stored record's fields have trailing bytes");
      }
      return fields;
    } catch (IOException e) {
      throw new StoreException("a stored record's fields are truncated", e);
    }
  }

  private static byte[] readChunk(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("bad length");
    }
    return in.readNBytes(length);
  }
}
