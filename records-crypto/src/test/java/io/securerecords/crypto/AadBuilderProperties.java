package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.SealedField;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Records already sealed depend on their associated data being exactly what {@code
 * DataOutputStream} wrote when they were sealed. These properties hold {@link AadBuilder}, and
 * {@link RecordSealer}'s encodings built on it, to that stream for every input.
 */
class AadBuilderProperties {

  @Provide
  Arbitrary<String> anyString() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(80),
        Arbitraries.strings().withCharRange('\u0000', '\u00FF').ofMaxLength(80),
        Arbitraries.strings().withCharRange('\u07F0', '\u0810').ofMaxLength(40),
        Arbitraries.strings().withCharRange('\uD7F0', '\uFFFF').ofMaxLength(40));
  }

  @Provide
  Arbitrary<RecordType> type() {
    return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._-").ofMaxLength(63)
        .map(s -> RecordType.of("t" + s));
  }

  @Provide
  Arbitrary<Instant> instant() {
    return Arbitraries.longs().between(-10_000_000_000L, 250_000_000_000L)
        .flatMap(s -> Arbitraries.integers().between(0, 999_999_999)
            .map(n -> Instant.ofEpochSecond(s, n)));
  }

  @Property(tries = 500)
  void aStringIsWrittenAsWriteUtfWritesIt(@ForAll("anyString") String s) throws IOException {
    Stream expected = new Stream();
    expected.out.writeUTF(s);
    assertArrayEquals(expected.bytes(), new AadBuilder(1).utf(s).toByteArray());
  }

  @Property(tries = 300)
  void anySequenceOfWritesMatchesTheStream(
      @ForAll @Size(max = 12) List<@From("anyString") String> strings,
      @ForAll long wide, @ForAll int narrow, @ForAll byte[] raw) throws IOException {
    Stream expected = new Stream();
    AadBuilder actual = new AadBuilder(1);
    for (String s : strings) {
      expected.out.writeUTF(s);
      expected.out.writeLong(wide);
      expected.out.writeInt(narrow);
      expected.out.write(raw);
      actual.utf(s).i64(wide).i32(narrow).bytes(raw);
    }
    assertArrayEquals(expected.bytes(), actual.toByteArray());
  }

  @Property(tries = 300)
  void aFieldsAssociatedDataIsTheContextThenItsName(
      @ForAll byte[] context, @ForAll("anyString") String field) throws IOException {
    Stream expected = new Stream();
    expected.out.write(context);
    expected.out.writeUTF(field);
    assertArrayEquals(expected.bytes(), RecordSealer.fieldAad(context, field));
  }

  @Property(tries = 300)
  void formatTwoContextIsUnchanged(
      @ForAll("type") RecordType type,
      @ForAll long version,
      @ForAll("instant") Instant created,
      @ForAll("instant") Instant updated,
      @ForAll @Size(max = 20) List<@From("anyString") String> names)
      throws IOException {
    RecordId id = RecordId.random();
    ClientId client = ClientId.random();
    Stream expected = new Stream();
    streamRecord(expected.out, "secure-records/field", 2, type, id, client, version, created,
        updated);
    expected.out.writeInt(names.size());
    for (String name : names) {
      expected.out.writeUTF(name);
    }
    assertArrayEquals(expected.bytes(),
        RecordSealer.context(type, id, client, version, created, updated, names));
  }

  @Property(tries = 200)
  void formatOneInputsAreUnchanged(
      @ForAll("type") RecordType type,
      @ForAll long version,
      @ForAll("instant") Instant created,
      @ForAll("instant") Instant updated,
      @ForAll @Size(max = 10) List<@From("anyString") String> names,
      @ForAll byte[] ciphertext) throws IOException {
    RecordId id = RecordId.random();
    ClientId client = ClientId.random();
    List<SealedField> fields = new ArrayList<>();
    Stream mac = new Stream();
    streamRecord(mac.out, "secure-records/record", 1, type, id, client, version, created, updated);
    mac.out.writeInt(names.size());
    for (String name : names) {
      fields.add(new SealedField(name, ciphertext));
      mac.out.writeUTF(name);
      mac.out.writeInt(ciphertext.length);
      mac.out.write(ciphertext);
      Stream aad = new Stream();
      aad.out.writeUTF("secure-records/field");
      aad.out.writeInt(1);
      aad.out.writeUTF(type.name());
      aad.out.writeUTF(id.value());
      aad.out.writeUTF(name);
      aad.out.writeUTF(client.value());
      assertArrayEquals(aad.bytes(), RecordSealer.formatOneFieldAad(type, id, name, client));
    }
    assertArrayEquals(mac.bytes(),
        RecordSealer.formatOneMacInput(type, id, client, version, created, updated, fields));
  }

  @Property(tries = 20)
  void tooLongAStringIsRefusedAsTheStreamRefusesIt(
      @ForAll("anyString") String prefix) {
    String secret = "S3cret-" + prefix;
    String tooLong = secret + "x".repeat(65_536);
    assertThrows(UTFDataFormatException.class, () -> new Stream().out.writeUTF(tooLong));
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> new AadBuilder(16).utf(tooLong));
    assertFalse(refused.getMessage().contains("S3cret"), "the value is not echoed");
  }

  /** The record part of both formats, as the stream-based encoder before AadBuilder wrote it. */
  private static void streamRecord(DataOutputStream out, String label, int format,
      RecordType type, RecordId id, ClientId client, long version, Instant created,
      Instant updated) throws IOException {
    out.writeUTF(label);
    out.writeInt(format);
    out.writeUTF(type.name());
    out.writeUTF(id.value());
    out.writeUTF(client.value());
    out.writeLong(version);
    out.writeLong(created.getEpochSecond());
    out.writeInt(created.getNano());
    out.writeLong(updated.getEpochSecond());
    out.writeInt(updated.getNano());
  }

  private static final class Stream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final DataOutputStream out = new DataOutputStream(bytes);

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }
}
