package io.securerecords.lucene;

import io.securerecords.api.store.RecordStore;
import io.securerecords.testkit.RecordStoreStatefulProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Lucene store in a folder on disk agrees with the model of the contract. jqwik has no
 * {@code @TempDir}, so each try's store gets its own temporary folder, deleted when it closes.
 */
class LuceneOnDiskStatefulProperties extends RecordStoreStatefulProperties {
  private final Map<RecordStore, Path> folders = new IdentityHashMap<>();

  @Override
  protected RecordStore newStore() {
    try {
      Path folder = Files.createTempDirectory("lucene-store-");
      RecordStore store = LuceneRecordStore.open(folder);
      folders.put(store, folder);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void closeStore(RecordStore store) {
    store.close();
    Path folder = folders.remove(store);
    if (folder != null) {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
