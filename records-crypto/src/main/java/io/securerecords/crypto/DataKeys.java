package io.securerecords.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.securerecords.api.error.ErasedException;
import io.securerecords.api.error.KeyUnavailableException;
import io.securerecords.api.error.TamperedException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.RecordStore;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Per-client data keys: generated on a client's first record, stored only wrapped by the KEK
 * (with the key's name as associated data), unwrapped on demand into a bounded Caffeine cache
 * that drops a key once it has not been used for the idle expiry, measured by the instance's clock.
 *
 * <p>A data key is one AES-256-GCM keyset (wrapped format 2). Keys made by earlier builds also
 * hold an HMAC-SHA256 keyset for their clients' format-1 record MACs (wrapped format 1); it is
 * kept, through rotation and re-wrapping, for as long as the key exists.
 */
final class DataKeys {
  /** Wrapped AEAD keyset and MAC keyset, as earlier builds made them: still read and kept. */
  private static final byte WRAP_WITH_MAC_KEY = 1;
  /** Wrapped AEAD keyset alone: what this build makes. */
  private static final byte WRAP_FORMAT = 2;
  private static final int MAX_KEYSET_BYTES = 1 << 20;

  private final RecordStore store;
  private final KeyEncryptionKey kek;
  private final Cache<ClientId, ClientKeys> cache;

  /**
   * @param maxCached the most unwrapped keys held at once
   * @param idleExpiry how long an unwrapped key is kept after it was last used
   * @param clock the time the idle expiry is measured in (the instance's clock)
   */
  DataKeys(
      RecordStore store, KeyEncryptionKey kek, long maxCached, Duration idleExpiry, Clock clock) {
    this.store = store;
    this.kek = kek;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maxCached)
            // Idle expiry as a per-entry expiry that every read resets, not expireAfterAccess:
            // with a maximum size, Caffeine 3.3.1's expireAfterAccess moves cold entries about
            // on reads, which took a get's opening in a sweep over 50,000 cached keys from 11 to
            // about 20 us (records-bench/HISTORY.md, twentieth session).
            .expireAfter(Expiry.accessing((ClientId c, ClientKeys k) -> idleExpiry))
            .ticker(() -> nanos(clock.instant()))
            // Drops idle keys when they expire, not at the next read or write: an instance that
            // falls quiet does not keep its last clients' keys unwrapped.
            .scheduler(Scheduler.systemScheduler())
            // Maintenance on the calling thread: handing it to the common pool costs a thread
            // wake-up (several microseconds) on reads that otherwise take nanoseconds.
            .executor(Runnable::run)
            .recordStats()
            .build();
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /** A client's keys, and the entry to write in the same batch when they are new. */
  record ForWriting(ClientKeys keys, Optional<KeyEntry.Wrapped> newEntry) {}

  /**
   * The client's keys for opening their records.
   *
   * @throws ErasedException if the client was erased
   * @throws KeyUnavailableException if no key is held for the client
   * @throws TamperedException if the wrapped key fails authentication
   */
  ClientKeys forReading(ClientId client) {
    return cache.get(client, c -> load(c).orElseThrow(() -> new KeyUnavailableException(
        "no data key is held for client " + c.value(), null)));
  }

  /**
   * The client's keys as the store holds them now: their key entry is read, so a client erased,
   * or a key rotated, through another instance over the same store is seen at once; the cached
   * keys are used while their version is the entry's.
   *
   * @throws ErasedException if the client was erased
   * @throws KeyUnavailableException if no key is held for the client
   * @throws TamperedException if the wrapped key fails authentication
   */
  ClientKeys current(ClientId client) {
    return current(client, store.key(KeyName.client(client)).orElse(null));
  }

  /** The names of these clients' key entries. */
  static Set<KeyName> names(Collection<ClientId> clients) {
    Set<KeyName> names = new HashSet<>();
    clients.forEach(c -> names.add(KeyName.client(c)));
    return names;
  }

  /**
   * The client key entries among entries just read from the store, by client (others are
   * ignored); each is turned into keys by {@link #current(ClientId, KeyEntry)}.
   */
  static Map<ClientId, KeyEntry> byClient(Collection<KeyEntry> read) {
    Map<ClientId, KeyEntry> stored = new HashMap<>();
    for (KeyEntry entry : read) {
      entry.name().client().ifPresent(c -> stored.put(c, entry));
    }
    return stored;
  }

  /**
   * The client's keys from their key entry among entries just read from the store (others are
   * ignored), as {@link #current(ClientId, KeyEntry)} answers.
   */
  ClientKeys current(ClientId client, Collection<KeyEntry> read) {
    return current(client, byClient(read).get(client));
  }

  /**
   * The client's keys from their key entry just read from the store (null if there is none), as
   * {@link #current(ClientId)} answers.
   *
   * @throws ErasedException if the client was erased
   * @throws KeyUnavailableException if no key is held for the client
   * @throws TamperedException if the wrapped key fails authentication
   */
  ClientKeys current(ClientId client, KeyEntry entry) {
    if (entry == null) {
      throw new KeyUnavailableException("no data key is held for client " + client.value(), null);
    }
    if (entry instanceof KeyEntry.Wrapped wrapped) {
      return forReading(wrapped);
    }
    cache.invalidate(client);
    throw erased(client);
  }

  /**
   * The keys of the client a wrapped entry just read from the store belongs to: from the cache
   * while the cached key's version is the entry's, otherwise unwrapped from that entry (no second
   * read) and cached, so a key rotated through another instance is picked up.
   *
   * @throws TamperedException if the wrapped key fails authentication
   */
  ClientKeys forReading(KeyEntry.Wrapped entry) {
    ClientId client = entry.name().client().orElseThrow(
        () -> new IllegalArgumentException("not a client key: " + entry.name()));
    ClientKeys cached = cache.getIfPresent(client);
    if (cached != null && cached.entryVersion() == entry.version()) {
      return cached;
    }
    ClientKeys keys = unwrap(entry);
    cache.put(client, keys);
    return keys;
  }

  /** The client's keys for sealing: existing ones, or fresh ones to be written with the record. */
  ForWriting forWriting(ClientId client) {
    return forWriting(List.of(client)).get(client);
  }

  /**
   * {@link #forWriting(ClientId)} for each of these clients, in the order given, after one store
   * read of all their key entries ({@link RecordStore#keys}), cached or not: a client erased, or
   * whose key was rotated, through another instance over the same store is seen here, not only
   * when this instance's cached key expires. A cached key is used while its version is the
   * stored one; otherwise the stored entry is unwrapped and cached.
   *
   * @throws ErasedException for the first of them, in that order, who was erased
   * @throws TamperedException if a stored wrapped key fails authentication
   */
  Map<ClientId, ForWriting> forWriting(Collection<ClientId> clients) {
    return forWriting(clients, store.keys(names(clients)));
  }

  /**
   * {@link #forWriting(Collection)} from the clients' key entries in entries just read from the
   * store (those of other names among them are ignored).
   */
  Map<ClientId, ForWriting> forWriting(Collection<ClientId> clients, Collection<KeyEntry> read) {
    Map<ClientId, KeyEntry> stored = byClient(read);
    Map<ClientId, ForWriting> out = new LinkedHashMap<>();
    for (ClientId client : clients) {
      KeyEntry entry = stored.get(client);
      if (entry instanceof KeyEntry.Erased) {
        cache.invalidate(client);
        throw erased(client);
      }
      if (entry instanceof KeyEntry.Wrapped wrapped) {
        out.put(client, new ForWriting(forReading(wrapped), Optional.empty()));
      } else {
        cache.invalidate(client);
        out.put(client, fresh(client));
      }
    }
    return out;
  }

  /** New keys for a client who has none, with the entry that is to store them. */
  private ForWriting fresh(ClientId client) {
    try {
      KeysetHandle aeadKeyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      ClientKeys keys = keys(client, 1, aeadKeyset, null);
      return new ForWriting(keys, Optional.of(wrap(keys, 1)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not generate a data key", e);
    }
  }

  private static ErasedException erased(ClientId client) {
    return new ErasedException("client " + client.value() + " was erased; their data cannot be opened");
  }

  /** The same client's keys with a new primary AEAD key added; old keys still open old fields. */
  ClientKeys withNewPrimary(ClientKeys keys) {
    try {
      KeysetHandle rotated =
          KeysetHandle.newBuilder(keys.aeadKeyset())
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                      .withRandomId()
                      .makePrimary())
              .build();
      return keys(keys.client(), keys.entryVersion() + 1, rotated, keys.macKeyset());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not rotate a data key", e);
    }
  }

  /** Caches keys that were just written. */
  void remember(ClientKeys keys) {
    cache.put(keys.client(), keys);
  }

  /**
   * The client's keys if this instance has them cached, without reading the store, else null.
   * Only for opening an index entry's sealed checks to drop a search's false positives: they may
   * be older than the stored entry, or a client's erased through another instance; nothing is
   * opened or released under them ({@link Search#candidates}).
   */
  ClientKeys cachedOnly(ClientId client) {
    return cache.getIfPresent(client);
  }

  /** Drops a client's keys from the cache (after erasure, rotation, or a failed write). */
  void forget(ClientId client) {
    cache.invalidate(client);
  }

  /** Drops every cached key (when the instance is closed). */
  void forgetAll() {
    cache.invalidateAll();
  }

  /** Counts since the instance was built; the size counts only keys not yet expired. */
  KeyCacheStats stats() {
    cache.cleanUp();
    var s = cache.stats();
    return new KeyCacheStats(
        s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize());
  }

  KeyEntry.Wrapped wrap(ClientKeys keys, long version) {
    KeyName name = KeyName.client(keys.client());
    try {
      byte[] aead = seal(kek, keys.aeadKeyset(), associatedData(name, "aead"));
      byte[] mac = keys.macKeyset() == null
          ? null : seal(kek, keys.macKeyset(), associatedData(name, "mac"));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(aead.length + 128);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(mac == null ? WRAP_FORMAT : WRAP_WITH_MAC_KEY);
      out.writeInt(aead.length);
      out.write(aead);
      if (mac != null) {
        out.writeInt(mac.length);
        out.write(mac);
      }
      return new KeyEntry.Wrapped(name, version, bytes.toByteArray());
    } catch (GeneralSecurityException e) {
      throw new KeyUnavailableException(
          "the key-encryption key (" + kek.description() + ") could not wrap key " + name, e);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Re-wraps a stored client key under the KEK's current primary, as the next version. */
  KeyEntry.Wrapped rewrap(KeyEntry.Wrapped entry) {
    ClientKeys keys = unwrap(entry);
    return wrap(keys, entry.version() + 1);
  }

  private Optional<ClientKeys> load(ClientId client) {
    Optional<KeyEntry> entry = store.key(KeyName.client(client));
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    if (entry.get() instanceof KeyEntry.Erased) {
      throw erased(client);
    }
    return Optional.of(unwrap((KeyEntry.Wrapped) entry.get()));
  }

  ClientKeys unwrap(KeyEntry.Wrapped entry) {
    KeyName name = entry.name();
    ClientId client = name.client().orElseThrow(
        () -> new IllegalArgumentException("not a client key: " + name));
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry.wrapped()));
      byte format = in.readByte();
      if (format != WRAP_FORMAT && format != WRAP_WITH_MAC_KEY) {
        throw new TamperedException("wrapped key " + name + " has an unknown format");
      }
      byte[] aead = readBlock(in, name);
      byte[] mac = format == WRAP_WITH_MAC_KEY ? readBlock(in, name) : null;
      if (in.available() != 0) {
        throw new TamperedException("wrapped key " + name + " has trailing bytes");
      }
      KeysetHandle aeadKeyset = open(kek, aead, associatedData(name, "aead"));
      KeysetHandle macKeyset = mac == null ? null : open(kek, mac, associatedData(name, "mac"));
      return keys(client, entry.version(), aeadKeyset, macKeyset);
    } catch (GeneralSecurityException e) {
      throw new TamperedException(
          "wrapped key " + name + " failed authentication under the key-encryption key", e);
    } catch (IOException e) {
      throw new TamperedException("wrapped key " + name + " is truncated", e);
    }
  }

  private static byte[] readBlock(DataInputStream in, KeyName name) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_KEYSET_BYTES) {
      throw new TamperedException("wrapped key " + name + " has an impossible length");
    }
    byte[] block = new byte[length];
    in.readFully(block);
    return block;
  }

  private static ClientKeys keys(
      ClientId client, long version, KeysetHandle aeadKeyset, KeysetHandle macKeyset)
      throws GeneralSecurityException {
    return new ClientKeys(
        client,
        version,
        aeadKeyset,
        macKeyset,
        aeadKeyset.getPrimitive(RegistryConfiguration.get(), Aead.class),
        macKeyset == null ? null : macKeyset.getPrimitive(RegistryConfiguration.get(), Mac.class));
  }

  /**
   * Encrypts a whole serialised keyset under the KEK. Unlike Tink's encrypted-keyset format, which
   * keeps an unauthenticated {@code KeysetInfo} beside the ciphertext, every stored byte here is
   * covered by the KEK's AEAD tag, so any change to a wrapped key is detected.
   */
  static byte[] seal(KeyEncryptionKey kek, KeysetHandle keyset, byte[] associatedData)
      throws GeneralSecurityException {
    byte[] serialized = TinkProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    try {
      return kek.aead().encrypt(serialized, associatedData);
    } finally {
      java.util.Arrays.fill(serialized, (byte) 0);
    }
  }

  /** Decrypts and parses a keyset sealed by {@link #seal}. */
  static KeysetHandle open(KeyEncryptionKey kek, byte[] sealed, byte[] associatedData)
      throws GeneralSecurityException {
    byte[] serialized = kek.aead().decrypt(sealed, associatedData);
    try {
      return TinkProtoKeysetFormat.parseKeyset(serialized, InsecureSecretKeyAccess.get());
    } finally {
      java.util.Arrays.fill(serialized, (byte) 0);
    }
  }

  static byte[] associatedData(KeyName name, String part) {
    return ("secure-records/key/v1\0" + name.value() + "\0" + part).getBytes(StandardCharsets.UTF_8);
  }
}
