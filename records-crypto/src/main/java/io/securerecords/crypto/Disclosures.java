package io.securerecords.crypto;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.securerecords.api.error.ConflictException;
import io.securerecords.api.error.ErasedException;
import io.securerecords.api.error.KeyUnavailableException;
import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Condition;
import io.securerecords.api.policy.DisclosurePolicy;
import io.securerecords.api.policy.PolicyRow;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.Register;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.FieldSpec;
import io.securerecords.api.schema.RecordSchema;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
import io.securerecords.api.index.IndexQuery;
import io.securerecords.crypto.log.Decision;
import io.securerecords.crypto.log.SealedEnquiry;
import io.securerecords.crypto.token.AccessTokenClaims;
import io.securerecords.crypto.token.Requester;
import io.securerecords.crypto.token.TokenIssuer;
import io.securerecords.crypto.token.TokenKeys;
import io.securerecords.crypto.token.TokenVerifier;
import io.securerecords.crypto.token.VerifiedGrant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The purpose-bound path out of the core: decisions yield tokens, tokens yield releases, and
 * every enquiry, granted or refused, is written to the enquiry log in the same atomic write as
 * the token's use. The policy row and its conditions are checked at release time against the
 * current records, not only when the token was made.
 */
final class Disclosures {
  private static final int LOG_ATTEMPTS = 8;

  private final RecordStore store;
  private final DataKeys dataKeys;
  private final EnquiryLog log;
  private final DisclosurePolicy policy;
  private final Map<RecordType, RecordSchema> schemas;
  private final TokenKeys tokenKeys;
  private final TokenIssuer issuer;
  private final String issuerName;
  private final Clock clock;
  private final Conditions conditions;
  private final Rectification rectification;
  private final Indexes indexes;
  private final Search searches;
  private final Cache<String, TokenVerifier> verifiers =
      Caffeine.newBuilder().maximumSize(1_000).executor(Runnable::run).build();

  Disclosures(RecordStore store, DataKeys dataKeys, EnquiryLog log, DisclosurePolicy policy,
      Map<RecordType, RecordSchema> schemas, TokenKeys tokenKeys, String issuerName,
      Clock clock, java.time.Duration tokenLifetime, Set<String> seniorRoles, Indexes indexes) {
    this.indexes = indexes;
    this.store = store;
    this.dataKeys = dataKeys;
    this.log = log;
    this.policy = policy;
    this.schemas = schemas;
    this.tokenKeys = tokenKeys;
    this.issuerName = issuerName;
    this.clock = clock;
    this.issuer = new TokenIssuer(tokenKeys, issuerName, clock, tokenLifetime);
    this.conditions = new Conditions(seniorRoles, this::today);
    this.rectification = new Rectification(this, store, dataKeys, indexes, policy, schemas,
        conditions, clock);
    this.searches = new Search(this, store, indexes, policy, schemas, conditions);
  }

  AccessTokenClaims.Builder newDecision() {
    return issuer.newClaims();
  }

  /** Records a decision to disclose, checks what can be checked now, and issues its token. */
  String decide(AccessTokenClaims claims, Requester decidedBy) {
    ClientKeys keys = keysIfHeld(claims.subject());
    try {
      policy.narrow(claims.purpose(), claims.fieldClasses());
      for (Condition condition : policy.row(claims.purpose()).conditions()) {
        if (Conditions.dependsOnTokenOnly(condition)
            && !conditions.holds(condition, claims, null)) {
          throw refusal(claims.purpose(), condition);
        }
      }
    } catch (RefusedException e) {
      ObjectNode body = body(claims, e);
      body.set("decidedBy", Json.MAPPER.valueToTree(decidedBy));
      append(claims.subject(), keys, claims.purpose(), Decision.REFUSED, body, b -> {});
      throw e;
    }
    ObjectNode body = body(claims, null);
    body.put("event", "decision");
    body.set("decidedBy", Json.MAPPER.valueToTree(decidedBy));
    append(claims.subject(), keys, claims.purpose(), Decision.DECIDED, body, b -> {});
    return issuer.issue(claims);
  }

