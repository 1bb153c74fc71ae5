package io.securerecords.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import io.securerecords.api.psu.FeedbackAcknowledgement;
import io.securerecords.api.psu.SharingObjection;
import io.securerecords.api.psu.Team;
import io.securerecords.api.psu.TransferConsent;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.SealedRecord;
import java.io.IOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The facts about a client that the policy's conditions are checked against at release time
 * (training status and region, recorded responsible officer and supervisor, casework teams and
 * staff), read from the current sealed records. Internal: never returned to a caller.
 */
final class ClientFacts {
  static final RecordType BASIC = RecordType.of("psu.basic");
  static final RecordType CASEWORK = RecordType.of("psu.casework");
  static final RecordType CONSENT = RecordType.of("psu.consent");
  static final RecordType OBJECTION = RecordType.of("psu.objection");
  static final RecordType ACKNOWLEDGEMENT = RecordType.of("psu.acknowledgement");
  static final RecordType AMENDMENT = RecordType.of("psu.amendment");
  /** The client's own choices and record history: released only to the client. */
  static final Set<RecordType> CLIENT_ONLY = Set.of(CONSENT, OBJECTION, ACKNOWLEDGEMENT, AMENDMENT);
  private static final Set<String> BASIC_FACTS = Set.of("fullName", "registration", "email", "profession",
      "trainingStatus", "programmeRegion", "responsibleOfficer", "supervisor");
  private static final Set<String> CASEWORK_FACTS =
      Set.of("team", "adviser", "administrator", "observations");

  /** One casework record's team and staff. */
  record Casework(String team, String adviser, String administrator, byte[] observations) {}

  private final Map<String, JsonNode> basic = new LinkedHashMap<>();
  private final Map<RecordId, Casework> casework = new LinkedHashMap<>();
  private final List<TransferConsent> consents = new ArrayList<>();
  private final List<SharingObjection> objections = new ArrayList<>();
  private final List<FeedbackAcknowledgement> acknowledgements = new ArrayList<>();

  private static <T> T decode(Map<String, byte[]> fields, Class<T> type) {
    var object = Json.MAPPER.createObjectNode();
    fields.forEach((k, v) -> object.set(k, node(v)));
    try {
      return Json.MAPPER.treeToValue(object, type);
    } catch (IOException e) {
      throw new IllegalStateException("an authenticated record did not decode", e);
    }
  }

  /** Whether the client agreed, in force on {@code day}, to a transfer to {@code team}. */
  boolean transferAgreed(Team team, LocalDate day) {
    return consents.stream().anyMatch(c -> c.receivingTeam() == team && c.inForceOn(day));
  }

  /** Whether an objection in force on {@code day} covers this class of this casework record. */
  boolean objected(RecordId record, FieldClass cls, LocalDate day) {
    return objections.stream().anyMatch(o -> o.inForceOn(day) && o.covers(record, cls));
  }

  /**
   * Whether the client acknowledged, in force on {@code day}, exactly the current observations
   * of this casework record with this digest.
   */
  boolean acknowledged(RecordId record, String digest, LocalDate day) {
    Casework cw = casework.get(record);
    return cw != null && cw.observations() != null && digest != null
        && digest.equals(observationsDigest(cw.observations()))
        && acknowledgements.stream().anyMatch(a -> a.casework().equals(record)
            && a.digest().equals(digest) && a.inForceOn(day));
  }

  /** The digest an acknowledgement binds: SHA-256 of the observations' sealed JSON value. */
  static String observationsDigest(byte[] observationsJson) {
    return java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(io.securerecords.crypto.log.SealedEnquiry.hash(observationsJson));
  }
  static ClientFacts read(ClientKeys keys, Iterable<SealedRecord> records) {
    ClientFacts facts = new ClientFacts();
    for (SealedRecord record : records) {
      if (record.type().equals(BASIC)) {
        RecordSealer.open(keys, record, BASIC_FACTS).forEach((k, v) -> facts.basic.put(k, node(v)));
      } else if (record.type().equals(CASEWORK)) {
        Map<String, byte[]> f = RecordSealer.open(keys, record, CASEWORK_FACTS);
        facts.casework.put(record.id(), new Casework(text(node(f.get("team"))),
            text(node(f.get("adviser"))), text(node(f.get("administrator"))),
            f.get("observations")));
      } else if (record.type().equals(CONSENT)) {
        facts.consents.add(decode(RecordSealer.open(keys, record, null), TransferConsent.class));
      } else if (record.type().equals(OBJECTION)) {
        facts.objections.add(decode(RecordSealer.open(keys, record, null), SharingObjection.class));
      } else if (record.type().equals(ACKNOWLEDGEMENT)) {
        facts.acknowledgements.add(
            decode(RecordSealer.open(keys, record, null), FeedbackAcknowledgement.class));
      }
    }
    return facts;
  }

  private static JsonNode node(byte[] json) {
    try {
      return json == null ? null : Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("an authenticated field did not hold JSON", e);
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  /** A Basic Record fact as text (a nested one as {@code field.part}), or null. */
  String basic(String path) {
    String[] parts = path.split("\\.", 2);
    JsonNode node = basic.get(parts[0]);
    if (node != null && parts.length == 2) {
      node = node.get(parts[1]);
    }
    return text(node);
  }

  /** Whether a Basic Record is held. */
  boolean hasBasicRecord() {
    return !basic.isEmpty();
  }

  /** The casework record's team and staff, or null if it is not a PSU casework record. */
  Casework casework(RecordId id) {
    return casework.get(id);
  }

  Map<RecordId, Casework> casework() {
    return casework;
  }

  /** Names compared as people write them: NFKC, case-folded, white space collapsed. */
  static boolean sameName(String a, String b) {
    return a != null && b != null && !a.isBlank() && normal(a).equals(normal(b));
  }

  static String normal(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).trim()
        .replaceAll("\\s+", " ");
  }

  @Override
  public String toString() {
    return "ClientFacts[" + casework.size() + " casework]";
  }
}
