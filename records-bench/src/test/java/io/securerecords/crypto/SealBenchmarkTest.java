package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Benchmark 1 compares like with like: the floor's associated data, written out in the benchmark,
 * is the library's, so the floor opens what the library sealed. Nothing is timed here.
 */
class SealBenchmarkTest {

  @Test
  void theFloorUsesTheLibrarysAssociatedData() throws Exception {
    for (String record : List.of("casework", "basic")) {
      SealBenchmark bench = new SealBenchmark();
      bench.record = record;
      bench.setUp();
      try {
        SealedRecord sealed = bench.sealForTest();
        Map<String, byte[]> fields = bench.fieldsForTest();
        byte[] context = SealBenchmark.context(sealed.type().name(), sealed.id().value(),
            sealed.client().value(), sealed.version(), sealed.created(), sealed.updated(),
            fields.keySet());
        assertEquals(fields.size(), sealed.fields().size());
        for (SealedField f : sealed.fields()) {
          assertArrayEquals(fields.get(f.name()),
              bench.aeadForTest().decrypt(f.ciphertext(), SealBenchmark.fieldAad(context, f.name())),
              record + "." + f.name());
        }
        assertEquals(fields.size(), bench.floor().size());
      } finally {
        bench.tearDown();
      }
    }
  }
}
