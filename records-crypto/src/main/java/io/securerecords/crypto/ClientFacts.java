package io.securerecords.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.SealedRecord;
import java.io.IOException;
import java.text.Normalizer;
import java.util.LinkedHashMap;
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
  private static final Set<String> BASIC_FACTS = Set.of("fullName", "email", "profession",
      "trainingStatus", "programmeRegion", "responsibleOfficer", "supervisor");
  private static final Set<String> CASEWORK_FACTS = Set.of("team", "adviser", "administrator");

  /** One casework record's team and staff. */
  record Casework(String team, String adviser, String administrator) {}

  private final Map<String, JsonNode> basic = new LinkedHashMap<>();
  private final Map<RecordId, Casework> casework = new LinkedHashMap<>();

  static ClientFacts read(ClientKeys keys, Iterable<SealedRecord> records) {
    ClientFacts facts = new ClientFacts();
    for (SealedRecord record : records) {
      if (record.type().equals(BASIC)) {
        RecordSealer.open(keys, record, BASIC_FACTS).forEach((k, v) -> facts.basic.put(k, node(v)));
      } else if (record.type().equals(CASEWORK)) {
        Map<String, byte[]> f = RecordSealer.open(keys, record, CASEWORK_FACTS);
        facts.casework.put(record.id(), new Casework(text(node(f.get("team"))),
            text(node(f.get("adviser"))), text(node(f.get("administrator")))));
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