  /** Logs an enquiry where nothing was disclosed (notice 1.3: a manager's call is logged too). */
  long logEnquiry(ClientId client, Purpose purpose, Requester requester, String reason) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("event", "enquiry");
    body.put("client", client.value());
    if (purpose != null) {
      body.put("purpose", purpose.name());
      body.put("clause", purpose.clause());
    }
    body.set("requester", Json.MAPPER.valueToTree(requester));
    body.put("reason", reason);
    return append(client, keysIfHeld(client), purpose, Decision.NOTHING_DISCLOSED, body, b -> {});
  }

  /** Verifies a token presented by {@code recipient} and releases what it and the policy allow. */
  Release release(String token, String recipient) {
    VerifiedGrant grant = verified(token, recipient, "release");
    AccessTokenClaims claims = grant.claims();
    ClientKeys keys = null;
    try {
      keys = dataKeys.current(claims.subject());
      return releaseVerified(grant, keys);
    } catch (RefusedException e) {
      append(claims.subject(), keys, claims.purpose(), Decision.REFUSED, body(claims, e), b -> {});
      throw e;
    } catch (ErasedException | KeyUnavailableException e) {
      RefusedException refused = new RefusedException(claims.clause(),
          e instanceof ErasedException ? "the client was erased" : "nothing is held about the client");
      append(claims.subject(), null, claims.purpose(), Decision.REFUSED, body(claims, refused),
          b -> {});
      throw e instanceof ErasedException ? e : refused;
    }
  }

  /** Rectification (6): amends one field on the client's request, keeping the old value. */
  long rectify(String token, String recipient, RecordId recordId, String field, Object value) {
    return rectification.rectify(token, recipient, recordId, field, value);
  }

  /** Equality monitoring (4): verified like any release, returns counts only. */
  EqualityReport equality(String token, String recipient, EqualityReport.GroupBy groupBy,
      EqualityReport.Demographic demographic) {
    VerifiedGrant grant = verified(token, recipient, "equality");
    AccessTokenClaims claims = grant.claims();
    try {
      if (claims.purpose() != Purpose.EQUALITY_MONITORING
          || !claims.subject().equals(SecureRecords.ALL_CLIENTS)) {
        throw new RefusedException(claims.clause(),
            "equality counts need an EQUALITY_MONITORING token about " + SecureRecords.ALL_CLIENTS.value());
      }
      if (!policy.narrow(claims.purpose(), claims.fieldClasses()).contains(FieldClass.DEMOGRAPHIC)) {
        throw new RefusedException(claims.clause(), "the token does not cover DEMOGRAPHIC");
      }
    } catch (RefusedException e) {
      append(null, null, claims.purpose(), Decision.REFUSED, body(claims, e), b -> {});
      throw e;
    }
    EqualityReport report = EqualityStatistics.count(store, dataKeys, groupBy, demographic);
    ObjectNode body = body(claims, null);
    body.put("event", "equality");
    body.put("groupedBy", groupBy.name());
    body.put("demographic", demographic.name());
    try {
      body.put("digest", Base64.getUrlEncoder().withoutPadding().encodeToString(
          SealedEnquiry.hash(Json.MAPPER.writeValueAsBytes(report))));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    append(null, null, claims.purpose(), Decision.GRANTED, body,
        b -> b.useToken(claims.jwtId(), claims.maxUses()));
    return report;
  }

  /** A blind-index search (issue 4), an access like any release: see {@link Search}. */
  SearchResult search(String token, String recipient, IndexQuery query, RecordId after, int limit) {
    return searches.search(token, recipient, query, after, limit);
  }

  private Release releaseVerified(VerifiedGrant grant, ClientKeys keys) {
    AccessTokenClaims claims = grant.claims();
    Purpose purpose = claims.purpose();
    PolicyRow row = policy.row(purpose);
    // Counts and amendments are not releases of records: they have their own operations.
    if (row.requires(Condition.COUNTS_ONLY)) {
      throw refusal(purpose, Condition.COUNTS_ONLY);
    }
    if (row.requires(Condition.AMENDMENT_ON_CLIENT_REQUEST)) {
      throw refusal(purpose, Condition.OLD_VALUE_AND_REASON_KEPT);
    }
    Set<FieldClass> classes = policy.narrow(purpose, claims.fieldClasses());
    List<SealedRecord> all = store.records(claims.subject());
    List<SealedRecord> held = all;
    if (!claims.records().isEmpty()) {
      Set<RecordId> ids = held.stream().map(SealedRecord::id).collect(Collectors.toSet());
      if (!ids.containsAll(claims.records())) {
        throw new RefusedException(purpose.clause(), "the token names a record not held for its client");
      }
      held = held.stream().filter(r -> claims.records().contains(r.id())).toList();
    }
    ClientFacts facts = ClientFacts.read(keys, all);
    for (Condition condition : row.conditions()) {
      if (!conditions.holds(condition, claims, facts)) {
        throw refusal(purpose, condition);
      }
    }
    List<ReleasedRecord> released = new ArrayList<>();
    for (SealedRecord record : held) {
      RecordSchema schema = schemas.get(record.type());
      Set<String> names = schema == null ? Set.of() : fieldsFor(record, schema, row, classes, claims, facts);
      if (!names.isEmpty()) {
        released.add(new ReleasedRecord(record.id(), schema, RecordSealer.open(keys, record, names)));
      }
    }
    if (row.requires(Condition.CONTENT_ACKNOWLEDGED) && released.isEmpty()) {
      throw refusal(purpose, Condition.CONTENT_ACKNOWLEDGED);
    }
    String pseudonym = null;
    if (row.requires(Condition.PSEUDONYM_PER_DISCLOSURE)) {
      pseudonym = "client-" + java.util.UUID.randomUUID().toString().substring(0, 13);
      Redaction redaction = row.requires(Condition.IDENTIFIERS_REDACTED_FROM_FREE_TEXT)
          ? redactionFor(facts) : null;
      List<ReleasedRecord> pseudonymised = new ArrayList<>();
      for (ReleasedRecord r : released) {
        java.util.Map<String, byte[]> fields = new java.util.LinkedHashMap<>();
        r.bytes().forEach((k, v) -> fields.put(k, redaction == null ? v : redaction.redactJson(v)));
        pseudonymised.add(new ReleasedRecord(RecordId.random(), schemas.get(r.type()), fields));
      }
      released = pseudonymised;
    }
    byte[] digest = digest(released);
    List<Enquiry> enquiries = row.requires(Condition.INCLUDES_ENQUIRY_LOG_ENTRIES)
        ? enquiriesAbout(claims.subject()) : List.of();
    ObjectNode body = body(claims, null);
    ArrayNode what = body.putArray("released");
    for (ReleasedRecord r : released) {
      ObjectNode item = what.addObject();
      item.put("record", r.id().value());
      item.put("type", r.type().name());
      r.fieldNames().forEach(item.withArray("fields")::add);
    }
    body.put("digest", Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    long sequence = append(claims.subject(), keys, purpose, Decision.GRANTED, body,
        b -> b.useToken(claims.jwtId(), claims.maxUses()));
    return new Release(purpose, pseudonym == null ? claims.subject() : null, pseudonym, released,
        enquiries, digest, sequence);
  }

  /** The fields of one record the row, the token and the conditions let out. */
  Set<String> fieldsFor(SealedRecord record, RecordSchema schema, PolicyRow row,
      Set<FieldClass> classes, AccessTokenClaims claims, ClientFacts facts) {
    if (ClientFacts.CLIENT_ONLY.contains(record.type()) && !row.requires(Condition.REQUESTER_IS_CLIENT)) {
      return Set.of();
    }
    boolean basic = record.type().equals(ClientFacts.BASIC);
    if (basic && row.requires(Condition.NO_BASIC_RECORD)) {
      return Set.of();
    }
    ClientFacts.Casework casework = facts.casework(record.id());
    String requester = claims.requester().name();
    if (casework != null) {
      if ("COACHING".equals(casework.team()) && !policy.coachingReleasable(row.purpose())) {
        return Set.of();
      }
      if (row.requires(Condition.OWN_TEAM_CASEWORK_ONLY)
          && !ClientFacts.sameName(requester, casework.adviser())
          && !ClientFacts.sameName(requester, casework.administrator())) {
        return Set.of();
      }
      if (row.requires(Condition.REQUESTER_IS_PSU_STAFF_OF_ANOTHER_TEAM)
          && String.valueOf(Conditions.requesterTeam(claims)).equals(casework.team())) {
        return Set.of();
      }
    }
    Set<String> names = new HashSet<>();
    for (FieldSpec field : schema.fields()) {
      FieldClass cls = field.fieldClass();
      boolean allowed = switch (row.allowance(cls)) {
        case ALLOWED -> true;
        case BASIC_RECORD_ONLY -> basic;
        case PSEUDONYMISED -> casework != null;
        case ACKNOWLEDGED_ONLY -> casework != null
            && facts.acknowledged(record.id(), claims.ackDigest().orElse(null), today());
        default -> false;
      };
      if (allowed && casework != null && row.requires(Condition.NO_OBJECTION)
          && facts.objected(record.id(), cls, today())) {
        allowed = false;
      }
      if (allowed && classes.contains(cls)) {
        names.add(field.name());
      }
    }
    return names;
  }

  java.time.LocalDate today() {
    return java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
  }

  private static Redaction redactionFor(ClientFacts facts) {
    String register = facts.basic("registration.register");
    String abbreviation = register == null ? null : Register.valueOf(register).abbreviation();
    return Redaction.of(facts.basic("fullName"), abbreviation, facts.basic("registration.number"),
        facts.basic("email"));
  }

  static RefusedException refusal(Purpose purpose, Condition condition) {
    return new RefusedException(purpose.clause(), condition.description());
  }

  private List<Enquiry> enquiriesAbout(ClientId client) {
    List<Enquiry> out = new ArrayList<>();
    long from = 0;
    for (List<EnquiryLog.Opened> page = log.read(0, 512); !page.isEmpty(); page = log.read(from, 512)) {
      for (EnquiryLog.Opened opened : page) {
        from++;
        if (opened.entry() != null && client.equals(opened.client())) {
          SealedEnquiry e = opened.entry();
          out.add(new Enquiry(e.sequence(), e.time(), e.purpose(), e.decision(),
              opened.body() == null ? null : readTree(opened.body()),
              opened.status().name().toLowerCase(java.util.Locale.ROOT)));
        }
      }
    }
    return out;
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(byte[] json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Appends an entry in one atomic write with whatever else {@code extra} adds (a token use).
   * Retries only when another writer took the log position; a token with no uses left is refused.
   */
  long append(ClientId client, ClientKeys keys, Purpose purpose, Decision decision,
      ObjectNode body, Consumer<WriteBatch.Builder> extra) {
    return appendAll(List.of(new Pending(client, keys, purpose, decision, body)), extra).get(0);
  }

  /** A log entry waiting to be sealed and appended. */
  record Pending(ClientId client, ClientKeys keys, Purpose purpose, Decision decision,
      ObjectNode body) {}

  /** Appends several chained entries in one atomic write with what {@code extra} adds. */
  List<Long> appendAll(List<Pending> pending, Consumer<WriteBatch.Builder> extra) {
    List<byte[]> bodies = new ArrayList<>();
    for (Pending p : pending) {
      try {
        bodies.add(Json.MAPPER.writeValueAsBytes(p.body()));
      } catch (IOException e) {
        throw new IllegalStateException("could not encode a log entry", e);
      }
    }
    for (int attempt = 1; ; attempt++) {
      long sequence = store.logSize();
      byte[] previous = log.head(sequence);
      WriteBatch.Builder batch = WriteBatch.builder();
      extra.accept(batch);
      List<Long> sequences = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        Pending p = pending.get(i);
        LogEntry entry = log.next(sequence, previous, p.client(), p.keys(), p.purpose(),
            p.decision(), bodies.get(i));
        batch.appendLog(entry);
        sequences.add(sequence);
        previous = SealedEnquiry.hash(entry.sealed());
        sequence++;
      }
      WriteBatch built = batch.build();
      for (WriteBatch.TokenUse use : built.tokenUses()) {
        if (store.tokenUses(use.tokenId()) >= use.maxUses()) {
          throw new RefusedException(TokenVerifier.CLAUSE, "the token has no uses left");
        }
      }
      try {
        store.write(built);
        return sequences;
      } catch (ConflictException e) {
        if (attempt >= LOG_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** This instance's cached keys for the client, or null: no store read ({@link DataKeys#cachedOnly}). */
  ClientKeys cachedKeys(ClientId client) {
    return dataKeys.cachedOnly(client);
  }

  ClientKeys keysIfHeld(ClientId client) {
    var entry = store.key(KeyName.client(client));
    return entry.isPresent() && entry.get() instanceof KeyEntry.Wrapped wrapped
        ? dataKeys.forReading(wrapped) : null;
  }

  /**
   * {@link #keysIfHeld(ClientId)} for many clients, from their key entries as one store read
   * just returned them (entries of other names in it are ignored): the keys of those whose key
   * entry is held and not erased; the others are left out.
   */
  Map<ClientId, ClientKeys> keysIfHeld(List<KeyEntry> read, Set<ClientId> clients) {
    Map<ClientId, ClientKeys> out = new HashMap<>();
    for (KeyEntry entry : read) {
      if (entry instanceof KeyEntry.Wrapped wrapped
          && wrapped.name().client().filter(clients::contains).isPresent()) {
        ClientKeys keys = dataKeys.forReading(wrapped);
        out.put(keys.client(), keys);
      }
    }
    return out;
  }

  static ObjectNode body(AccessTokenClaims claims, RefusedException refusal) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("event", "release");
    body.put("client", claims.subject().value());
    body.put("purpose", claims.purpose().name());
    body.put("clause", claims.clause());
    body.put("recipient", claims.audience());
    body.set("requester", Json.MAPPER.valueToTree(claims.requester()));
    body.put("reason", claims.reason());
    claims.legalReference().ifPresent(l -> body.put("legalReference", l));
    claims.approval().ifPresent(a -> body.set("approval", Json.MAPPER.valueToTree(a)));
    ArrayNode classes = body.putArray("fieldClasses");
    claims.fieldClasses().forEach(c -> classes.add(c.name()));
    body.put("tokenId", claims.jwtId());
    if (refusal != null) {
      body.set("refusal", refusalNode(refusal));
    }
    return body;
  }

  static ObjectNode refusalNode(RefusedException e) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("clause", e.clause());
    node.put("condition", e.condition());
    return node;
  }

  /** SHA-256 over exactly what was released: record id, field name and value bytes, in order. */
  static byte[] digest(List<ReleasedRecord> released) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (ReleasedRecord r : released) {
      for (Map.Entry<String, byte[]> f : r.bytes().entrySet()) {
        writePart(bytes, r.id().value().getBytes(StandardCharsets.UTF_8));
        writePart(bytes, f.getKey().getBytes(StandardCharsets.UTF_8));
        writePart(bytes, f.getValue());
      }
    }
    return SealedEnquiry.hash(bytes.toByteArray());
  }

  private static void writePart(ByteArrayOutputStream out, byte[] part) {
    out.write(part.length >>> 24);
    out.write(part.length >>> 16);
    out.write(part.length >>> 8);
    out.write(part.length);
    out.writeBytes(part);
  }

  /** Verifies a token presented by {@code recipient}; a refusal is logged, then thrown. */
  VerifiedGrant verified(String token, String recipient, String event) {
    TokenVerifier verifier = verifier(recipient);
    try {
      return verifier.verify(token);
    } catch (RefusedException e) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.put("event", event);
      body.put("recipient", recipient);
      body.set("refusal", refusalNode(e));
      // A genuine token refused for its time or audience is still an enquiry about its client.
      ClientId subject = verifier.authenticSubject(token).orElse(null);
      if (subject != null) {
        body.put("client", subject.value());
      }
      append(subject, subject == null ? null : keysIfHeld(subject), null, Decision.REFUSED, body,
          b -> {});
      throw e;
    }
  }

  private TokenVerifier verifier(String recipient) {
    if (recipient == null || recipient.isBlank() || recipient.length() > 256) {
      throw new RefusedException(TokenVerifier.CLAUSE, "the recipient must be named");
    }
    return verifiers.get(recipient, r -> TokenVerifier.builder().keys(tokenKeys).issuer(issuerName)
        .audience(r).clock(clock).build());
  }

}
