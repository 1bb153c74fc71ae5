package io.securerecords.crypto;

/**
 * Statistics of the cache of unwrapped client data keys.
 *
 * @param hits lookups answered from the cache
 * @param misses lookups that had to unwrap a key (a KEK call)
 * @param evictions keys dropped for size or idleness
 * @param size keys now cached (an estimate)
 */
public record KeyCacheStats(long hits, long misses, long evictions, long size) {
  /** Hits over all lookups, 1.0 when there were none. */
  public double hitRate() {
    long total = hits + misses;
    return total == 0 ? 1.0 : (double) hits / total;
  }
}
