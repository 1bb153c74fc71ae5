package io.securerecords.crypto;

import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.bench.PlainRows;
import io.securerecords.bench.PsuPopulation;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
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
 * Benchmark 3: put and get by id, sealed against a plaintext table (or index) of the same shape on
 * the same engine, over a store already holding {@code clients} typical clients.
 *
 * <p>{@code sealedPut} seals the 4 KB casework record of a known client through {@code
 * SecureRecords.put} (one atomic write: record and its blind-index terms); {@code plainPut}
 * inserts the same record's plaintext row in one transaction (Lucene: one commit, as the sealed
 * store commits every write). {@code sealedGet} fetches a record by id, checks its MAC and opens
 * every field (the read path of a release, without token and log); {@code plainGet} selects the
 * row by primary key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class StoreBenchmark {
  /** h2 and lucene by default; postgres and mariadb with {@code -p engine=postgres,mariadb}. */
  @Param({"h2", "lucene"})
  public String engine;

  /** Clients held before measuring (two records each); 1000000 in the large profile. */
  @Param({"100000"})
  public int clients;

  private StoreFixture fixture;
  private PsuPopulation.PsuClient client;
  private SplittableRandom random;
  private long written;
  private final Set<FieldClass> all = EnumSet.allOf(FieldClass.class);

  @Setup(Level.Trial)
  public void setUp() {
    fixture = StoreFixture.open(engine, clients);
    client = PsuPopulation.standard().client(3);
    random = new SplittableRandom(PsuPopulation.DEFAULT_SEED);
    // Warm the client's key, as a service writing to an active client has it.
    fixture.records.put(client.id(), client.casework());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    fixture.close();
  }

  @Benchmark
  public RecordId sealedPut() {
    return fixture.records.put(client.id(), client.casework());
  }

  @Benchmark
  public long plainPut() {
    PlainRows.Row c = PlainRows.of(client, 1_772_000_000L)[1];
    String id = "p-" + System.nanoTime() + "-" + written++;
    fixture.insertPlain(List.of(new PlainRows.Row(id, c.client(), c.type(), 1,
        c.createdSeconds(), 0, null, PlainRows.fieldsJson(client.casework()))));
    return written;
  }

  @Benchmark
  public Map<String, byte[]> sealedGet() {
    int i = random.nextInt(clients);
    return fixture.records.open(random.nextBoolean() ? fixture.basicIds[i]
        : fixture.caseworkIds[i], all);
  }

  @Benchmark
  public String plainGet() {
    int i = random.nextInt(clients);
    return fixture.plainGet((random.nextBoolean() ? "b-" : "c-") + i);
  }
}
