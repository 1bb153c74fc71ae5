package io.securerecords.testkit;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random values of the storage SPI for store tests: sealed records, wrapped and erased keys,
 * blinded terms and log entries, filled with random bytes (a store is opaque to cryptography, so
 * no real ciphertext is needed).
 *
 * <p>The values are chosen to catch what stores get wrong: ids use every allowed character in
 * mixed case (so a case-insensitive or locale collation shows up), timestamps carry nanoseconds,
 * byte arrays use all 256 byte values, and terms vary in length from 1 to 64 bytes (so padding
 * or truncation shows up).
 *
 * <p>Each instance is reproducible from its {@link #seed()}, which {@link #toString()} prints.
 * Instances are thread-safe.
 */
public final class StoreFixtures {
  private static final String ID_FIRST =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String ID_REST = ID_FIRST + "._-";
  private static final String NAME_FIRST = "abcdefghijklmnopqrstuvwxyz";
  private static final String NAME_REST = NAME_FIRST + "0123456789._-";
  private static final String[] FIELD_NAMES = {
    "name", "registration.number", "correspondence[0].body", "notes", "concern.summary"
  };

  private final long seed;
  private final Random random;

  private StoreFixtures(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** Fixtures from a fresh random seed. */
  public static StoreFixtures random() {
    return new StoreFixtures(new SecureRandom().nextLong());
  }

  /** Fixtures that repeat the values of an earlier run with this seed. */
  public static StoreFixtures withSeed(long seed) {
    return new StoreFixtures(seed);
  }

  /** The seed these fixtures were made from. */
  public long seed() {
    return seed;
  }

  /** {@code length} random bytes. */
  public byte[] bytes(int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  /** A random ciphertext-like array: 28 to 300 random bytes. */
  public byte[] ciphertext() {
    return bytes(28 + random.nextInt(273));
  }

  /** A random record id: 1 to 40 characters of the whole allowed alphabet, mixed case. */
  public RecordId recordId() {
    return RecordId.of(id());
  }

  /** {@code count} distinct random record ids, in no particular order. */
  public List<RecordId> distinctRecordIds(int count) {
    LinkedHashSet<RecordId> out = new LinkedHashSet<>();
    while (out.size() < count) {
      out.add(recordId());
    }
    return new ArrayList<>(out);
  }

  /** A random client id, shaped like {@link #recordId()}. */
  public ClientId clientId() {
    return ClientId.of(id());
  }

  private String id() {
    int length = 1 + random.nextInt(40);
    StringBuilder b = new StringBuilder(length);
    b.append(ID_FIRST.charAt(random.nextInt(ID_FIRST.length())));
    for (int i = 1; i < length; i++) {
      b.append(ID_REST.charAt(random.nextInt(ID_REST.length())));
    }
    return b.toString();
  }

  /** A random lower-case name, valid as an index name, record type or system key name. */
  public String name() {
    int length = 1 + random.nextInt(20);
    StringBuilder b = new StringBuilder(length);
    b.append(NAME_FIRST.charAt(random.nextInt(NAME_FIRST.length())));
    for (int i = 1; i < length; i++) {
      b.append(NAME_REST.charAt(random.nextInt(NAME_REST.length())));
    }
    return b.toString();
  }

  /** A random instant between 2000 and 2100, with nanoseconds. */
  public Instant instant() {
    long seconds = 946_684_800L + (long) (random.nextDouble() * 3_155_760_000L);
    return Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
  }

  /** A new record (version 1) about a random client. */
  public SealedRecord sealedRecord() {
    return sealedRecord(recordId(), clientId(), 1);
  }

  /** A new record (version 1) about this client. */
  public SealedRecord sealedRecord(ClientId client) {
    return sealedRecord(recordId(), client, 1);
  }

  /** A record with these ids and version, 1 to 5 random fields, a random MAC and timestamps. */
  public SealedRecord sealedRecord(RecordId id, ClientId client, long version) {
    Instant created = instant();
    return new SealedRecord(
        id,
        RecordType.of("psu." + name()),
        client,
        version,
        created,
        created.plusNanos(1 + random.nextInt(1_000_000_000)),
        1 + random.nextInt(3),
        fields(1 + random.nextInt(5)),
        bytes(32));
  }

  /** The next version of a record: same id, type, client and creation time; new fields and MAC. */
  public SealedRecord nextVersion(SealedRecord record) {
    return new SealedRecord(
        record.id(),
        record.type(),
        record.client(),
        record.version() + 1,
        record.created(),
        record.updated().plusSeconds(1 + random.nextInt(86_400)).plusNanos(random.nextInt(1000)),
        record.format(),
        fields(1 + random.nextInt(5)),
        bytes(32));
  }

  /** {@code count} sealed fields with distinct names and random ciphertexts. */
  public List<SealedField> fields(int count) {
    List<SealedField> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(new SealedField(FIELD_NAMES[i % FIELD_NAMES.length] + (i < FIELD_NAMES.length ? "" : i),
          ciphertext()));
    }
    return out;
  }

  /** A random key name: a client's data key or a system key, about equally often. */
  public KeyName keyName() {
    return random.nextBoolean() ? KeyName.client(clientId()) : KeyName.system(name());
  }

  /** A wrapped key under this name and version, 60 to 200 random bytes. */
  public KeyEntry.Wrapped wrappedKey(KeyName name, long version) {
    return new KeyEntry.Wrapped(name, version, bytes(60 + random.nextInt(141)));
  }

  /** An erasure mark under this name and version, at a random instant with nanoseconds. */
  public KeyEntry.Erased erasedKey(KeyName name, long version) {
    return new KeyEntry.Erased(name, version, instant());
  }

  /** A random term (1 to 64 bytes) in this index. */
  public IndexTerm term(String index) {
    return new IndexTerm(index, bytes(1 + random.nextInt(64)));
  }

  /**
   * {@code count} distinct random terms of one index. Random terms can be as short as one byte,
   * so a test that needs each term to find exactly one record must not rely on chance.
   */
  public List<IndexTerm> distinctTerms(String index, int count) {
    java.util.Set<IndexTerm> terms = new java.util.LinkedHashSet<>();
    while (terms.size() < count) {
      terms.add(term(index));
    }
    return List.copyOf(terms);
  }

  /** A log entry at this sequence with 40 to 400 random sealed bytes. */
  public LogEntry logEntry(long sequence) {
    return new LogEntry(sequence, bytes(40 + random.nextInt(361)));
  }

  /** A random token id (a UUID-like string of the allowed characters). */
  public String tokenId() {
    return "tok-" + Long.toUnsignedString(random.nextLong(), 36);
  }

  /**
   * Ciphertext-like byte arrays for jqwik properties: 0 to 96 bytes of any value, so shrinking
   * reaches the empty array.
   */
  public static Arbitrary<byte[]> byteArrays() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(96);
  }

  @Override
  public String toString() {
    return "StoreFixtures[seed=" + seed + "]";
  }
}
