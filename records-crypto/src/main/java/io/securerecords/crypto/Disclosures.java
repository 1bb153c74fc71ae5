package io.securerecords.crypto;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.securerecords.api.error.ConflictException;
import io.securerecords.api.error.ErasedException;
import io.securerecords.api.error.KeyUnavailableException;
import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Allowance;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Team;
import io.securerecords.api.policy.Condition;
import io.securerecords.api.policy.DisclosurePolicy;
import io.securerecords.api.policy.PolicyRow;
import io.securerecords.api.policy.Purpose;
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
  /** The only recipient of 2.2 disclosures for programmes aligned to London and KSS ROs. */
  static final String CASE_MANAGEMENT_TEAM = "London and KSS Case Management and Appeals Team";
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
  private final Set<String> seniorRoles;
  private final Cache<String, TokenVerifier> verifiers =
      Caffeine.newBuilder().maximumSize(1_000).build();

  Disclosures(RecordStore store, DataKeys dataKeys, EnquiryLog log, DisclosurePolicy policy,
      Map<RecordType, RecordSchema> schemas, TokenKeys tokenKeys, String issuerName,
      Clock clock, java.time.Duration tokenLifetime, Set<String> seniorRoles) {
    this.store = store;
    this.dataKeys = dataKeys;
    this.log = log;
    this.policy = policy;
    this.schemas = schemas;
    this.tokenKeys = tokenKeys;
    this.issuerName = issuerName;
    this.clock = clock;
    this.issuer = new TokenIssuer(tokenKeys, issuerName, clock, tokenLifetime);
    this.seniorRoles = seniorRoles.stream().map(ClientFacts::normal).collect(Collectors.toSet());
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
        if (dependsOnTokenOnly(condition) && !holds(condition, claims, null)) {
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
    VerifiedGrant grant;
    try {
      grant = verifier(recipient).verify(token);
    } catch (RefusedException e) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.put("event", "release");
      body.put("recipient", recipient);
      body.set("refusal", refusalNode(e));
      append(null, null, null, Decision.REFUSED, body, b -> {});
      throw e;
    }
    AccessTokenClaims claims = grant.claims();
    ClientKeys keys = null;
    try {
      keys = dataKeys.forReading(claims.subject());
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

  /** Equality monitoring (4): verified like any release, returns counts only. */
  EqualityReport equality(String token, String recipient, EqualityReport.GroupBy groupBy,
      EqualityReport.Demographic demographic) {
    VerifiedGrant grant;
    try {
      grant = verifier(recipient).verify(token);
    } catch (RefusedException e) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.put("event", "equality");
      body.put("recipient", recipient);
      body.set("refusal", refusalNode(e));
      append(null, null, null, Decision.REFUSED, body, b -> {});
      throw e;
    }
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

  /** Rectification (6): amends one field on the client's request, keeping the old value. */
  long rectify(String token, String recipient, RecordId recordId, String field, Object value) {
    VerifiedGrant grant;
    try {
      grant = verifier(recipient).verify(token);
    } catch (RefusedException e) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.put("event", "rectification");
      body.put("recipient", recipient);
      body.set("refusal", refusalNode(e));
      append(null, null, null, Decision.REFUSED, body, b -> {});
      throw e;
    }
    AccessTokenClaims claims = grant.claims();
    ClientKeys keys = null;
    try {
      keys = dataKeys.forReading(claims.subject());
      return rectifyVerified(claims, keys, recordId, field, value);
    } catch (RefusedException e) {
      append(claims.subject(), keys, claims.purpose(), Decision.REFUSED, body(claims, e), b -> {});
      throw e;
    }
  }

  private long rectifyVerified(AccessTokenClaims claims, ClientKeys keys, RecordId recordId,
      String field, Object value) {
    Purpose purpose = claims.purpose();
    if (purpose != Purpose.RECTIFICATION) {
      throw new RefusedException(purpose.clause(), "amendments need a RECTIFICATION token");
    }
    SealedRecord record = store.record(recordId)
        .filter(r -> r.client().equals(claims.subject()))
        .filter(r -> claims.records().isEmpty() || claims.records().contains(r.id()))
        .orElseThrow(() -> new RefusedException(purpose.clause(),
            "the record is not one of the token's client's records in scope"));
    RecordSchema schema = schemas.get(record.type());
    FieldSpec spec = schema == null ? null : schema.field(field).orElse(null);
    if (spec == null || ClientFacts.CLIENT_ONLY.contains(record.type())) {
      throw new RefusedException(purpose.clause(), "the field cannot be amended");
    }
    Set<FieldClass> classes = policy.narrow(purpose, claims.fieldClasses());
    if (!classes.contains(spec.fieldClass())
        || policy.row(purpose).allowance(spec.fieldClass()) != Allowance.WRITE) {
      throw new RefusedException(purpose.clause(),
          "the token does not allow amending " + spec.fieldClass());
    }
    ClientFacts facts = ClientFacts.read(keys, store.records(claims.subject()));
    for (Condition condition : policy.row(purpose).conditions()) {
      if (!holds(condition, claims, facts)) {
        throw refusal(purpose, condition);
      }
    }
    java.util.Map<String, byte[]> current = RecordSealer.open(keys, record, null);
    java.util.Map<String, byte[]> changed = new java.util.LinkedHashMap<>(current);
    try {
      changed.put(field, Json.MAPPER.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new io.securerecords.api.error.InvalidInputException(field, "cannot be encoded as JSON");
    }
    // Decoding to the schema's type and encoding again applies every validation rule.
    Class<?> type = schema.javaType() == Object.class ? java.util.Map.class : schema.javaType();
    java.util.Map<String, byte[]> plaintext = schema.encode(schema.decode(changed, type));
    java.time.Instant now = clock.instant();
    SealedRecord next = RecordSealer.seal(keys, record.type(), record.id(), record.version() + 1,
        record.created(), now, plaintext);
    byte[] old = current.get(field);
    RecordSchema history = schemas.get(ClientFacts.AMENDMENT);
    if (history == null) {
      throw new RefusedException(purpose.clause(), "record history (psu.amendment) is not registered");
    }
    io.securerecords.api.psu.RecordAmendment amendment =
        io.securerecords.api.psu.RecordAmendment.of(record.id(), field, spec.fieldClass(), today(),
            claims.reason(), old == null ? null : new String(old, StandardCharsets.UTF_8));
    SealedRecord historyRecord = RecordSealer.seal(keys, ClientFacts.AMENDMENT, RecordId.random(),
        1, now, now, history.encode(amendment));
    ObjectNode body = body(claims, null);
    body.put("event", "rectification");
    body.put("record", record.id().value());
    body.put("field", field);
    body.put("history", historyRecord.id().value());
    append(claims.subject(), keys, purpose, Decision.AMENDED, body, b -> b
        .putRecord(next, record.version())
        .putRecord(historyRecord, 0)
        .useToken(claims.jwtId(), claims.maxUses()));
    return next.version();
  }

  private Release releaseVerified(VerifiedGrant grant, ClientKeys keys) {
    AccessTokenClaims claims = grant.claims();
    Purpose purpose = claims.purpose();
    PolicyRow row = policy.row(purpose);
    Set<FieldClass> classes = policy.narrow(purpose, claims.fieldClasses());
    List<SealedRecord> held = store.records(claims.subject());
    if (!claims.records().isEmpty()) {
      Set<RecordId> ids = held.stream().map(SealedRecord::id).collect(Collectors.toSet());
      if (!ids.containsAll(claims.records())) {
        throw new RefusedException(purpose.clause(), "the token names a record not held for its client");
      }
      held = held.stream().filter(r -> claims.records().contains(r.id())).toList();
    }
    ClientFacts facts = ClientFacts.read(keys, store.records(claims.subject()));
    for (Condition condition : row.conditions()) {
      if (!holds(condition, claims, facts)) {
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
  private Set<String> fieldsFor(SealedRecord record, RecordSchema schema, PolicyRow row,
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
          && String.valueOf(requesterTeam(claims)).equals(casework.team())) {
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

  private java.time.LocalDate today() {
    return java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
  }

  /** The PSU team the requester belongs to, from the requester's organisation, or null. */
  private static Team requesterTeam(AccessTokenClaims claims) {
    String organisation = claims.requester().organisation();
    for (Team team : Team.values()) {
      if (ClientFacts.sameName(organisation, team.name())
          || ClientFacts.sameName(organisation, team.displayName())) {
        return team;
      }
    }
    return null;
  }

  private static Redaction redactionFor(ClientFacts facts) {
    String register = facts.basic("registration.register");
    String abbreviation = register == null ? null : Register.valueOf(register).abbreviation();
    return Redaction.of(facts.basic("fullName"), abbreviation, facts.basic("registration.number"),
        facts.basic("email"));
  }

  /** Conditions that the token alone decides, checked already when the decision is made. */
  private static boolean dependsOnTokenOnly(Condition c) {
    return switch (c) {
      case REQUESTER_ORGANISATION_AND_REQUIREMENT_RECORDED, COURT_ORDER_OR_STATUTE_RECORDED,
          RISK_AND_TO_WHOM_RECORDED, LAWFUL_BASIS_AND_REASON_RECORDED, CLASSES_LISTED_EXPLICITLY,
          APPROVED_BY_DESIGNATED_SENIOR_ROLE -> true;
      default -> false;
    };
  }

  /**
   * Whether a condition holds for this token and the client's current state. A condition this
   * version cannot establish (consents, objections, acknowledgements, pseudonymisation,
   * statistics, amendments) does not hold: the release fails closed.
   */
  private boolean holds(Condition c, AccessTokenClaims t, ClientFacts f) {
    Requester who = t.requester();
    return switch (c) {
      case REQUESTER_ORGANISATION_AND_REQUIREMENT_RECORDED ->
          !who.organisation().isBlank() && !t.reason().isBlank();
      case COURT_ORDER_OR_STATUTE_RECORDED, LAWFUL_BASIS_AND_REASON_RECORDED ->
          t.legalReference().isPresent() && !t.reason().isBlank();
      case RISK_AND_TO_WHOM_RECORDED -> !t.reason().isBlank();
      case CLASSES_LISTED_EXPLICITLY -> !t.fieldClasses().isEmpty();
      case APPROVED_BY_DESIGNATED_SENIOR_ROLE -> t.approval()
          .filter(a -> seniorRoles.contains(ClientFacts.normal(a.role()))).isPresent();
      case CLIENT_IS_DOCTOR_IN_POSTGRADUATE_TRAINING -> "DOCTOR".equals(f.basic("profession"))
          && "POSTGRADUATE_TRAINING".equals(f.basic("trainingStatus"));
      case REQUESTER_IS_RECORDED_RESPONSIBLE_OFFICER ->
          ClientFacts.sameName(who.name(), f.basic("responsibleOfficer.name"))
              || (londonOrKss(f) && ClientFacts.sameName(who.organisation(), CASE_MANAGEMENT_TEAM));
      case LONDON_KSS_VIA_CASE_MANAGEMENT_AND_APPEALS_TEAM ->
          !londonOrKss(f) || ClientFacts.sameName(who.organisation(), CASE_MANAGEMENT_TEAM);
      case REQUESTER_IS_CASE_TEAM_ADVISER_OR_ADMINISTRATOR -> f.casework().values().stream()
          .anyMatch(cw -> ClientFacts.sameName(who.name(), cw.adviser())
              || ClientFacts.sameName(who.name(), cw.administrator()));
      case OWN_TEAM_CASEWORK_ONLY, INCLUDES_ENQUIRY_LOG_ENTRIES -> true; // applied when selecting
      case REQUESTER_IS_CLIENT, AMENDMENT_ON_CLIENT_REQUEST ->
          ClientFacts.sameName(who.name(), f.basic("fullName"))
              && (f.basic("email") == null || who.contact().isBlank()
                  || ClientFacts.sameName(who.contact(), f.basic("email")));
      case OLD_VALUE_AND_REASON_KEPT -> true; // rectify() keeps both, in the same write
      case CLIENT_IN_LONDON_KSS_TRAINING_SKILLS_SERVICE ->
          ("DOCTOR".equals(f.basic("profession")) || "DENTIST".equals(f.basic("profession")))
              && "POSTGRADUATE_TRAINING".equals(f.basic("trainingStatus")) && londonOrKss(f)
              && f.casework().values().stream().anyMatch(cw -> "SCCLS".equals(cw.team()));
      case REQUESTER_IS_RECORDED_SUPERVISOR ->
          ClientFacts.sameName(who.name(), f.basic("supervisor.name"));
      case CONTENT_ACKNOWLEDGED -> t.ackDigest().isPresent()
          && f.casework().keySet().stream()
              .anyMatch(id -> f.acknowledged(id, t.ackDigest().get(), today()));
      case REQUESTER_IS_PSU_STAFF_OF_ANOTHER_TEAM -> requesterTeam(t) != null;
      case TRANSFER_AGREED -> requesterTeam(t) != null
          && f.transferAgreed(requesterTeam(t), today());
      // Applied while selecting and transforming what is released:
      case NO_BASIC_RECORD, NO_OBJECTION, PSEUDONYM_PER_DISCLOSURE,
          IDENTIFIERS_REDACTED_FROM_FREE_TEXT -> true;
      // Counts and amendments are not releases: they have their own operations.
      default -> false;
    };
  }

  private static boolean londonOrKss(ClientFacts f) {
    String region = f.basic("programmeRegion");
    return "LONDON".equals(region) || "KSS".equals(region);
  }

  private static RefusedException refusal(Purpose purpose, Condition condition) {
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
  private long append(ClientId client, ClientKeys keys, Purpose purpose, Decision decision,
      ObjectNode body, Consumer<WriteBatch.Builder> extra) {
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("could not encode a log entry", e);
    }
    for (int attempt = 1; ; attempt++) {
      LogEntry entry = log.next(client, keys, purpose, decision, bytes);
      WriteBatch.Builder batch = WriteBatch.builder();
      extra.accept(batch);
      batch.appendLog(entry);
      WriteBatch built = batch.build();
      for (WriteBatch.TokenUse use : built.tokenUses()) {
        if (store.tokenUses(use.tokenId()) >= use.maxUses()) {
          throw new RefusedException(TokenVerifier.CLAUSE, "the token has no uses left");
        }
      }
      try {
        store.write(built);
        return entry.sequence();
      } catch (ConflictException e) {
        if (attempt >= LOG_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private ClientKeys keysIfHeld(ClientId client) {
    var entry = store.key(KeyName.client(client));
    return entry.isPresent() && entry.get() instanceof KeyEntry.Wrapped
        ? dataKeys.forReading(client) : null;
  }

  private static ObjectNode body(AccessTokenClaims claims, RefusedException refusal) {
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

  private static ObjectNode refusalNode(RefusedException e) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("clause", e.clause());
    node.put("condition", e.condition());
    return node;
  }

  /** SHA-256 over exactly what was released: record id, field name and value bytes, in order. */
  private static byte[] digest(List<ReleasedRecord> released) {
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

  private TokenVerifier verifier(String recipient) {
    if (recipient == null || recipient.isBlank() || recipient.length() > 256) {
      throw new RefusedException(TokenVerifier.CLAUSE, "the recipient must be named");
    }
    return verifiers.get(recipient, r -> TokenVerifier.builder().keys(tokenKeys).issuer(issuerName)
        .audience(r).clock(clock).build());
  }

  String publicJwkSet() {
    return tokenKeys.publicJwkSet();
  }
}
