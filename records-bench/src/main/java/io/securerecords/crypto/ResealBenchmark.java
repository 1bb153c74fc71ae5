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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 7b: key rotation throughput. One operation rotates one client's data key and
 * re-seals that client's two records (Basic Record and 4 KB casework) under the new primary, on
 * the in-memory store. Each shot rotates every one of {@value #CLIENTS} clients once, in turn,
 * on a store built afresh for the shot (not timed), whose clients' keys have been rotated {@code
 * rotationsBefore} times already: a rotation adds a key to the client's keyset and none is ever
 * removed, so the cost of the next one grows with how many came before. (Until the eighteenth
 * session this ran for a fixed time over the same 2,000 clients, rotating each about a hundred
 * times in a fork, so its throughput fell from iteration to iteration.) The score is the time
 * of one shot; clients re-sealed per second are {@value #CLIENTS} divided by it, records twice
 * that.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, batchSize = ResealBenchmark.CLIENTS)
@Measurement(iterations = 10, batchSize = ResealBenchmark.CLIENTS)
@Fork(3)
public class ResealBenchmark {
  static final int CLIENTS = 2_000;

  /** Rotations (each followed by a re-seal) every client's key has had before the shot. */
  @Param({"0", "10"})
  public int rotationsBefore;

  /** Clients of one shot; lowered by the test only. */
  int clients = CLIENTS;

  private SecureRecords records;
  private ClientId[] ids;
  private int next;

  @Setup(Level.Iteration)
  public void setUp() {
    records = SecureRecords.builder().store(new InMemoryRecordStore())
        .kek(KeyEncryptionKey.ephemeral()).build();
    PsuPopulation population = PsuPopulation.standard();
    ids = new ClientId[clients];
    for (int i = 0; i < clients; i++) {
      PsuPopulation.PsuClient c = population.client(i);
      ids[i] = c.id();
      records.put(c.id(), c.basic());
      records.put(c.id(), c.casework());
    }
    for (int r = 0; r < rotationsBefore; r++) {
      for (ClientId id : ids) {
        records.rotateDataKey(id);
        records.reseal(id);
      }
    }
    next = 0;
  }

  @TearDown(Level.Iteration)
  public void tearDown() {
    records.close();
  }

  /** Rotate the next client's data key and re-seal their two records. */
  @Benchmark
  public int rotateAndReseal() {
    if (next == ids.length) {
      throw new IllegalStateException("a shot rotates each of its " + ids.length + " clients once");
    }
    ClientId client = ids[next++];
    records.rotateDataKey(client);
    int resealed = records.reseal(client);
    if (resealed != 2) {
      throw new IllegalStateException("expected 2 records re-sealed, got " + resealed);
    }
    return resealed;
  }

  /** The keys in a client's keyset now (for the test). */
  int keysOf(int client) {
    return records.dataKeys().forReading(ids[client]).aeadKeyset().size();
  }
}
