package io.securerecords.crypto;

import io.securerecords.api.psu.PsuSchemas;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordSchema;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.bench.PsuPopulation;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.cryptography.dbencryptionsdk.dynamodb.itemencryptor.DynamoDbItemEncryptor;
import software.amazon.cryptography.dbencryptionsdk.dynamodb.itemencryptor.model.DecryptItemInput;
import software.amazon.cryptography.dbencryptionsdk.dynamodb.itemencryptor.model.DynamoDbItemEncryptorConfig;
import software.amazon.cryptography.dbencryptionsdk.dynamodb.itemencryptor.model.EncryptItemInput;
import software.amazon.cryptography.dbencryptionsdk.structuredencryption.model.CryptoAction;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.AesWrappingAlg;
import software.amazon.cryptography.materialproviders.model.CreateRawAesKeyringInput;
import software.amazon.cryptography.materialproviders.model.DBEAlgorithmSuiteId;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

/**
 * Benchmark 2: seal and open one record through the library against the peer a Java team would
 * otherwise pick for field-level encryption with signing, the AWS Database Encryption SDK for
 * DynamoDB's item encryptor, on the same field bytes in the same run.
 *
 * <p>{@code library} is {@link SealBenchmark#library()}: {@code RecordSealer.seal} then {@code
 * open} of the schema-encoded fields (AES-256-GCM per field, each bound to the whole record).
 * {@code peer} is {@code DynamoDbItemEncryptor.EncryptItem} then {@code DecryptItem} of an item
 * holding the same fields, one binary attribute each, all {@code ENCRYPT_AND_SIGN}, keyed by the
 * record id (partition key) and record type (sort key), both {@code SIGN_ONLY}. The peer runs
 * under a raw AES keyring (AES-256-GCM wrapping key in memory: no KMS, no network) and the suite
 * without an asymmetric signature, {@code ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_SYMSIG_HMAC_SHA384},
 * which is the one that matches the library's guarantees (it has no per-record signature either).
 * {@code peerWithEcdsa} is the same under the SDK's default suite, which adds an ECDSA P-384
 * signature per item; it is shown for scale, not as the comparison.
 *
 * <p>Both sides start from bytes already encoded (the library's field map, the peer's item) and
 * end at the decrypted map; neither includes JSON mapping. The peer wraps a fresh data key per
 * item under the keyring, as it does in use; the library uses the client's cached data key, as
 * it does in use.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class PeerBenchmark {
  /** The peer's logical table name; it is bound into every item's encryption context. */
  static final String TABLE = "psu-records";
  /** The peer item's partition key attribute: the record id. */
  static final String PARTITION_KEY = "record_id";
  /** The peer item's sort key attribute: the record type. */
  static final String SORT_KEY = "record_type";

  /** Which record of the typical client: the 4 KB casework record or the Basic Record. */
  @Param({"casework", "basic"})
  public String record;

  private SecureRecords records;
  private ClientKeys keys;
  private Map<String, byte[]> fields;
  private RecordType type;
  private final RecordId id = RecordId.of("bench-record-1");
  private final Instant now = Instant.parse("2026-03-08T10:15:30.123456789Z");
  private Map<String, AttributeValue> item;
  private DynamoDbItemEncryptor peer;
  private DynamoDbItemEncryptor peerWithEcdsa;

  @Setup(Level.Trial)
  public void setUp() {
    records = SecureRecords.builder().store(new InMemoryRecordStore())
        .kek(KeyEncryptionKey.ephemeral()).build();
    PsuPopulation.PsuClient c = PsuPopulation.standard().client(1);
    records.put(c.id(), c.basic());
    keys = records.dataKeys().forReading(c.id());
    boolean casework = record.equals("casework");
    RecordSchema schema = casework ? PsuSchemas.casework() : PsuSchemas.basic();
    type = schema.type();
    fields = schema.encode(casework ? c.casework() : c.basic());
    item = item(id.value(), type.name(), fields);

    byte[] wrappingKey = new byte[32];
    new SecureRandom().nextBytes(wrappingKey);
    IKeyring keyring = rawAesKeyring(wrappingKey);
    peer = encryptor(keyring, fields.keySet(),
        DBEAlgorithmSuiteId.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_SYMSIG_HMAC_SHA384);
    peerWithEcdsa = encryptor(keyring, fields.keySet(),
        DBEAlgorithmSuiteId.ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384_SYMSIG_HMAC_SHA384);
    check();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    records.close();
  }

  /** The library: every field sealed (AEAD, associated data binding it to the record); then all opened. */
  @Benchmark
  public Map<String, byte[]> library() {
    SealedRecord sealed = RecordSealer.seal(keys, type, id, 1, now, now, fields);
    return RecordSealer.open(keys, sealed, null);
  }

  /** The peer, symmetric suite: the item encrypted and signed (HMAC), then verified and decrypted. */
  @Benchmark
  public Map<String, AttributeValue> peer() {
    return roundTrip(peer);
  }

  /** The peer, default suite: as {@link #peer()}, plus an ECDSA P-384 signature per item. */
  @Benchmark
  public Map<String, AttributeValue> peerWithEcdsa() {
    return roundTrip(peerWithEcdsa);
  }

  private Map<String, AttributeValue> roundTrip(DynamoDbItemEncryptor encryptor) {
    Map<String, AttributeValue> encrypted = encryptor.EncryptItem(
        EncryptItemInput.builder().plaintextItem(item).build()).encryptedItem();
    return encryptor.DecryptItem(
        DecryptItemInput.builder().encryptedItem(encrypted).build()).plaintextItem();
  }

  /** Refuses to measure anything that does not round-trip, or a peer that did not encrypt. */
  private void check() {
    if (!sameFields(fields, library())) {
      throw new IllegalStateException("library round trip changed the record");
    }
    for (DynamoDbItemEncryptor encryptor : new DynamoDbItemEncryptor[] {peer, peerWithEcdsa}) {
      if (!item.equals(roundTrip(encryptor))) {
        throw new IllegalStateException("peer round trip changed the item");
      }
      Map<String, AttributeValue> encrypted = encryptor.EncryptItem(
          EncryptItemInput.builder().plaintextItem(item).build()).encryptedItem();
      for (String name : fields.keySet()) {
        if (item.get(name).equals(encrypted.get(name))) {
          throw new IllegalStateException("peer left field " + name + " unencrypted");
        }
      }
    }
  }

  /** The peer's item: the keys, then one binary attribute per field holding its encoded bytes. */
  static Map<String, AttributeValue> item(String recordId, String recordType,
      Map<String, byte[]> fields) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PARTITION_KEY, AttributeValue.fromS(recordId));
    item.put(SORT_KEY, AttributeValue.fromS(recordType));
    for (Map.Entry<String, byte[]> f : fields.entrySet()) {
      if (item.put(f.getKey(), AttributeValue.fromB(SdkBytes.fromByteArray(f.getValue()))) != null) {
        throw new IllegalArgumentException("field name clashes with a key: " + f.getKey());
      }
    }
    return item;
  }

  /** The fields of a decrypted peer item, as the library's field map. */
  static Map<String, byte[]> fields(Map<String, AttributeValue> item) {
    Map<String, byte[]> fields = new LinkedHashMap<>();
    item.forEach((name, value) -> {
      if (!name.equals(PARTITION_KEY) && !name.equals(SORT_KEY)) {
        fields.put(name, value.b().asByteArray());
      }
    });
    return fields;
  }

  /** A raw AES keyring over this 256-bit wrapping key: in memory, no KMS. */
  static IKeyring rawAesKeyring(byte[] wrappingKey) {
    MaterialProviders materials = MaterialProviders.builder()
        .MaterialProvidersConfig(MaterialProvidersConfig.builder().build()).build();
    return materials.CreateRawAesKeyring(CreateRawAesKeyringInput.builder()
        .keyNamespace("secure-records-bench")
        .keyName("wrapping-key-1")
        .wrappingKey(ByteBuffer.wrap(wrappingKey))
        .wrappingAlg(AesWrappingAlg.ALG_AES256_GCM_IV12_TAG16)
        .build());
  }

  /** An item encryptor that encrypts and signs these fields and signs the keys, under this suite. */
  static DynamoDbItemEncryptor encryptor(IKeyring keyring, Iterable<String> fieldNames,
      DBEAlgorithmSuiteId suite) {
    Map<String, CryptoAction> actions = new HashMap<>();
    actions.put(PARTITION_KEY, CryptoAction.SIGN_ONLY);
    actions.put(SORT_KEY, CryptoAction.SIGN_ONLY);
    for (String name : fieldNames) {
      actions.put(name, CryptoAction.ENCRYPT_AND_SIGN);
    }
    return DynamoDbItemEncryptor.builder().DynamoDbItemEncryptorConfig(
        DynamoDbItemEncryptorConfig.builder()
            .logicalTableName(TABLE)
            .partitionKeyName(PARTITION_KEY)
            .sortKeyName(SORT_KEY)
            .attributeActionsOnEncrypt(actions)
            .keyring(keyring)
            .algorithmSuiteId(suite)
            .build())
        .build();
  }

  /** Whether two field maps hold the same names with the same bytes. */
  static boolean sameFields(Map<String, byte[]> a, Map<String, byte[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> e : a.entrySet()) {
      if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
