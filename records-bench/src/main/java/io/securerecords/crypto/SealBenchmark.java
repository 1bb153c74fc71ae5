package io.securerecords.crypto;

import com.google.crypto.tink.Aead;
import io.securerecords.api.psu.PsuSchemas;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordSchema;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.bench.PsuPopulation;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 1: seal and open one record through the library against the floor, Tink AES-256-GCM
 * called directly on the same field bytes with the same associated data, under the same key.
 *
 * <p>Lives in the core's package because sealing and opening are not public on their own (a
 * release is the only way out); it calls the very code that {@code put} and {@code release} call.
 * {@code library} is {@code RecordSealer.seal} then {@code open} of the schema-encoded fields
 * (AEAD per field, each bound to the record as sealed, and the library's checks); {@code libraryWithJson} adds the schema's JSON encoding
 * and decoding of the Java record; {@code encode} is that encoding alone; {@code floor} is AEAD per field only. {@code libraryOpen} and
 * {@code floorOpen} are the opening half alone (the cost a get adds to the store's read).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SealBenchmark {
  /** Which record of the typical client: the 4 KB casework record or the Basic Record. */
  @Param({"casework", "basic"})
  public String record;

  private SecureRecords records;
  private ClientKeys keys;
  private RecordSchema schema;
  private Object value;
  private Map<String, byte[]> fields;
  private RecordType type;
  private final RecordId id = RecordId.of("bench-record-1");
  private final Instant now = Instant.parse("2026-03-08T10:15:30.123456789Z");
  private Aead aead;
  private ClientId client;
  private SealedRecord sealed;
  private List<SealedField> sealedFields;

  @Setup(Level.Trial)
  public void setUp() {
    records = SecureRecords.builder().store(new InMemoryRecordStore())
        .kek(KeyEncryptionKey.ephemeral()).build();
    PsuPopulation.PsuClient c = PsuPopulation.standard().client(1);
    client = c.id();
    records.put(client, c.basic());
    keys = records.dataKeys().forReading(client);
    aead = keys.aead();
    boolean casework = record.equals("casework");
    schema = casework ? PsuSchemas.casework() : PsuSchemas.basic();
    value = casework ? c.casework() : c.basic();
    type = schema.type();
    fields = schema.encode(value);
    sealed = RecordSealer.seal(keys, type, id, 1, now, now, fields);
    sealedFields = sealed.fields();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    records.close();
  }

  /** The library: every field sealed (AEAD, associated data binding it to the record); then all opened. */
  @Benchmark
  public Map<String, byte[]> library() {
    SealedRecord sealed = RecordSealer.seal(keys, type, id, 1, now, now, fields);
    return RecordSealer.open(keys, sealed, null);
  }

  /** Opening alone: a record sealed once in set-up, every field decrypted and checked. */
  @Benchmark
  public Map<String, byte[]> libraryOpen() {
    return RecordSealer.open(keys, sealed, null);
  }

  /** The floor of opening alone: Tink AES-256-GCM decryption of the same ciphertexts, same AD. */
  @Benchmark
  public List<byte[]> floorOpen() throws GeneralSecurityException {
    byte[] context = context(type.name(), id.value(), client.value(), 1, now, now, fields.keySet());
    List<byte[]> plaintexts = new ArrayList<>(fields.size());
    for (SealedField f : sealedFields) {
      plaintexts.add(aead.decrypt(f.ciphertext(), fieldAad(context, f.name())));
    }
    return plaintexts;
  }

  /** The schema's JSON encoding alone (what a put does before sealing): the Java record to per-field JSON. */
  @Benchmark
  public Map<String, byte[]> encode() {
    return schema.encode(value);
  }

  /** As {@link #library()}, from the Java record and back: adds the schema's JSON mapping. */
  @Benchmark
  public Object libraryWithJson() {
    SealedRecord sealed = RecordSealer.seal(keys, type, id, 1, now, now, schema.encode(value));
    return schema.decode(RecordSealer.open(keys, sealed, null), value.getClass());
  }

  /**
   * The floor: Tink AES-256-GCM per field with the library's associated data, nothing else. As in
   * the library, sealing and opening each build the record's part of the associated data once.
   */
  @Benchmark
  public List<byte[]> floor() throws GeneralSecurityException {
    List<byte[]> ciphertexts = new ArrayList<>(fields.size());
    byte[] context = context(type.name(), id.value(), client.value(), 1, now, now, fields.keySet());
    for (Map.Entry<String, byte[]> f : fields.entrySet()) {
      ciphertexts.add(aead.encrypt(f.getValue(), fieldAad(context, f.getKey())));
    }
    List<byte[]> plaintexts = new ArrayList<>(fields.size());
    context = context(type.name(), id.value(), client.value(), 1, now, now, fields.keySet());
    int i = 0;
    for (String name : fields.keySet()) {
      plaintexts.add(aead.decrypt(ciphertexts.get(i++), fieldAad(context, name)));
    }
    return plaintexts;
  }

  SealedRecord sealForTest() {
    return RecordSealer.seal(keys, type, id, 1, now, now, fields);
  }

  Map<String, byte[]> fieldsForTest() {
    return fields;
  }

  Aead aeadForTest() {
    return aead;
  }

  /**
   * The record part of the associated data of {@code RecordSealer} (format 2), written out
   * independently with a {@code ByteBuffer}. Strings as {@code DataOutputStream.writeUTF} writes
   * them; for the benchmark's ASCII names and ids that is a two-byte length and their UTF-8.
   */
  static byte[] context(String type, String recordId, String clientId, long version,
      Instant created, Instant updated, Collection<String> names) {
    int size = 2 + LABEL.length + 4 + utfSize(type) + utfSize(recordId) + utfSize(clientId)
        + 8 + 12 + 12 + 4;
    for (String name : names) {
      size += utfSize(name);
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    putUtf(out, LABEL);
    out.putInt(2);
    putUtf(out, ascii(type));
    putUtf(out, ascii(recordId));
    putUtf(out, ascii(clientId));
    out.putLong(version);
    out.putLong(created.getEpochSecond()).putInt(created.getNano());
    out.putLong(updated.getEpochSecond()).putInt(updated.getNano());
    out.putInt(names.size());
    for (String name : names) {
      putUtf(out, ascii(name));
    }
    return out.array();
  }

  /** One field's associated data: the record part, then the field's name. */
  static byte[] fieldAad(byte[] context, String field) {
    byte[] name = ascii(field);
    ByteBuffer out = ByteBuffer.allocate(context.length + 2 + name.length);
    out.put(context);
    putUtf(out, name);
    return out.array();
  }

  private static final byte[] LABEL = ascii("secure-records/field");

  private static int utfSize(String s) {
    return 2 + s.length();
  }

  private static void putUtf(ByteBuffer out, byte[] ascii) {
    out.putShort((short) ascii.length).put(ascii);
  }

  private static byte[] ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == 0 || s.charAt(i) > 0x7F) {
        throw new IllegalArgumentException("the floor writes ASCII names and ids only");
      }
    }
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
