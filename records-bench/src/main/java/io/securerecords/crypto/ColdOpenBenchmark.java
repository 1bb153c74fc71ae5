package io.securerecords.crypto;

import com.google.crypto.tink.Aead;
import io.securerecords.api.psu.PsuSchemas;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordSchema;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.bench.PsuPopulation;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.security.GeneralSecurityException;
import java.time.Duration;
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
 * Benchmark 3's opening half without a store: what a get adds to the store's read when each get
 * opens a different client's record under that client's own data key. The records of {@code
 * clients} clients (casework and Basic Record in turn) are sealed in set-up and held in memory;
 * each call opens the next one, striding through them. {@code libraryOpen} takes the client's
 * keys from the library's key cache (as a get does) and opens with {@code RecordSealer.open};
 * {@code floorOpen} is Tink AES-256-GCM decryption of the same ciphertexts with the same
 * associated data, the client's {@code Aead} taken from an array. With one client this is
 * benchmark 1's hot loop; with many, every call switches key and touches colder memory, on both
 * sides alike.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ColdOpenBenchmark {
  /** How many clients' records the calls stride through. */
  @Param({"1", "10000"})
  public int clients;

  private static final int STRIDE = 7919;

  private SecureRecords records;
  private final Instant now = Instant.parse("2026-03-08T10:15:30.123456789Z");
  private Aead[] aeads;
  private SealedRecord[] sealed;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    records = SecureRecords.builder().store(new InMemoryRecordStore())
        .kek(KeyEncryptionKey.ephemeral()).expectedClients(Math.max(clients, 1_000))
        .keyCache(clients + 1_000L, Duration.ofHours(1)).build();
    PsuPopulation population = PsuPopulation.standard();
    RecordSchema casework = PsuSchemas.casework();
    RecordSchema basic = PsuSchemas.basic();
    // With one client, both its records take turns, as with many.
    int n = Math.max(clients, 2);
    aeads = new Aead[n];
    sealed = new SealedRecord[n];
    for (int i = 0; i < n; i++) {
      PsuPopulation.PsuClient c = population.client(i % clients);
      if (i < clients) {
        records.put(c.id(), c.basic());
      }
      ClientKeys keys = records.dataKeys().forReading(c.id());
      RecordSchema schema = i % 2 == 0 ? casework : basic;
      Map<String, byte[]> fields = schema.encode(i % 2 == 0 ? c.casework() : c.basic());
      aeads[i] = keys.aead();
      sealed[i] = RecordSealer.seal(keys, schema.type(), RecordId.of("cold-" + i), 1, now, now,
          fields);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    records.close();
  }

  private int nextIndex() {
    next = (next + STRIDE) % sealed.length;
    return next;
  }

  /** The library's opening, with its key-cache lookup, as in a get. */
  @Benchmark
  public Map<String, byte[]> libraryOpen() {
    SealedRecord record = sealed[nextIndex()];
    return RecordSealer.open(records.dataKeys().forReading(record.client()), record, null);
  }

  /** The key switch's cache part alone: the next client's keys from the library's key cache. */
  @Benchmark
  public ClientKeys keyLookup() {
    return records.dataKeys().forReading(sealed[nextIndex()].client());
  }

  /** Tink AES-256-GCM decryption of the same fields, same associated data, key from an array. */
  @Benchmark
  public List<byte[]> floorOpen() throws GeneralSecurityException {
    int i = nextIndex();
    SealedRecord record = sealed[i];
    List<String> names = new ArrayList<>(record.fields().size());
    for (SealedField f : record.fields()) {
      names.add(f.name());
    }
    byte[] context = SealBenchmark.context(record.type().name(), record.id().value(),
        record.client().value(), record.version(), record.created(), record.updated(), names);
    List<byte[]> plaintexts = new ArrayList<>(names.size());
    for (SealedField f : record.fields()) {
      plaintexts.add(aeads[i].decrypt(f.ciphertext(), SealBenchmark.fieldAad(context, f.name())));
    }
    return plaintexts;
  }

  /** The sealed record at {@code i} (for the test). */
  SealedRecord sealedForTest(int i) {
    return sealed[i];
  }
}
