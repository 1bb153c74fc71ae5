package io.securerecords.crypto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securerecords.api.policy.Condition;
import io.securerecords.api.policy.PolicyRow;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.PsuSchemas;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.FieldSpec;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
import io.securerecords.bench.PsuPopulation;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.log.Decision;
import io.securerecords.crypto.token.AccessTokenClaims;
import io.securerecords.crypto.token.Requester;
import io.securerecords.crypto.token.TokenVerifier;
import io.securerecords.crypto.token.VerifiedGrant;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 5: a release end to end against its parts measured alone, on the in-memory store
 * (so the figures are the library's, not a database's). The typical client is released to its
 * adviser for service delivery (clause 4): identity, contact, professional, service use, case
 * summary, correspondence and observations of both records.
 *
 * <p>The parts are the steps {@code Disclosures.release} takes, called one by one: verify the
 * ES256 token; check the policy (row, narrowing, the client's facts read from their records and
 * every condition); open the allowed fields; seal, chain, sign and append the log entry with the
 * token's use. The bar compares {@code release} with the sum of the four.
 *
 * <p>The token allows many uses so one token serves every invocation; the log grows by one entry
 * per release or append, as it does in service. From its second use on, the token's verdict is
 * remembered (one signature check per token); {@code partVerifyTokenFirstUse} gives the cost of
 * a first use, which a single-use token pays on its only release.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ReleaseBenchmark {
  private static final String RECIPIENT = "psu-ist";
  private SecureRecords records;
  private RecordStore store;
  private String token;
  private TokenVerifier verifier;
  private AccessTokenClaims claims;
  private ClientId client;
  private ClientKeys keys;
  private Conditions conditions;
  private PolicyRow row;
  private List<SealedRecord> held;
  private List<Set<String>> names;
  private List<ReleasedRecord> released;

  @Setup(Level.Trial)
  public void setUp() {
    store = new InMemoryRecordStore();
    records = SecureRecords.builder().store(store).kek(KeyEncryptionKey.ephemeral())
        .tokenLifetime(Duration.ofHours(24)).build();
    PsuPopulation population = PsuPopulation.standard();
    // A few neighbours so the store is not trivially small.
    for (int i = 0; i < 50; i++) {
      PsuPopulation.PsuClient c = population.client(i);
      records.put(c.id(), c.basic());
      records.put(c.id(), c.casework());
    }
    PsuPopulation.PsuClient c = population.client(7);
    client = c.id();
    Requester adviser = new Requester(c.adviser(), "PSU", "Adviser", "adviser@hee.nhs.uk");
    token = records.decide(records.newDecision().subject(client)
        .purpose(Purpose.SERVICE_DELIVERY).audience(RECIPIENT).requester(adviser)
        .reason("next session")
        .fieldClasses(EnumSet.complementOf(EnumSet.of(FieldClass.DEMOGRAPHIC)))
        .maxUses(Integer.MAX_VALUE).build(), adviser);
    verifier = TokenVerifier.builder().keys(records.tokenKeys()).issuer("secure-records")
        .audience(RECIPIENT).clock(java.time.Clock.systemUTC()).build();
    claims = verifier.verify(token).claims();
    keys = records.dataKeys().forReading(client);
    conditions = new Conditions(SecureRecords.DEFAULT_SENIOR_ROLES,
        () -> LocalDate.now(ZoneOffset.UTC));
    row = records.policy().row(claims.purpose());
    held = store.records(client);
    Set<FieldClass> classes = records.policy().narrow(claims.purpose(), claims.fieldClasses());
    names = new ArrayList<>();
    for (SealedRecord r : held) {
      Set<String> n = new HashSet<>();
      for (FieldSpec f : (r.type().equals(ClientFacts.BASIC) ? PsuSchemas.basic()
          : PsuSchemas.casework()).fields()) {
        if (classes.contains(f.fieldClass())) {
          n.add(f.name());
        }
      }
      names.add(n);
    }
    released = new ArrayList<>();
    List<Map<String, byte[]>> opened = partOpenFields();
    for (int i = 0; i < held.size(); i++) {
      SealedRecord r = held.get(i);
      released.add(new ReleasedRecord(r.id(), r.type().equals(ClientFacts.BASIC)
          ? PsuSchemas.basic() : PsuSchemas.casework(), opened.get(i)));
    }
    if (records.release(token, RECIPIENT).records().size() != 2) {
      throw new IllegalStateException("the benchmark release should open both records");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    records.close();
  }

  /** The whole release, as a recipient calls it. */
  @Benchmark
  public Release release() {
    return records.release(token, RECIPIENT);
  }

  /**
   * Part 1: verify the ES256 token (signature, type header, issuer, audience, lifetime), as the
   * release does it: with the verifier that already accepted this multi-use token once, so the
   * verdict is remembered (see {@code TokenVerifier}).
   */
  @Benchmark
  public VerifiedGrant partVerifyToken() {
    return verifier.verify(token);
  }

  /**
   * Part 1 for a token's first use (every use of a single-use token): a verifier that has not
   * seen the token, so Tink checks the ES256 signature. Not in the bar's sum: it shows what a
   * single-use release adds, {@code partVerifyTokenFirstUse - partVerifyToken}.
   */
  @Benchmark
  public VerifiedGrant partVerifyTokenFirstUse() {
    return TokenVerifier.builder().keys(records.tokenKeys()).issuer("secure-records")
        .audience(RECIPIENT).clock(java.time.Clock.systemUTC()).build().verify(token);
  }

  /** Part 2: the policy: row, narrowing, the client's facts from their records, every condition. */
  @Benchmark
  public boolean partCheckPolicy() {
    Set<FieldClass> classes = records.policy().narrow(claims.purpose(), claims.fieldClasses());
    ClientFacts facts = ClientFacts.read(records.dataKeys().current(client),
        store.records(client));
    boolean all = !classes.isEmpty();
    for (Condition condition : row.conditions()) {
      all &= conditions.holds(condition, claims, facts);
    }
    return all;
  }

  /** Part 3: open the allowed fields of the client's records (each decrypted and checked against the record). */
  @Benchmark
  public List<Map<String, byte[]>> partOpenFields() {
    List<Map<String, byte[]>> out = new ArrayList<>(held.size());
    for (int i = 0; i < held.size(); i++) {
      out.add(RecordSealer.open(keys, held.get(i), names.get(i)));
    }
    return out;
  }

  /**
   * Part 4: the log entry: its body (who, why, what was released and the digest of the released
   * fields, as the release writes it), sealed, chained, signed, appended with the token's use.
   */
  @Benchmark
  public long partAppendLog() throws IOException {
    ObjectNode body = Disclosures.body(claims, null);
    var what = body.putArray("released");
    for (ReleasedRecord r : released) {
      ObjectNode item = what.addObject();
      item.put("record", r.id().value());
      item.put("type", r.type().name());
      r.fieldNames().forEach(item.withArray("fields")::add);
    }
    body.put("digest", java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Disclosures.digest(released)));
    byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
    long sequence = store.logSize();
    LogEntry entry = records.log().next(sequence, records.log().head(sequence), client, keys,
        claims.purpose(), Decision.GRANTED, bytes);
    if (store.tokenUses(claims.jwtId()) >= claims.maxUses()) {
      throw new IllegalStateException("no uses left");
    }
    store.write(WriteBatch.builder().appendLog(entry)
        .useToken(claims.jwtId(), claims.maxUses()).build());
    return sequence;
  }
}
