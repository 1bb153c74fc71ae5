package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.psu.PsuSchemas;
import io.securerecords.bench.PsuPopulation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both sides of benchmark 2 give back the record they were given; nothing is timed here. */
class PeerBenchmarkTest {

  @Test
  void libraryAndPeerRoundTripTheSameCaseworkRecord() {
    Map<String, byte[]> expected =
        PsuSchemas.casework().encode(PsuPopulation.standard().client(1).casework());
    PeerBenchmark bench = new PeerBenchmark();
    bench.record = "casework";
    bench.setUp();
    try {
      Map<String, byte[]> library = bench.library();
      Map<String, byte[]> peer = PeerBenchmark.fields(bench.peer());
      assertTrue(PeerBenchmark.sameFields(expected, library), "library round trip");
      assertTrue(PeerBenchmark.sameFields(expected, peer), "peer round trip");
      assertEquals("bench-record-1", bench.peer().get(PeerBenchmark.PARTITION_KEY).s());
    } finally {
      bench.tearDown();
    }
  }
}
