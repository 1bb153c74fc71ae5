package io.securerecords.jdbc;

import io.securerecords.api.error.StoreException;
import io.securerecords.api.store.SealedField;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  static byte[] encode(List<SealedField> fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeInt(fields.size());
      for (SealedField field : fields) {
        writeChunk(out, field.name().getBytes(StandardCharsets.UTF_8));
        writeChunk(out, field.ciphertext());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
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

  private static void writeChunk(DataOutputStream out, byte[] chunk) throws IOException {
    out.writeInt(chunk.length);
    out.write(chunk);
  }

  private static byte[] readChunk(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("bad length");
    }
    return in.readNBytes(length);
  }
}
