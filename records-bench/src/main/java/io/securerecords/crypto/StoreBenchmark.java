package io.securerecords.crypto;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.store.IndexEntry;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
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
 * clear (team, opened month: the entries the sealed put writes blinded). One operation is one batch.
 * {@code sealedWrite} is the store's part of {@code sealedPut} alone: the same batch, sealed once
 * in set-up, written again under fresh ids. {@code sealedGet} fetches a record by id, opens and
 * authenticates every field (the read path of a release, without the token, the client's key
 * entry read and the log); {@code sealedRead} is its store part alone (the sealed record read by
 * id, nothing opened); {@code plainGet} selects the row by primary key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Ten warm-ups, as the engines command has used: with three, the eighteenth session's standard
// run had a first measured iteration up to 44% slower than the rest (HISTORY.md).
@Warmup(iterations = 10, time = 3)
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

  /** The client of {@link #sealedWrite()}'s copies: no data key, never read or opened. */
  static final ClientId STORE_PART_CLIENT = ClientId.of("bench-store-part");

  StoreFixture fixture;
  private List<PsuPopulation.PsuClient> writers;
  private SplittableRandom random;
  private long written;
  private final Set<FieldClass> all = EnumSet.allOf(FieldClass.class);
  List<SealedRecord> sealedBatch;
  private List<List<IndexEntry>> sealedEntries;

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
    // The store's part of a sealed put: one batch sealed once, with its index entries.
    sealedBatch = new ArrayList<>(batch);
    sealedEntries = new ArrayList<>(batch);
    for (RecordId id : sealedPut()) {
      SealedRecord r = fixture.store.record(id).orElseThrow();
      sealedBatch.add(r);
      sealedEntries.add(fixture.records.indexes().current().entriesFor(
          fixture.records.dataKeys().forReading(r.client()), id, r.type(),
          fixture.records.open(id, all)));
    }
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

  /**
   * The store's part of {@link #sealedPut()}: the same batch's sealed records and index entries,
   * sealed once in set-up, written under fresh ids in one store write (nothing sealed, encoded or
   * blinded here; the store does not open what it holds). A ciphertext is bound to its record's
   * id, so these copies would fail authentication if opened: they are written for {@link
   * #STORE_PART_CLIENT}, whose records no benchmark reads (a search that read a real client's
   * records for its policy check would report them as tampered, as it should).
   */
  @Benchmark
  public int sealedWrite() {
    WriteBatch.Builder b = WriteBatch.builder();
    for (int i = 0; i < sealedBatch.size(); i++) {
      SealedRecord r = sealedBatch.get(i);
      RecordId id = RecordId.timeOrdered(java.time.Instant.now());
      b.putRecord(new SealedRecord(id, r.type(), STORE_PART_CLIENT, r.version(), r.created(),
          r.updated(), r.format(), r.fields(), r.mac()), 0).indexEntries(id, sealedEntries.get(i));
    }
    fixture.store.write(b.build());
    return sealedBatch.size();
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

  /** The store's part of {@link #sealedGet()}: the sealed record read by id, nothing opened. */
  @Benchmark
  public Object sealedRead() {
    int i = random.nextInt(clients);
    return fixture.store.record(random.nextBoolean() ? fixture.basicIds[i]
        : fixture.caseworkIds[i]);
  }

  @Benchmark
  public String plainGet() {
    int i = random.nextInt(clients);
    return fixture.plainGet((random.nextBoolean() ? "b-" : "c-") + i);
  }
}
