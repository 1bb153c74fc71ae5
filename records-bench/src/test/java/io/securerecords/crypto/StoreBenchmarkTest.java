package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Benchmark 3's decomposition measures what it says: {@code sealedWrite} stores the set-up
 * batch's ciphertexts, unchanged, under new ids and a client nothing reads (the store's part of a
 * sealed put, with nothing sealed), and {@code sealedRead} returns a stored record such as {@code
 * sealedGet} opens. Run on a small fixture on disk (H2 file, Lucene folder).
 */
class StoreBenchmarkTest {

  @ParameterizedTest
  @ValueSource(strings = {"h2", "lucene"})
  void theStorePartsWriteAndReadWhatTheWholeOperationsDo(String engine, @TempDir Path dir)
      throws Exception {
    String before = System.setProperty("bench.data", dir.toString());
    StoreBenchmark bench = new StoreBenchmark();
    bench.engine = engine;
    bench.clients = 30;
    bench.batch = 5;
    try {
      bench.setUp();
      Set<RecordId> held = new HashSet<>(bench.fixture.store.recordIds(null, 1_000));

      assertEquals(5, bench.sealedWrite());
      List<RecordId> added = bench.fixture.store.recordIds(null, 1_000).stream()
          .filter(id -> !held.contains(id)).toList();
      assertEquals(5, added.size());
      Set<String> written = new HashSet<>();
      for (RecordId id : added) {
        SealedRecord copy = bench.fixture.store.record(id).orElseThrow();
        // Copies under new ids would fail authentication: no real client may hold them.
        assertEquals(StoreBenchmark.STORE_PART_CLIENT, copy.client());
        written.add(ciphertexts(copy));
      }
      assertEquals(5, bench.fixture.store.records(StoreBenchmark.STORE_PART_CLIENT).size());
      Set<String> template =
          bench.sealedBatch.stream().map(StoreBenchmarkTest::ciphertexts).collect(Collectors.toSet());
      assertEquals(template, written);

      Object read = bench.sealedRead();
      assertTrue(read instanceof Optional<?> o && o.orElseThrow() instanceof SealedRecord);
      Map<String, byte[]> opened = bench.sealedGet();
      SealedRecord sealed = bench.fixture.store.record(bench.fixture.caseworkIds[0]).orElseThrow();
      assertEquals(sealed.fields().size(), bench.fixture.records
          .open(sealed.id(), EnumSet.allOf(FieldClass.class)).size());
      assertTrue(opened.size() >= 9, "every field of a casework or Basic Record is opened");
    } finally {
      bench.tearDown();
      if (before == null) {
        System.clearProperty("bench.data");
      } else {
        System.setProperty("bench.data", before);
      }
    }
  }

  private static String ciphertexts(SealedRecord r) {
    return r.fields().stream().map(SealedField::ciphertext).map(Arrays::toString)
        .collect(Collectors.joining("|"));
  }
}
