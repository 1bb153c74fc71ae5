package io.securerecords.crypto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Allowance;
import io.securerecords.api.policy.Condition;
import io.securerecords.api.policy.DisclosurePolicy;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.RecordAmendment;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.FieldSpec;
import io.securerecords.api.schema.RecordSchema;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.IndexEntry;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.crypto.log.Decision;
import io.securerecords.crypto.token.AccessTokenClaims;
import io.securerecords.crypto.token.VerifiedGrant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rectification (notice 6): one field amended on the client's request. The new version, a sealed
 * history entry with the old value and the reason, the token's use and the log entry are one
 * atomic write.
 */
final class Rectification {
  private final Disclosures disclosures;
  private final RecordStore store;
  private final DataKeys dataKeys;
  private final Indexes indexes;
  private final DisclosurePolicy policy;
  private final Map<RecordType, RecordSchema> schemas;
  private final Conditions conditions;
  private final Clock clock;

  Rectification(Disclosures disclosures, RecordStore store, DataKeys dataKeys, Indexes indexes,
      DisclosurePolicy policy, Map<RecordType, RecordSchema> schemas, Conditions conditions,
      Clock clock) {
    this.disclosures = disclosures;
    this.store = store;
    this.dataKeys = dataKeys;
    this.indexes = indexes;
    this.policy = policy;
    this.schemas = schemas;
    this.conditions = conditions;
    this.clock = clock;
  }

  long rectify(String token, String recipient, RecordId recordId, String field, Object value) {
    VerifiedGrant grant = disclosures.verified(token, recipient, "rectification");
    AccessTokenClaims claims = grant.claims();
    ClientKeys keys = null;
    try {
      // The client's key entry and every index's mark in one read, as an update makes.
      List<KeyEntry> read = indexes.readWithMarks(Set.of(KeyName.client(claims.subject())));
      keys = dataKeys.current(claims.subject(), read);
      return rectifyVerified(claims, keys, indexes.current(read), recordId, field, value);
    } catch (RefusedException e) {
      disclosures.append(claims.subject(), keys, claims.purpose(), Decision.REFUSED,
          Disclosures.body(claims, e), b -> {});
      throw e;
    }
  }

  private long rectifyVerified(AccessTokenClaims claims, ClientKeys keys, Indexes.Current index,
      RecordId recordId, String field, Object value) {
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
      if (!conditions.holds(condition, claims, facts)) {
        throw Disclosures.refusal(purpose, condition);
      }
    }
    Map<String, byte[]> current = RecordSealer.open(keys, record, null);
    Map<String, byte[]> changed = new LinkedHashMap<>(current);
    try {
      changed.put(field, Json.MAPPER.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new InvalidInputException(field, "cannot be encoded as JSON");
    }
    // Decoding to the schema's type and encoding again applies every validation rule.
    Class<?> type = schema.javaType() == Object.class ? Map.class : schema.javaType();
    Map<String, byte[]> plaintext = schema.encode(schema.decode(changed, type));
    Instant now = clock.instant();
    SealedRecord next = RecordSealer.seal(keys, record.type(), record.id(), record.version() + 1,
        record.created(), now, plaintext);
    byte[] old = current.get(field);
    RecordSchema history = schemas.get(ClientFacts.AMENDMENT);
    if (history == null) {
      throw new RefusedException(purpose.clause(), "record history (psu.amendment) is not registered");
    }
    RecordAmendment amendment =
        RecordAmendment.of(record.id(), field, spec.fieldClass(), disclosures.today(),
            claims.reason(), old == null ? null : new String(old, StandardCharsets.UTF_8));
    SealedRecord historyRecord = RecordSealer.seal(keys, ClientFacts.AMENDMENT, RecordId.random(),
        1, now, now, history.encode(amendment));
    ObjectNode body = Disclosures.body(claims, null);
    body.put("event", "rectification");
    body.put("record", record.id().value());
    body.put("field", field);
    body.put("history", historyRecord.id().value());
    List<IndexEntry> entries = index.entriesFor(keys, next.id(), record.type(), plaintext);
    disclosures.append(claims.subject(), keys, purpose, Decision.AMENDED, body, b -> b
        .putRecord(next, record.version())
        .indexEntries(next.id(), entries)
        .putRecord(historyRecord, 0)
        .useToken(claims.jwtId(), claims.maxUses()));
    return next.version();
  }

}
