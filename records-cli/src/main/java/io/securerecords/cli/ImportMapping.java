package io.securerecords.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.securerecords.api.psu.Register;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How an export's columns become PSU records, read from a small JSON file:
 *
 * <pre>{@code
 * {
 *   "sourceSystem": "legacy-crm",          // names the source; part of every blinded id
 *   "sourceId": "row_id",                  // the column that identifies a row (re-runs skip it)
 *   "client": "person_id",                 // the column that identifies the client
 *   "typeColumn": "kind",                  // optional: which PSU record a row is ...
 *   "types": {"person": "psu.basic", "case": "psu.casework"},
 *   "type": "psu.basic",                   // ... or one type for every row
 *   "defaultRegister": "GMC",              // for registration numbers written without one
 *   "fields": {
 *     "psu.basic": {"fullName": "name", "registration": "gmc_number", "email": "email"},
 *     "psu.casework": {"team": "team", "service": "service", "opened": "opened"}
 *   }
 * }
 * }</pre>
 *
 * <p>Field names are the PSU schema's; a value that is a JSON array or object in the source (or
 * a CSV cell holding one) is taken as JSON, so lists such as {@code appointments} can be mapped.
 */
record ImportMapping(String sourceSystem, String sourceId, String client, String typeColumn,
    Map<String, String> types, String type, Register defaultRegister,
    Map<String, Map<String, String>> fields) {

  static final String BASIC = "psu.basic";
  static final String CASEWORK = "psu.casework";

  static ImportMapping read(Path file) {
    JsonNode root;
    try {
      root = Base.JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UsageException("--mapping: cannot read " + file + " as JSON");
    }
    String system = text(root, "sourceSystem", true);
    String sourceId = text(root, "sourceId", true);
    String client = text(root, "client", true);
    String typeColumn = text(root, "typeColumn", false);
    String type = text(root, "type", false);
    Map<String, String> types = new LinkedHashMap<>();
    if (root.has("types")) {
      root.get("types").fields().forEachRemaining(e -> types.put(e.getKey(), checkType(e.getValue().asText())));
    }
    if ((typeColumn == null) == (type == null)) {
      throw new UsageException("--mapping: give either \"type\" or \"typeColumn\" with \"types\"");
    }
    if (type != null) {
      checkType(type);
    }
    String register = text(root, "defaultRegister", false);
    Register defaultRegister;
    try {
      defaultRegister = register == null ? null
          : Register.valueOf(register.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--mapping: defaultRegister is not a known register");
    }
    Map<String, Map<String, String>> fields = new LinkedHashMap<>();
    JsonNode f = root.get("fields");
    if (f == null || !f.isObject()) {
      throw new UsageException("--mapping: \"fields\" (per record type) is required");
    }
    f.fields().forEachRemaining(e -> {
      Map<String, String> columns = new LinkedHashMap<>();
      e.getValue().fields().forEachRemaining(c -> columns.put(c.getKey(), c.getValue().asText()));
      fields.put(checkType(e.getKey()), columns);
    });
    return new ImportMapping(system, sourceId, client, typeColumn, types, type, defaultRegister,
        fields);
  }

  private static String checkType(String type) {
    if (!type.equals(BASIC) && !type.equals(CASEWORK)) {
      throw new UsageException("--mapping: record types are psu.basic and psu.casework");
    }
    return type;
  }

  private static String text(JsonNode root, String name, boolean required) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull() || n.asText().isBlank()) {
      if (required) {
        throw new UsageException("--mapping: \"" + name + "\" is required");
      }
      return null;
    }
    return n.asText();
  }
}
