package io.securerecords.crypto;

import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.bench.PsuPopulation;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumSet;
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
 * Benchmark 7a: the Caffeine cache of unwrapped data keys, on (10,000 keys, the default) and off
 * (size 0: every read unwraps the client's key with the KEK), on a read-heavy mix across 10,000
 * clients: nine in ten operations open one record of a uniformly chosen client (the read path
 * of a release: fetch, key, decrypt and check), one in ten seals a new version of it.
 *
 * <p>The hit rate is printed at the end of each trial ({@code key cache: ...}) and appended to
 * {@code records-bench/target/keycache-stats.txt}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Three forks of ten iterations: one fork of five gave errors of 68 to 81% in the eighteenth
// session's standard run, its iterations swinging between two levels (HISTORY.md).
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(3)
public class KeyCacheBenchmark {
  static final int CLIENTS = 10_000;

  /** Cached keys: 10000 (on, the default) or 0 (off). */
  @Param({"10000", "0"})
  public int cacheSize;

  private SecureRecords records;
  private RecordId[] basic;
  private RecordId[] casework;
  private PsuPopulation population;
  private SplittableRandom random;
  private final Set<FieldClass> classes = EnumSet.of(FieldClass.IDENTITY, FieldClass.SERVICE_USE,
      FieldClass.CASE_SUMMARY);

  @Setup(Level.Trial)
  public void setUp() {
    records = SecureRecords.builder().store(new InMemoryRecordStore())
        .kek(KeyEncryptionKey.ephemeral()).keyCache(cacheSize, Duration.ofMinutes(5)).build();
    population = PsuPopulation.standard();
    basic = new RecordId[CLIENTS];
    casework = new RecordId[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
      PsuPopulation.PsuClient c = population.client(i);
      basic[i] = records.put(c.id(), c.basic());
      casework[i] = records.put(c.id(), c.casework());
    }
    random = new SplittableRandom(PsuPopulation.DEFAULT_SEED);
  }

  @Setup(Level.Iteration)
  public void resetStats() {
    before = records.keyCacheStats();
  }

  private KeyCacheStats before;

  @TearDown(Level.Iteration)
  public void reportStats() {
    KeyCacheStats after = records.keyCacheStats();
    long hits = after.hits() - before.hits();
    long misses = after.misses() - before.misses();
    String line = String.format("key cache: size=%d hits=%d misses=%d hitRate=%.4f%n",
        cacheSize, hits, misses, hits + misses == 0 ? 1.0 : (double) hits / (hits + misses));
    System.out.print(line);
    try {
      Path out = Path.of("records-bench", "target");
      Files.createDirectories(out);
      Files.writeString(out.resolve("keycache-stats.txt"), line, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    records.close();
  }

  /** One operation of the mix: 90% open a record, 10% seal a new version. */
  @Benchmark
  public Object readHeavyMix() {
    int i = random.nextInt(CLIENTS);
    if (random.nextInt(10) == 0) {
      RecordId id = basic[i];
      return records.update(id, population.client(i).basic(), records.metadata(id).version());
    }
    Map<String, byte[]> opened = records.open(random.nextBoolean() ? basic[i] : casework[i], classes);
    return opened;
  }
}
