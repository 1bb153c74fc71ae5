package io.securerecords.crypto;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.TermHit;
import io.securerecords.bench.PsuPopulation;
import io.securerecords.api.index.IndexQuery;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import java.io.IOException;
import java.util.ArrayList;
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
 * Benchmark 4: find a client by register number, among {@code clients} clients.
 *
 * <ul>
 *   <li>{@code sealedSearch}: {@code SecureRecords.search} on the blind index {@code register},
 *       as a caller does it: token verified, candidates from the blinded term's entries (their
 *       sealed checks drop most false positives unread), each remaining record read and opened
 *       to drop the rest and checked against the purpose's conditions, the identity fields
 *       opened, the enquiry logged with the token's use.
 *   <li>{@code sealedLookup}: the library's lookup without the access control around it (below).
 *   <li>{@code sealedHits}: the store's part of the lookup's first step: the term's entries with
 *       what they carry (no crypto, no record read).
 *   <li>{@code sealedTermLookup}: the records holding the blinded term, read whole in one query
 *       (no crypto): what every lookup read before entries carried checks. Its growth from 100k
 *       to 1M is the blind index's own.
 *   <li>{@code plainLookup}: the same row selected through a plaintext indexed column (Lucene: a
 *       plaintext term).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Ten warm-ups, as the engines command has used: with three, the eighteenth session's standard
// run had a first measured iteration up to 44% slower than the rest (HISTORY.md).
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class LookupBenchmark {
  @Param({"h2", "lucene"})
  public String engine;

  /** Clients held (two records each): 50000 = 100,000 records; 500000 = 1,000,000 records. */
  @Param({"50000"})
  public int clients;

  StoreFixture fixture;
  private String token;
  private SplittableRandom random;
  private Indexes indexes;
  private Indexes.Declared register;
  private Set<String> indexed;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = StoreFixture.open(engine, clients);
    token = fixture.searchToken();
    random = new SplittableRandom(PsuPopulation.DEFAULT_SEED);
    indexes = fixture.records.indexes();
    register = indexes.declared("register");
    indexed = Set.of("registration");
    long candidates = 0;
    long read = 0;
    for (int i = 0; i < 1_000; i++) {
      candidates += fixture.store.recordsByTerm(fixture.registerTerms[i * 7919 % clients]).size();
      read += candidates(Registration.parse(Register.GMC, "GMC " + number())).size();
      if (sealedLookup().size() != 1) {
        throw new IllegalStateException("a register number should find one record");
      }
    }
    System.out.printf("%n%s, %d clients: %.2f candidates per register term, %.2f records read"
        + " per lookup%n", engine, clients, candidates / 1_000.0, read / 1_000.0);
    int found = sealedSearch().records().size();
    if (found != 1) {
      throw new IllegalStateException("a register number should find one record, found " + found);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    fixture.close();
  }

  private String number() {
    return Integer.toString(2_000_000 + random.nextInt(clients));
  }

  @Benchmark
  public SearchResult sealedSearch() {
    return fixture.records.search(token, StoreFixture.SEARCH_RECIPIENT,
        IndexQuery.equal("register", Registration.parse(Register.GMC, "GMC " + number())), null,
        10);
  }

  @Benchmark
  public List<SealedRecord> sealedTermLookup() {
    return fixture.store.recordsByTerm(fixture.registerTerms[random.nextInt(clients)]);
  }

  @Benchmark
  public List<TermHit> sealedHits() {
    return fixture.store.hitsByTerm(fixture.registerTerms[random.nextInt(clients)]);
  }

  /**
   * The library's lookup without the access control around it: the register number normalised
   * and blinded with its check, the term's entries read in one query, the entries whose sealed
   * checks do not hold the number dropped unread (the checks opened under the cached keys of the
   * clients they name, as {@code search} opens them), the key entries of the clients of the
   * entries kept read in one query (erased clients are skipped) together with the entry that
   * marks the index's keys, which the term was blinded under as this instance held them (since
   * the fourteenth session; before, that entry was read first, on its own), each remaining record read and
   * its registration opened (and so authenticated) under its client's stored key to drop any
   * false positive left. The same calls {@code search} makes for its candidates. (Before the
   * twelfth session the key entries of every candidate's client were read, before the checks;
   * before the tenth, the keys came from the cache alone.)
   */
  @Benchmark
  public List<SealedRecord> sealedLookup() {
    Registration wanted = Registration.parse(Register.GMC, "GMC " + number());
    Search.Keys keys = new Search.Keys(fixture.records.disclosures(), fixture.store);
    java.util.TreeMap<RecordId, ClientId> found = candidates(wanted, keys);
    List<SealedRecord> out = new ArrayList<>(1);
    for (RecordId id : found.keySet()) {
      SealedRecord candidate = fixture.store.record(id).orElseThrow();
      ClientKeys stored = keys.stored(candidate.client());
      if (stored == null) {
        continue;
      }
      Map<String, byte[]> opened = RecordSealer.open(stored, candidate, indexed);
      if (indexes.matches(register, opened, wanted)) {
        out.add(candidate);
      }
    }
    return out;
  }

  java.util.TreeMap<RecordId, ClientId> candidates(Registration wanted) {
    return candidates(wanted, new Search.Keys(fixture.records.disclosures(), fixture.store));
  }

  java.util.TreeMap<RecordId, ClientId> candidates(Registration wanted, Search.Keys keys) {
    return Search.found(indexes, fixture.store, register, IndexQuery.equal("register", wanted),
        id -> true, client -> true, keys);
  }

  @Benchmark
  public String plainLookup() {
    return fixture.plainByRegisterNumber(number());
  }
}
