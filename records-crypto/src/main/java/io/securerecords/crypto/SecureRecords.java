package io.securerecords.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.signature.SignatureConfig;
import io.securerecords.api.error.ConflictException;
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.error.NotFoundException;
import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.DisclosurePolicy;
import io.securerecords.api.policy.PolicyTable;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.FeedbackAcknowledgement;
import io.securerecords.api.psu.PsuSchemas;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.FieldSpec;
import io.securerecords.api.schema.RecordSchema;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
import io.securerecords.api.index.IndexQuery;
import io.securerecords.api.index.IndexSpec;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.log.Checkpoint;
import io.securerecords.crypto.log.Decision;
import io.securerecords.crypto.log.LogVerification;
import io.securerecords.crypto.token.AccessTokenClaims;
import io.securerecords.crypto.token.Requester;
import io.securerecords.crypto.token.TokenIssuer;
import io.securerecords.crypto.token.TokenKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The entry point: seals casework records field by field under each client's own data key and
 * keeps them in a {@link RecordStore}.
 *
 * <p>What is protected: every field value is encrypted and bound to its record type, record id,
 * field name and client; every record is authenticated as a whole; every data key is stored only
 * wrapped by the {@link KeyEncryptionKey}. The store sees ids, types, versions, timestamps, field
 * names and ciphertext lengths, never a value. Erasing a client destroys their key, so every copy
 * of their ciphertext, backups included, becomes unreadable.
 *
 * <p>Plaintext leaves only through a release that a purpose-bound token allows; there is no
 * public method that decrypts on its own.
 *
 * <p>Thread-safe. Time comes from the builder's {@link Clock}.
 */
public final class SecureRecords implements AutoCloseable {
  private static final int PAGE = 256;
  /** A designated senior role by default: the head of the unit. */
  public static final String HEAD_OF_PSU = "Head of the Professional Support Unit";
  /** A designated senior role by default: the Caldicott Guardian. */
  public static final String CALDICOTT_GUARDIAN = "Caldicott Guardian";
  /**
   * The subject of equality-monitoring tokens: the counts are about no one client, so the token
   * names this id instead of a client's.
   */
  public static final ClientId ALL_CLIENTS = ClientId.of("all-clients");
  /**
   * The recipient (token audience) that 2.2 disclosures about trainees on programmes aligned to
   * London and KSS responsible officers must be addressed to, instead of the officer directly.
   */
  public static final String CASE_MANAGEMENT_TEAM =
      "London and KSS Case Management and Appeals Team";
  static final Set<String> DEFAULT_SENIOR_ROLES = Set.of(HEAD_OF_PSU, CALDICOTT_GUARDIAN);
  private static final int WRITE_ATTEMPTS = 3;

