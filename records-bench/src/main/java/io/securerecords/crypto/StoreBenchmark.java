package io.securerecords.crypto;

import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.bench.PlainRows;
import io.securerecords.bench.PsuPopulation;
import java.io.IOException;
import java.util.ArrayList;
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
 * Benchmark 3: put (batched) and get by id, sealed against a plaintext table (or index) of the
 * same shape on the same engine, over a store already holding {@code clients} typical clients.
 *
 * <p>{@code sealedPut} seals the 4 KB casework records of {@code batch} known clients through
 * {@code SecureRecords.putAll} (one atomic write: records and their blind-index terms); {@code
 * plainPut} inserts the same records' plaintext rows, with ids of the same format, in one
 * transaction (Lucene: one commit, as the sealed store commits every write); {@code
 * plainPutIndexed} does the same into the twin that also writes each record's index entries in
 * clear (team, opened month: the entries the sealed put writes blinded). One operation is one batch. {@code sealedGet} fetches a
 * record by id, opens and authenticates every field (the read path of a release, without token
 * and log); {@code plainGet} selects the row by primary key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class StoreBenchmark {
  /** h2 and lucene by default; postgres and mariadb with {@code -p engine=postgres,mariadb}. */
  @Param({"h2", "lucene"})
  public String engine;

  /** Clients held (two records each): 50000 = 100,000 records; 500000 = 1,000,000 records. */
  @Param({"50000"})
  public int clients;

  /** Records per put: one write (transaction, commit) each. */
  @Param({"100"})
  public int batch;

  private StoreFixture fixture;
  private List<PsuPopulation.PsuClient> writers;
  private SplittableRandom random;
  private long written;
  private final Set<FieldClass> all = EnumSet.allOf(FieldClass.class);

  @Setup(Level.Trial)
  public void setUp() {
    fixture = StoreFixture.open(engine, clients);
    PsuPopulation population = PsuPopulation.standard();
    writers = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      writers.add(population.client(i));
      // Warm the client's key, as a service writing to an active client has it.
      fixture.records.dataKeys().forReading(writers.get(i).id());
    }
    random = new SplittableRandom(PsuPopulation.DEFAULT_SEED);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    fixture.close();
  }

  @Benchmark
  public List<RecordId> sealedPut() {
    List<NewRecord> records = new ArrayList<>(batch);
    for (PsuPopulation.PsuClient c : writers) {
      records.add(new NewRecord(c.id(), c.casework()));
    }
    return fixture.records.putAll(records);
  }

  @Benchmark
  public long plainPut() {
    fixture.insertPlain(plainRows(), false);
    return written;
  }

  /** As {@link #plainPut()}, into the twin that also writes each record's index entries. */
  @Benchmark
  public long plainPutIndexed() {
    fixture.insertPlain(plainRows(), true);
    return written;
  }

  private List<PlainRows.Row> plainRows() {
    List<PlainRows.Row> rows = new ArrayList<>(batch);
    for (PsuPopulation.PsuClient c : writers) {
      // Ids of the library's own format, as the sealed records get: same shape.
      written++;
      rows.add(new PlainRows.Row(RecordId.timeOrdered(java.time.Instant.now()).value(),
          c.id().value(), "psu.casework", 1, 1_772_000_000L, 0, null,
          PlainRows.fieldsJson(c.casework()), PlainRows.terms(c.casework())));
    }
    return rows;
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
