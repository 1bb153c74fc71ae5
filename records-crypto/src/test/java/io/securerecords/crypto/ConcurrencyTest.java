package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many threads sealing and opening across clients at once, including first writes of a client. */
class ConcurrencyTest {
  @Test
  void manyThreadsSealAndOpenAcrossClients() throws Exception {
    TamperingStore store = new TamperingStore();
    SecureRecords records = Fixtures.records(store, KeyEncryptionKey.ephemeral());
    List<ClientId> clients = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      clients.add(ClientId.random());
    }
    int threads = 8;
    int perThread = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<Integer> work = () -> {
          start.await();
          int checked = 0;
          for (int i = 0; i < perThread; i++) {
            // Every thread starts on the same client, so first writes of a client race.
            ClientId client = clients.get((i + (i == 0 ? 0 : thread)) % clients.size());
            String summary = "t" + thread + "-i" + i + "-é漢";
            RecordId id = records.put(client, Fixtures.NOTE, Fixtures.note("Ann", null, summary, "o"));
            assertEquals(summary, records.openAs(id, Map.class).get("summary"));
            assertEquals(client, records.metadata(id).client());
            checked++;
          }
          return checked;
        };
        results.add(pool.submit(work));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get();
      }
      assertEquals(threads * perThread, total);
      int held = clients.stream().mapToInt(c -> records.records(c).size()).sum();
      assertEquals(threads * perThread, held);
      // One key per client, however many threads raced to create it.
      assertEquals(clients.size(), store.inner.keyNames(null, 100).stream()
          .filter(k -> k.client().isPresent()).count());
    } finally {
      pool.shutdownNow();
    }
  }
}
