package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Benchmark 6 at 2,000 records: both imports finish, and the twin's rows carry the record ids the
 * sealed import's rows carry (the library's time-ordered format, one instant per transaction),
 * unless the short ids of earlier sessions are asked for.
 */
class ImportBenchmarkTest {
  private static final Pattern LIBRARY_ID = Pattern.compile("[0-9a-f]{12}-[0-9a-f]{20}");

  /** What a test does with a benchmark set up for 2,000 records; it is torn down afterwards. */
  private interface Run {
    void with(ImportBenchmark b) throws Exception;
  }

  private static ImportBenchmark benchmark(String twinIds) {
    ImportBenchmark b = new ImportBenchmark();
    b.records = 2_000;
    b.h2Settings = "";
    b.twinIds = twinIds;
    return b;
  }

  private static void run(String twinIds, Run run) throws Exception {
    run(benchmark(twinIds), run);
  }

  private static void run(ImportBenchmark b, Run run) throws Exception {
    b.setUp();
    try {
      run.with(b);
    } finally {
      b.tearDown();
    }
  }

  @Test
  void theTwinsRowsCarryIdsOfTheLibrarysFormat() throws Exception {
    run("library", b -> {
      assertEquals(2_000, b.plainBatchIndexed());
      List<String> ids = strings(b, "SELECT id FROM plain_record");
      assertEquals(2_000, ids.size());
      assertEquals(2_000, new HashSet<>(ids).size(), "ids are distinct");
      Set<String> instants = new HashSet<>();
      for (String id : ids) {
        assertTrue(LIBRARY_ID.matcher(id).matches(), id);
        instants.add(id.substring(0, 12));
      }
      // Two transactions of 1,000 rows, one instant each (they may fall in the same millisecond).
      assertTrue(instants.size() <= 2, instants.toString());
      // Every index entry names a row of the table, under the row's new id.
      assertEquals(List.of("0"), strings(b, "SELECT COUNT(*) FROM plain_record_term t"
          + " WHERE NOT EXISTS (SELECT 1 FROM plain_record r WHERE r.id = t.record_id)"));
      assertTrue(Long.parseLong(strings(b, "SELECT COUNT(*) FROM plain_record_term").get(0))
          >= 2_000 * 2, "index entries written");
    });
  }

  @Test
  void shortIdsReproduceEarlierSessionsTwin() throws Exception {
    run("short", b -> {
      assertEquals(2_000, b.plainBatch());
      for (String id : strings(b, "SELECT id FROM plain_record")) {
        assertTrue(id.matches("[bc]-[0-9]+"), id);
      }
    });
  }

  @Test
  void anUnknownIdChoiceIsRefusedBeforeAnythingIsWritten() {
    ImportBenchmark b = benchmark("uuid");
    assertThrows(IllegalArgumentException.class, b::setUp);
    assertEquals(null, b.dir, "no directory was created");
  }

  @Test
  void anUnknownKeyCacheSizeIsRefusedBeforeAnythingIsWritten() {
    for (String size : List.of("-1", "many")) {
      ImportBenchmark b = benchmark("library");
      b.keyCache = size;
      assertThrows(IllegalArgumentException.class, b::setUp, size);
      assertEquals(null, b.dir, "no directory was created");
    }
  }

  @Test
  void theSealedImportWritesEveryRecordWithItsKeyCacheOff() throws Exception {
    ImportBenchmark off = benchmark("library");
    off.keyCache = "0";
    run(off, b -> {
      assertEquals(2_000, b.sealedPut());
      assertEquals(List.of("2000"), strings(b, "SELECT COUNT(*) FROM sr_record"));
    });
  }

  @Test
  void theSealedImportWritesEveryRecord() throws Exception {
    run("library", b -> {
      assertEquals(2_000, b.sealedPut());
      assertEquals(List.of("2000"), strings(b, "SELECT COUNT(*) FROM sr_record"));
      assertEquals(List.of("1000"), strings(b,
          "SELECT COUNT(*) FROM sr_key WHERE name LIKE 'client%'"));
    });
  }

  private static List<String> strings(ImportBenchmark b, String query) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = b.pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
