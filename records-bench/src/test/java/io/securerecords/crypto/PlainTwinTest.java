package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.psu.PsuSchemas;
import io.securerecords.api.schema.RecordSchema;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.bench.PlainRows;
import io.securerecords.bench.PsuPopulation;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The indexed plaintext twin of benchmarks 3 and 6 keeps exactly the index entries the sealed
 * store keeps blinded: per index, as many entries for every record of a sample of clients (a
 * month index's truncated terms may merge two months of one record; the twin keeps both).
 */
class PlainTwinTest {

  @Test
  void theTwinKeepsAnEntryForEveryBlindedTermOfEveryRecord() {
    long sealedTotal = 0;
    long plainTotal = 0;
    try (SecureRecords records = SecureRecords.builder().store(new InMemoryRecordStore())
        .kek(KeyEncryptionKey.ephemeral()).build()) {
      PsuPopulation population = PsuPopulation.standard();
      for (int i = 0; i < 1_000; i++) {
        PsuPopulation.PsuClient c = population.client(i);
        for (Object record : List.of(c.basic(), c.casework())) {
          RecordSchema schema = record == c.basic() ? PsuSchemas.basic() : PsuSchemas.casework();
          Map<String, Long> sealed = sealedPerIndex(records, c.id(), schema.type(),
              schema.encode(record));
          Map<String, Long> plain = plainPerIndex(PlainRows.terms(record));
          String which = schema.type().name() + " of client " + i;
          assertEquals(sealed.keySet(), plain.keySet(), which);
          for (String index : sealed.keySet()) {
            if (index.endsWith("-month")) {
              // Truncated month terms can stand for two of the record's months at once.
              assertTrue(sealed.get(index) <= plain.get(index), which + ": " + index);
            } else {
              assertEquals(sealed.get(index), plain.get(index), which + ": " + index);
            }
          }
          sealedTotal += sealed.values().stream().mapToLong(Long::longValue).sum();
          plainTotal += plain.values().stream().mapToLong(Long::longValue).sum();
        }
      }
    }
    // The twin does not write noticeably more than the sealed store does.
    assertTrue(plainTotal <= sealedTotal * 1.05, plainTotal + " plain vs " + sealedTotal);
  }

  private static Map<String, Long> sealedPerIndex(SecureRecords records,
      io.securerecords.api.record.ClientId client, io.securerecords.api.schema.RecordType type,
      Map<String, byte[]> fields) {
    return records.indexes().current().entriesFor(records.dataKeys().forWriting(client).keys(),
            io.securerecords.api.record.RecordId.random(), type, fields).stream()
        .map(e -> e.term().index())
        .collect(Collectors.groupingBy(i -> i, TreeMap::new, Collectors.counting()));
  }

  private static Map<String, Long> plainPerIndex(List<PlainRows.Term> terms) {
    return terms.stream().map(PlainRows.Term::index)
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
  }
}