  static {
    try {
      // Every key type this library stores, so a fresh process can parse its stored keysets.
      AeadConfig.register();
      MacConfig.register();
      SignatureConfig.register();
      com.google.crypto.tink.jwt.JwtSignatureConfig.register();
      com.google.crypto.tink.jwt.JwtMacConfig.register();
      com.google.crypto.tink.prf.PrfConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final RecordStore store;
  private final KeyEncryptionKey kek;
  private final Clock clock;
  private final Map<RecordType, RecordSchema> schemasByType;
  private final Map<Class<?>, RecordSchema> schemasByClass;
  private final DataKeys dataKeys;
  private final SystemKeys systemKeys;
  private final EnquiryLog log;
  private final KeyMaintenance keyMaintenance;
  private final TokenKeys tokenKeys;
  private final Disclosures disclosures;
  private final DisclosurePolicy policy;
  private final Indexes indexes;

  private SecureRecords(Builder b) {
    this.store = b.store;
    this.kek = b.kek;
    this.clock = b.clock;
    this.schemasByType = Map.copyOf(b.schemasByType);
    Map<Class<?>, RecordSchema> byClass = new HashMap<>();
    b.schemasByType.values().stream()
        .filter(s -> s.javaType() != Object.class)
        .forEach(s -> byClass.put(s.javaType(), s));
    this.schemasByClass = Map.copyOf(byClass);
    this.dataKeys = new DataKeys(store, kek, b.maxCachedKeys, b.keyIdleExpiry, b.clock);
    this.systemKeys = new SystemKeys(store, kek);
    systemKeys.checkKek(PredefinedAeadParameters.AES256_GCM);
    this.log = new EnquiryLog(store, systemKeys, dataKeys, clock);
    this.keyMaintenance = new KeyMaintenance(store, dataKeys, systemKeys);
    this.tokenKeys = TokenKeys.fromKeyset(
        systemKeys.loadOrCreate(TOKEN_KEY, () -> TokenKeys.generateEs256().keyset()));
    this.policy = b.policy;
    List<Indexes.Declared> declared = new ArrayList<>(b.indexes);
    for (RecordSchema schema : schemasByType.values()) {
      schema.indexes().forEach(spec -> declared.add(new Indexes.Declared(schema.type(), spec)));
    }
    if (b.psuIndexes) {
      Set<String> named = new java.util.HashSet<>();
      declared.forEach(d -> named.add(d.spec().name()));
      PsuIndexes.defaults(b.expectedClients, b.keywordIndex, schemasByType.keySet()).stream()
          .filter(d -> !named.contains(d.spec().name()))
          .forEach(declared::add);
    }
    this.indexes = new Indexes(declared, systemKeys, store);
    this.disclosures = new Disclosures(store, dataKeys, log, b.policy, schemasByType, tokenKeys,
        b.issuer, clock, b.tokenLifetime, b.seniorRoles, indexes);
  }

  static final KeyName TOKEN_KEY = KeyName.system("token-signing");

  /**
   * A ready instance for tests and prototypes: an in-memory store, an ephemeral KEK, the system
   * clock, the PSU schemas (Basic Record, Casework Record) and the PSU notice as policy. Nothing
   * survives the process.
   */
  public static SecureRecords inMemory() {
    return builder().store(new InMemoryRecordStore()).kek(KeyEncryptionKey.ephemeral()).build();
  }

  /** As {@link #inMemory()}, sealing the given record types instead of the PSU ones. */
  public static SecureRecords inMemory(RecordSchema... schemas) {
    Builder builder = builder().store(new InMemoryRecordStore()).kek(KeyEncryptionKey.ephemeral());
    for (RecordSchema schema : schemas) {
      builder.schema(schema);
    }
    return builder.build();
  }

  /** Starts configuring an instance. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Seals a new record about a client, given as an instance of a registered schema's Java type.
   * Creates the client's data key with the first record, in the same atomic write.
   *
   * @return the new record's id
   * @throws InvalidInputException if the value breaks the schema; nothing is written
   */
  public RecordId put(ClientId client, Object value) {
    Objects.requireNonNull(value, "value");
    return put(client, schemaFor(value.getClass()), value);
  }

  /**
   * Seals a new record of a schema built in code, from a map of field name to value.
   *
   * @throws InvalidInputException if the fields break the schema; nothing is written
   */
  public RecordId put(ClientId client, RecordType type, Map<String, ?> fields) {
    return put(client, schema(type), fields);
  }

  private RecordId put(ClientId client, RecordSchema schema, Object value) {
    Objects.requireNonNull(client, "client");
    return seal(List.of(new Pending(client, schema, schema.encode(value)))).get(0);
  }

  /**
   * Seals many new records, possibly about many clients, and writes them in one atomic write:
   * all of them or none. For imports, where one write per record costs a commit each. A client
   * without a data key gets one, written in the same write.
   *
   * @return the new records' ids, in the order given
   * @throws InvalidInputException if any value breaks its schema (the message names its position
   *     in the list and the field); nothing is written
   */
  public List<RecordId> putAll(List<NewRecord> records) {
    Objects.requireNonNull(records, "records");
    List<Pending> pending = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      NewRecord r = Objects.requireNonNull(records.get(i), "records[" + i + "]");
      try {
        RecordSchema schema = schemaFor(r.value().getClass());
        pending.add(new Pending(r.client(), schema, schema.encode(r.value())));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("records[" + i + "]." + e.field(), e.rule());
      }
    }
    return seal(pending);
  }

  private record Pending(ClientId client, RecordSchema schema, Map<String, byte[]> plaintext) {}

  private List<RecordId> seal(List<Pending> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    List<RecordId> ids = new ArrayList<>(records.size());
    // One instant: each id shows exactly its record's creation time, on every attempt.
    Instant now = clock.instant();
    for (Pending r : records) {
      ids.add(RecordId.timeOrdered(now));
    }
    for (int attempt = 1; ; attempt++) {
      // Every client's key entry and every index's mark read from the store in one read.
      Set<ClientId> clients = new java.util.LinkedHashSet<>();
      records.forEach(r -> clients.add(r.client()));
      List<KeyEntry> read = indexes.readWithMarks(DataKeys.names(clients));
      Map<ClientId, DataKeys.ForWriting> keysOf = dataKeys.forWriting(clients, read);
      Indexes.Current current = indexes.current(read);
      WriteBatch.Builder batch = WriteBatch.builder();
      for (int i = 0; i < records.size(); i++) {
        Pending r = records.get(i);
        DataKeys.ForWriting keys = keysOf.get(r.client());
        batch.putRecord(RecordSealer.seal(keys.keys(), r.schema().type(), ids.get(i), 1, now, now,
            r.plaintext()), 0).indexEntries(ids.get(i),
            current.entriesFor(keys.keys(), ids.get(i), r.schema().type(), r.plaintext()));
      }
      keysOf.values().forEach(k -> k.newEntry().ifPresent(entry -> batch.putKey(entry, 0)));
      try {
        store.write(batch.build());
        keysOf.values().forEach(k -> k.newEntry().ifPresent(entry -> dataKeys.remember(k.keys())));
        return List.copyOf(ids);
      } catch (ConflictException e) {
        // Most likely another writer created a client's key first: use theirs.
        boolean newKeys = false;
        for (DataKeys.ForWriting k : keysOf.values()) {
          if (k.newEntry().isPresent()) {
            dataKeys.forget(k.keys().client());
            newKeys = true;
          }
        }
        if (!newKeys || attempt >= WRITE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Replaces a record's content, sealing it anew as the next version.
   *
   * @param expectedVersion the version the caller read (see {@link #metadata(RecordId)})
   * @return the new version
   * @throws ConflictException if the record changed since {@code expectedVersion}
   * @throws InvalidInputException if the value breaks the schema; nothing is written
   */
  public long update(RecordId id, Object value, long expectedVersion) {
    SealedRecord current = sealed(id);
    RecordSchema schema = schema(current.type());
    if (value.getClass() != schema.javaType() && !(value instanceof Map)) {
      throw new InvalidInputException(
          "record", "record " + id.value() + " is of type " + schema.type() + ", not the value given");
    }
    Map<String, byte[]> plaintext = schema.encode(value);
    if (current.version() != expectedVersion) {
      throw new ConflictException("record " + id.value() + " is at version " + current.version()
          + ", not " + expectedVersion);
    }
    // The client's key entry and every index's mark in one read.
    List<KeyEntry> read = indexes.readWithMarks(Set.of(KeyName.client(current.client())));
    ClientKeys keys = dataKeys.current(current.client(), read);
    SealedRecord next = RecordSealer.seal(keys, schema.type(), id, expectedVersion + 1,
        current.created(), clock.instant(), plaintext);
    store.write(WriteBatch.builder().putRecord(next, expectedVersion)
        .indexEntries(id, indexes.current(read).entriesFor(keys, id, schema.type(), plaintext))
        .build());
    return next.version();
  }

  /** The clear metadata of a record: no value is decrypted. */
  public RecordMetadata metadata(RecordId id) {
    return RecordMetadata.of(sealed(id));
  }

  /** The clear metadata of every record about a client, ordered by record id. */
  public List<RecordMetadata> records(ClientId client) {
    return store.records(client).stream().map(RecordMetadata::of).toList();
  }

  /**
   * Erases a client (GDPR Art. 17) by crypto-shredding: destroys their data key, leaving an
   * erasure mark, and deletes their records, in one atomic write. Copies of their ciphertext kept
   * anywhere else can never be opened again and are reported as erased.
   *
   * @throws NotFoundException if nothing is held about the client
   */
  public ErasureReceipt erase(ClientId client) {
    KeyName name = KeyName.client(client);
    for (int attempt = 1; ; attempt++) {
      Optional<KeyEntry> key = store.key(name);
      List<SealedRecord> records = store.records(client);
      if (key.isEmpty() && records.isEmpty()) {
        throw new NotFoundException("nothing is held about client " + client.value());
      }
      if (key.isPresent() && key.get() instanceof KeyEntry.Erased erased && records.isEmpty()) {
        return new ErasureReceipt(client, 0, erased.erasedAt());
      }
      Instant now = clock.instant();
      long keyVersion = key.map(KeyEntry::version).orElse(0L);
      WriteBatch.Builder batch =
          WriteBatch.builder().putKey(new KeyEntry.Erased(name, keyVersion + 1, now), keyVersion);
      records.forEach(r -> batch.deleteRecord(r.id(), r.version()));
      batch.appendLog(log.next(client, null, null, Decision.ERASED,
          ("{\"event\":\"erasure\",\"records\":" + records.size() + "}")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      try {
        store.write(batch.build());
        return new ErasureReceipt(client, records.size(), now);
      } catch (ConflictException e) {
        if (attempt >= WRITE_ATTEMPTS) {
          throw e;
        }
      } finally {
        dataKeys.forget(client);
      }
    }
  }

  /**
   * Adds a new primary data key for a client: new seals use it, older fields stay readable under
   * the old key until {@link #reseal(ClientId)} moves them.
   */
  public void rotateDataKey(ClientId client) {
    keyMaintenance.rotateDataKey(client);
  }

  /**
   * Re-seals every record of a client whose fields are not all under the client's primary data
   * key, or that is in an earlier sealing format (a record MAC instead of the record bound into
   * each field). Idempotent, so it can simply be run again after a crash.
   *
   * @return how many records were re-sealed
   */
  public int reseal(ClientId client) {
    return keyMaintenance.reseal(client);
  }

  /**
   * Re-seals, across all clients, every record not under its client's primary data key or in an
   * earlier sealing format, walking the store in record-id order. Idempotent and resumable: records already moved are skipped.
   *
   * @return how many records were re-sealed
   */
  public int resealAll() {
    return keyMaintenance.resealAll();
  }

  /**
   * Re-wraps every stored key (client data keys and library keys) under the KEK's current
   * primary: run it after rotating the KEK, or with {@link KeyEncryptionKey#migrating}. Erased
   * keys stay erased. Idempotent and resumable.
   *
   * @return how many keys were re-wrapped
   */
  public int rewrapKeys() {
    return keyMaintenance.rewrapKeys();
  }

  /**
   * Verifies the enquiry log: every entry in place, unaltered, chained and signed. Needs no
   * decryption key; auditors can do the same with {@link #logPublicKeyset()} and {@link
   * io.securerecords.crypto.log.LogVerifier}.
   *
   * @param anchor a checkpoint from an earlier verification ({@link Checkpoint#EMPTY} for none):
   *     truncation and rewritten history before it are detected too
   */
  public LogVerification verifyLog(Checkpoint anchor) {
    return log.verifier().verify(store, anchor);
  }

  /**
   * Verifies the whole log and returns a checkpoint of it signed with the log's key, to publish
   * or give to auditors: later verifications against it detect truncation and rewritten history.
   *
   * @throws io.securerecords.api.error.TamperedException if the log does not verify now
   */
  public io.securerecords.crypto.log.SignedCheckpoint signedCheckpoint() {
    LogVerification now = log.verifier().verify(store, Checkpoint.EMPTY);
    if (!now.intact()) {
      throw new io.securerecords.api.error.TamperedException(
          "the enquiry log does not verify: " + now.problems().get(0));
    }
    return log.sign(now.head());
  }

  /** The public keyset that verifies the enquiry log's signatures (no secret in it). */
  public KeysetHandle logPublicKeyset() {
    return log.publicKeyset();
  }

  /**
   * Starts a disclosure decision: a claims builder with issuer, issue time, expiry and a unique
   * token id filled in. Set the subject, purpose, audience (recipient), requester, reason, the
   * field classes and any legal reference, approval or acknowledged-content digest.
   */
  public AccessTokenClaims.Builder newDecision() {
    return disclosures.newDecision();
  }

  /**
   * Records a decision to disclose in the enquiry log and returns its signed access token (a
   * JWT, ES256). What can be checked from the decision alone is checked now (the policy row,
   * recorded legal reference, senior approval for 2.3 to 2.5); everything is checked again at
   * release.
   *
   * @param decidedBy who took the decision
   * @throws RefusedException naming the clause and the failed condition; the refusal is logged
   */
  public String decide(AccessTokenClaims decision, Requester decidedBy) {
    return disclosures.decide(decision, decidedBy);
  }

  /**
   * The only way plaintext leaves: verifies the token presented by {@code recipient} (RFC 8725
   * checks: key-set algorithm, typed header, issuer, audience = recipient, lifetime), checks the
   * purpose's policy row and every condition against the client's current records, opens only
   * the allowed fields, and commits the token's use and the enquiry-log entry atomically before
   * returning.
   *
   * @throws RefusedException naming the clause and failed condition (bad token, policy, used-up
   *     token); nothing is released and the refusal is logged
   * @throws io.securerecords.api.error.ErasedException if the client was erased
   */
  public Release release(String token, String recipient) {
    return disclosures.release(token, recipient);
  }

  /**
   * Logs an enquiry about a client where nothing was disclosed (notice 1.3: a manager who calls
   * about a trainee is logged even if told nothing).
   *
   * @param purpose the purpose the requester claimed, or null
   * @return the entry's position in the log
   */
  public long logEnquiry(ClientId client, Purpose purpose, Requester requester, String reason) {
    return disclosures.logEnquiry(client, purpose, requester, reason);
  }

  /**
   * Records the client's acknowledgement of the feedback (observations) of a casework record as
   * it stands now, bound to a digest of that exact content (notice 2: no feedback without the
   * client's prior knowledge of the content). Any later edit needs a new acknowledgement. Put the
   * returned digest in the supervisor-feedback decision's {@code ackDigest}.
   *
   * @throws InvalidInputException if the record is not casework or holds no observations
   */
  public FeedbackAcknowledgement acknowledgeFeedback(RecordId casework, LocalDate given) {
    SealedRecord record = sealed(casework);
    if (!record.type().equals(ClientFacts.CASEWORK)) {
      throw new InvalidInputException("casework", "only casework records hold feedback");
    }
    byte[] observations = RecordSealer.open(dataKeys.current(record.client()), record,
        Set.of("observations")).get("observations");
    if (observations == null || "null".equals(new String(observations, StandardCharsets.UTF_8))) {
      throw new InvalidInputException("observations", "there is no feedback to acknowledge");
    }
    FeedbackAcknowledgement ack = new FeedbackAcknowledgement(casework,
        ClientFacts.observationsDigest(observations), given, null);
    put(record.client(), ack);
    return ack;
  }

  /**
   * Equality monitoring (notice 4): demographic data used anonymously, as counts only. Needs an
   * {@code EQUALITY_MONITORING} token about {@link #ALL_CLIENTS} covering {@code DEMOGRAPHIC};
   * returns counts per group with small numbers suppressed and others rounded to the nearest 5;
   * never a row, an identifier or free text. Logged like any release.
   *
   * @throws RefusedException if the token or the policy does not allow it; logged
   */
  public EqualityReport equalityStatistics(String token, String recipient,
      EqualityReport.GroupBy groupBy, EqualityReport.Demographic demographic) {
    return disclosures.equality(token, recipient, groupBy, demographic);
  }

  /**
   * Rectification (notice 6): amends one field of one record on the client's request. Needs a
   * {@code RECTIFICATION} token whose requester is the client and whose classes include the
   * field's; the token's reason is recorded. The new version, the record-history entry holding
   * the old value (sealed, in the field of its class), the token's use and the enquiry-log entry
   * are one atomic write.
   *
   * @return the record's new version
   * @throws RefusedException if the token or the policy does not allow it; logged
   * @throws InvalidInputException if the new value breaks the schema; nothing is written
   */
  public long rectify(String token, String recipient, RecordId record, String field, Object value) {
    return disclosures.rectify(token, recipient, record, field, value);
  }

  /**
   * Searches a blind index: an access like any release, needing a token (subject {@link
   * #ALL_CLIENTS} to search across clients, or one client to search within). Returns, ordered by
   * record id, only the records whose clients pass the purpose's conditions, opened only in the
   * classes the policy row and the token allow; truncation's false positives are removed after
   * decryption. Logged, one entry per client disclosed, with the token's use.
   *
   * @param after the previous page's {@link SearchResult#next()}, or null for the first page
   * @param limit the page size, 1 to 1000
   * @throws RefusedException if the token or the purpose does not allow searching; logged
   * @throws InvalidInputException if the index is not declared or a value is invalid for it
   */
  public SearchResult search(String token, String recipient, IndexQuery query, RecordId after,
      int limit) {
    return disclosures.search(token, recipient, query, after, limit);
  }

  /**
   * Starts rotating a blind index's key: a new key is made and the old one kept as "previous",
   * so queries match records under either key while {@link #reindex()} recomputes every term.
   * Call {@link #finishIndexRotation(String)} when it is done.
   */
  public void rotateIndexKey(String index) {
    indexes.rotate(index);
  }

  /**
   * Recomputes every record's blind-index terms under the current index keys, one record per
   * atomic write, walking records by id. Idempotent: after a crash, run it again.
   *
   * @return how many records were re-indexed
   */
  public int reindex() {
    return keyMaintenance.reindex(indexes);
  }

  /** Ends an index key rotation: the previous key is destroyed and queries use the new one only. */
  public void finishIndexRotation(String index) {
    indexes.finishRotation(index, clock.instant());
  }

  /** The names of the declared blind indexes. */
  public Set<String> indexNames() {
    return indexes.names();
  }

  /** The public keys (a standard JWK set) other systems verify this instance's tokens with. */
  public String publicJwkSet() {
    return tokenKeys.publicJwkSet();
  }

  /**
   * Adds a new primary token-signing key; tokens signed with the previous key stay valid until
   * they expire. Publish the new {@link #publicJwkSet()}.
   */
  public void rotateTokenKeys() {
    tokenKeys.rotate();
    systemKeys.replace(TOKEN_KEY, tokenKeys.keyset());
  }

  /** The disclosure policy in force. */
  public DisclosurePolicy policy() {
    return policy;
  }

  /** Statistics of the cache of unwrapped data keys. */
  public KeyCacheStats keyCacheStats() {
    return dataKeys.stats();
  }

  /** The schemas this instance seals. */
  public Set<RecordType> recordTypes() {
    return schemasByType.keySet();
  }

  /**
   * Opens the fields of the given classes of one record, each checked against the record, with
   * the client's cached key (a release reads their key entry first). Not public: releases that a
   * token allows are the only way out.
   */
  Map<String, byte[]> open(RecordId id, Set<FieldClass> classes) {
    SealedRecord record = sealed(id);
    RecordSchema schema = schema(record.type());
    Set<String> names = new java.util.HashSet<>();
    for (FieldSpec field : schema.fields()) {
      if (classes.contains(field.fieldClass())) {
        names.add(field.name());
      }
    }
    return RecordSealer.open(dataKeys.forReading(record.client()), record, names);
  }

  /** Opens a whole record as its Java type. Not public, as {@link #open(RecordId, Set)}. */
  <T> T openAs(RecordId id, Class<T> type) {
    SealedRecord record = sealed(id);
    RecordSchema schema = schema(record.type());
    return schema.decode(RecordSealer.open(dataKeys.forReading(record.client()), record, null), type);
  }

  DataKeys dataKeys() {
    return dataKeys;
  }

  Disclosures disclosures() {
    return disclosures;
  }

  Indexes indexes() {
    return indexes;
  }

  TokenKeys tokenKeys() {
    return tokenKeys;
  }

  EnquiryLog log() {
    return log;
  }

  private SealedRecord sealed(RecordId id) {
    return store.record(id)
        .orElseThrow(() -> new NotFoundException("record " + id.value() + " is not held"));
  }

  private RecordSchema schema(RecordType type) {
    RecordSchema schema = schemasByType.get(type);
    if (schema == null) {
      throw new InvalidInputException("recordType", "no schema is registered for type " + type);
    }
    return schema;
  }

  private RecordSchema schemaFor(Class<?> javaType) {
    RecordSchema schema = schemasByClass.get(javaType);
    if (schema == null) {
      throw new InvalidInputException(
          "record", "no schema is registered for " + javaType.getSimpleName());
    }
    return schema;
  }

  /** Drops every cached data key, then closes the store. */
  @Override
  public void close() {
    dataKeys.forgetAll();
    store.close();
  }

  @Override
  public String toString() {
    return "SecureRecords[" + store + ", " + kek + ", " + schemasByType.size() + " schemas]";
  }

  /** Configures a {@link SecureRecords}. */
  public static final class Builder {
    private RecordStore store;
    private KeyEncryptionKey kek;
    private Clock clock = Clock.systemUTC();
    private final Map<RecordType, RecordSchema> schemasByType = new LinkedHashMap<>();
    private long maxCachedKeys = 10_000;
    private DisclosurePolicy policy = PolicyTable.psuDefault();
    private String issuer = "secure-records";
    private Duration tokenLifetime = TokenIssuer.DEFAULT_LIFETIME;
    private Set<String> seniorRoles = DEFAULT_SENIOR_ROLES;
    private final List<Indexes.Declared> indexes = new ArrayList<>();
    private boolean psuIndexes = true;
    private boolean keywordIndex;
    private long expectedClients = 50_000;
    private Duration keyIdleExpiry = Duration.ofMinutes(5);

    private Builder() {}

    /** Where sealed records, wrapped keys, terms and the log are kept. Required. */
    public Builder store(RecordStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The key-encryption key that wraps every data key. Required. */
    public Builder kek(KeyEncryptionKey kek) {
      this.kek = Objects.requireNonNull(kek, "kek");
      return this;
    }

    /**
     * The clock for timestamps, token lifetimes and the key cache's idle expiry (default: system
     * UTC).
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Registers a record type. */
    public Builder schema(RecordSchema schema) {
      Objects.requireNonNull(schema, "schema");
      if (schemasByType.putIfAbsent(schema.type(), schema) != null) {
        throw new InvalidInputException("schema", "type " + schema.type() + " is registered twice");
      }
      return this;
    }

    /** Registers several record types. */
    public Builder schemas(Iterable<RecordSchema> schemas) {
      schemas.forEach(this::schema);
      return this;
    }

    /**
     * Declares a blind index on a record type, for schemas that do not declare it themselves
     * ({@link RecordSchema#withIndexes}; see {@link IndexSpec}; size it with {@link
     * io.securerecords.api.index.IndexSizing}). Its terms are written with every record of that
     * type, under the index's own key.
     */
    public Builder index(String recordType, IndexSpec spec) {
      indexes.add(new Indexes.Declared(RecordType.of(recordType), spec));
      return this;
    }

    /**
     * The expected number of clients, from which the default PSU indexes are sized so that every
     * term stands for several clients (default 50,000).
     */
    public Builder expectedClients(long clients) {
      if (clients < 1) {
        throw new InvalidInputException("expectedClients", "must be at least 1");
      }
      this.expectedClients = clients;
      return this;
    }

    /**
     * Leaves out the default PSU indexes (register number, name, email, team, appointment and
     * opening months), for instances that declare their own.
     */
    public Builder withoutPsuIndexes() {
      this.psuIndexes = false;
      return this;
    }

    /**
     * Switches on the keyword index over casework summaries ({@code summary-words}). Off by
     * default: it lets whoever reads the store see which records share words and how often each
     * blinded word occurs (see SECURITY.md, search leakage).
     */
    public Builder keywordIndex() {
      this.keywordIndex = true;
      return this;
    }

    /** The disclosure policy (default: the PSU notice, {@link PolicyTable#psuDefault()}). */
    public Builder policy(DisclosurePolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The issuer named in tokens and required of presented tokens (default secure-records). */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** How long issued tokens stay valid (default 15 minutes, at most 24 hours). */
    public Builder tokenLifetime(Duration lifetime) {
      this.tokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
      return this;
    }

    /**
     * The designated senior roles whose approval 2.3 to 2.5 disclosures need (default: {@value
     * #HEAD_OF_PSU} and {@value #CALDICOTT_GUARDIAN}).
     */
    public Builder seniorRoles(Set<String> roles) {
      if (roles.isEmpty()) {
        throw new InvalidInputException("seniorRoles", "at least one senior role is required");
      }
      this.seniorRoles = Set.copyOf(roles);
      return this;
    }

    /**
     * Bounds the cache of unwrapped data keys (default 10,000 keys, each dropped once it has not
     * been used for 5 minutes of the builder's clock). Fewer, shorter-lived cached keys means
     * fewer keys in memory and more KEK calls.
     *
     * @param maximumSize the most unwrapped keys held at once
     * @param idleExpiry how long a key is kept after it was last used
     */
    public Builder keyCache(long maximumSize, Duration idleExpiry) {
      if (maximumSize < 0 || idleExpiry.isNegative()) {
        throw new InvalidInputException("keyCache", "size and expiry must not be negative");
      }
      this.maxCachedKeys = maximumSize;
      this.keyIdleExpiry = idleExpiry;
      return this;
    }

    /**
     * Builds the instance and checks the KEK against the store.
     *
     * @throws io.securerecords.api.error.KeyUnavailableException if the KEK is not the one the
     *     store's keys were wrapped with
     */
    public SecureRecords build() {
      if (store == null || kek == null) {
        throw new InvalidInputException("builder", "a store and a key-encryption key are required");
      }
      if (schemasByType.isEmpty()) {
        schemas(PsuSchemas.all());
      }
      return new SecureRecords(this);
    }
  }
}
