package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.store.TermHit;
import io.securerecords.bench.PsuPopulation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Benchmark 4 measures the lookup the library makes: the fixture's register entries carry sealed
 * checks on each engine, and the lookup keeps exactly one candidate per number (set-up also
 * fails unless 1,000 lookups each find one record). Run on a small fixture on disk.
 */
class LookupBenchmarkTest {

  @ParameterizedTest
  @ValueSource(strings = {"h2", "lucene"})
  void everyRegisterEntryCarriesChecksAndALookupKeepsOnlyItsRecord(String engine,
      @TempDir Path dir) throws Exception {
    String before = System.setProperty("bench.data", dir.toString());
    LookupBenchmark bench = new LookupBenchmark();
    bench.engine = engine;
    bench.clients = 60;
    try {
      bench.setUp();
      PsuPopulation population = PsuPopulation.standard();
      for (int i = 0; i < bench.clients; i++) {
        List<TermHit> hits = bench.fixture.store.hitsByTerm(bench.fixture.registerTerms[i]);
        assertTrue(!hits.isEmpty() && hits.stream().allMatch(h -> h.carried().length > 0),
            "client " + i + "'s register entry carries its sealed check");
        assertEquals(List.of(bench.fixture.basicIds[i]), List.copyOf(
            bench.candidates(population.client(i).basic().registration()).keySet()));
      }
      assertEquals(1, bench.sealedLookup().size());
    } finally {
      bench.tearDown();
      if (before == null) {
        System.clearProperty("bench.data");
      } else {
        System.setProperty("bench.data", before);
      }
    }
  }
}
