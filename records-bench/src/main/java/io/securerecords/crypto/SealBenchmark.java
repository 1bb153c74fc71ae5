package io.securerecords.crypto;

import com.google.crypto.tink.Aead;
import io.securerecords.api.psu.PsuSchemas;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordSchema;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.bench.PsuPopulation;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
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
 * (AEAD per field plus the record MAC); {@code libraryWithJson} adds the schema's JSON encoding
 * and decoding of the Java record; {@code floor} is AEAD per field only.
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
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    records.close();
  }

  /** The library: every field sealed (AEAD, bound AD) and the record MAC; then MAC checked, all opened. */
  @Benchmark
  public Map<String, byte[]> library() {
    SealedRecord sealed = RecordSealer.seal(keys, type, id, 1, now, now, fields);
    return RecordSealer.open(keys, sealed, null);
  }

  /** As {@link #library()}, from the Java record and back: adds the schema's JSON mapping. */
  @Benchmark
  public Object libraryWithJson() {
    SealedRecord sealed = RecordSealer.seal(keys, type, id, 1, now, now, schema.encode(value));
    return schema.decode(RecordSealer.open(keys, sealed, null), value.getClass());
  }

  /** The floor: Tink AES-256-GCM per field with the library's associated data, nothing else. */
  @Benchmark
  public List<byte[]> floor() throws GeneralSecurityException {
    List<byte[]> ciphertexts = new ArrayList<>(fields.size());
    for (Map.Entry<String, byte[]> f : fields.entrySet()) {
      ciphertexts.add(aead.encrypt(f.getValue(), fieldAad(type.name(), id.value(), f.getKey(),
          client.value())));
    }
    List<byte[]> plaintexts = new ArrayList<>(fields.size());
    int i = 0;
    for (String name : fields.keySet()) {
      plaintexts.add(aead.decrypt(ciphertexts.get(i++), fieldAad(type.name(), id.value(), name,
          client.value())));
    }
    return plaintexts;
  }

  /** The associated data shape of {@code RecordSealer.fieldAad}, written out independently. */
  static byte[] fieldAad(String type, String recordId, String field, String clientId) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF("secure-records/field");
      out.writeInt(1);
      out.writeUTF(type);
      out.writeUTF(recordId);
      out.writeUTF(field);
      out.writeUTF(clientId);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
