package io.securerecords.crypto;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.bench.PsuPopulation;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 7b: key rotation throughput. One operation rotates one client's data key and
 * re-seals that client's two records (Basic Record and 4 KB casework) under the new primary, on
 * the in-memory store; clients are taken in turn from 2,000. Records re-sealed per second are
 * twice the operations per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResealBenchmark {
  static final int CLIENTS = 2_000;
  private SecureRecords records;
  private ClientId[] clients;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    records = SecureRecords.builder().store(new InMemoryRecordStore())
        .kek(KeyEncryptionKey.ephemeral()).build();
    PsuPopulation population = PsuPopulation.standard();
    clients = new ClientId[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
      PsuPopulation.PsuClient c = population.client(i);
      clients[i] = c.id();
      records.put(c.id(), c.basic());
      records.put(c.id(), c.casework());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    records.close();
  }

  /** Rotate one client's data key and re-seal their two records. */
  @Benchmark
  public int rotateAndReseal() {
    ClientId client = clients[next];
    next = (next + 1) % CLIENTS;
    records.rotateDataKey(client);
    int resealed = records.reseal(client);
    if (resealed != 2) {
      throw new IllegalStateException("expected 2 records re-sealed, got " + resealed);
    }
    return resealed;
  }
}
