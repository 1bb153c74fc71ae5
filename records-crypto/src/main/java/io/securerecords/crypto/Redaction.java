package io.securerecords.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Removes a client's known identifiers from free text for pseudonymised internal advice (notice
 * 3.1): the parts of their name, in any case and with or without accents, their register number
 * in its written forms, and their email addresses. Matching is on whole words of the folded text.
 */
final class Redaction {
  static final String MARK = "[redacted]";
  private static final Set<String> TITLES = Set.of("dr", "mr", "mrs", "ms", "miss", "mx", "prof");

  private final List<String> folded;

  private Redaction(List<String> identifiers) {
    Set<String> out = new LinkedHashSet<>();
    for (String id : identifiers) {
      String f = fold(id).text();
      if (f.length() >= 2 && !TITLES.contains(f)) {
        out.add(f);
      }
    }
    List<String> sorted = new ArrayList<>(out);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.folded = sorted;
  }

  /** Identifiers of a client: full name and its parts, register number forms, email. */
  static Redaction of(String fullName, String registerAbbreviation, String registerNumber,
      String email) {
    List<String> ids = new ArrayList<>();
    if (fullName != null) {
      ids.add(fullName);
      for (String part : fullName.split("[\\s\\-'’.]+")) {
        ids.add(part);
      }
    }
    if (registerNumber != null) {
      ids.add(registerNumber);
      if (registerAbbreviation != null) {
        ids.add(registerAbbreviation + " " + registerNumber);
        ids.add(registerAbbreviation + registerNumber);
      }
    }
    if (email != null) {
      ids.add(email);
      ids.add(email.split("@", 2)[0]);
    }
    return new Redaction(ids);
  }

  /** Redacts every string inside a JSON value, returning the new JSON bytes. */
  byte[] redactJson(byte[] json) {
    try {
      JsonNode node = Json.MAPPER.readTree(json);
      return Json.MAPPER.writeValueAsBytes(walk(node));
    } catch (IOException e) {
      throw new IllegalStateException("an authenticated field did not hold JSON", e);
    }
  }

  private JsonNode walk(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(redact(node.asText()));
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = Json.MAPPER.createObjectNode();
      object.fields().forEachRemaining(e -> copy.set(e.getKey(), walk(e.getValue())));
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = Json.MAPPER.createArrayNode();
      array.forEach(e -> copy.add(walk(e)));
      return copy;
    }
    return node;
  }

  /** The text with every identifier, as a whole word in any case or accent form, replaced. */
  String redact(String text) {
    Folded f = fold(text);
    boolean[] hit = new boolean[text.length()];
    for (String id : folded) {
      for (int at = f.text().indexOf(id); at >= 0; at = f.text().indexOf(id, at + 1)) {
        int end = at + id.length();
        boolean startsWord = at == 0 || !Character.isLetterOrDigit(f.text().charAt(at - 1));
        boolean endsWord = end == f.text().length() || !Character.isLetterOrDigit(f.text().charAt(end));
        if (startsWord && endsWord) {
          for (int i = f.origin()[at]; i < f.origin()[end - 1] + 1; i++) {
            hit[i] = true;
          }
        }
      }
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (hit[i]) {
        if (i == 0 || !hit[i - 1]) {
          out.append(MARK);
        }
      } else {
        out.append(text.charAt(i));
      }
    }
    return out.toString();
  }

  /** Folded text and, for each folded char, the index of the original char it came from. */
  private record Folded(String text, int[] origin) {}

  /** NFKD per character, combining marks removed, lower-cased: "Zoë" and "ZOE" fold alike. */
  private static Folded fold(String s) {
    StringBuilder out = new StringBuilder(s.length());
    List<Integer> origin = new ArrayList<>(s.length());
    for (int i = 0; i < s.length(); i++) {
      String decomposed = Normalizer.normalize(String.valueOf(s.charAt(i)), Normalizer.Form.NFKD);
      for (int j = 0; j < decomposed.length(); j++) {
        char c = decomposed.charAt(j);
        if (Character.getType(c) == Character.NON_SPACING_MARK) {
          continue;
        }
        String lower = String.valueOf(c).toLowerCase(Locale.ROOT);
        for (int k = 0; k < lower.length(); k++) {
          out.append(lower.charAt(k));
          origin.add(i);
        }
      }
    }
    return new Folded(out.toString(), origin.stream().mapToInt(Integer::intValue).toArray());
  }

  @Override
  public String toString() {
    return "Redaction[" + folded.size() + " identifiers]";
  }
}
