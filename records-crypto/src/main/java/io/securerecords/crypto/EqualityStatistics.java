package io.securerecords.crypto;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.SealedRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts demographic values across every client for equality monitoring and applies the small
 * number rules. Opens only the demographic field counted and the grouping fields, internally;
 * only the published counts leave.
 */
final class EqualityStatistics {
  private static final int PAGE = 256;
  private static final int SUPPRESS_UP_TO = 7;

  private EqualityStatistics() {}

  static EqualityReport count(RecordStore store, DataKeys keys, EqualityReport.GroupBy groupBy,
      EqualityReport.Demographic demographic) {
    Map<ClientId, List<SealedRecord>> byClient = new HashMap<>();
    RecordId after = null;
    for (List<RecordId> page = store.recordIds(null, PAGE); !page.isEmpty();
        page = store.recordIds(after, PAGE)) {
      for (RecordId id : page) {
        after = id;
        store.record(id).ifPresent(r -> byClient.computeIfAbsent(r.client(), c -> new ArrayList<>()).add(r));
      }
    }
    Map<String, Map<String, Integer>> raw = new TreeMap<>();
    Set<String> columns = new TreeSet<>();
    for (Map.Entry<ClientId, List<SealedRecord>> client : byClient.entrySet()) {
      if (!(store.key(KeyName.client(client.getKey())).orElse(null)
          instanceof KeyEntry.Wrapped wrapped)) {
        continue;
      }
      ClientKeys clientKeys = keys.forReading(wrapped);
      String value = null;
      String grade = null;
      Set<String> groups = new LinkedHashSet<>();
      for (SealedRecord r : client.getValue()) {
        if (r.type().equals(ClientFacts.BASIC)) {
          var f = RecordSealer.open(clientKeys, r, Set.of(demographic.field(), "careerGrade"));
          value = text(f.get(demographic.field()));
          grade = text(f.get("careerGrade"));
        } else if (r.type().equals(ClientFacts.CASEWORK) && groupBy != EqualityReport.GroupBy.GRADE) {
          String field = groupBy == EqualityReport.GroupBy.TEAM ? "team" : "service";
          String group = text(RecordSealer.open(clientKeys, r, Set.of(field)).get(field));
          if (group != null) {
            groups.add(group);
          }
        }
      }
      if (groupBy == EqualityReport.GroupBy.GRADE) {
        groups.add(grade == null ? "not recorded" : category(grade));
      }
      String column = value == null ? "not recorded" : category(value);
      columns.add(column);
      for (String group : groups) {
        raw.computeIfAbsent(group, g -> new TreeMap<>()).merge(column, 1, Integer::sum);
      }
    }
    return publish(groupBy, demographic, raw, new ArrayList<>(columns));
  }

  /** Applies primary and secondary suppression and rounding to raw counts. */
  static EqualityReport publish(EqualityReport.GroupBy groupBy, EqualityReport.Demographic d,
      Map<String, Map<String, Integer>> raw, List<String> columns) {
    List<String> rows = new ArrayList<>(raw.keySet());
    Map<String, Map<String, Boolean>> hidden = new HashMap<>();
    for (String r : rows) {
      for (String c : columns) {
        int n = raw.get(r).getOrDefault(c, 0);
        hidden.computeIfAbsent(r, x -> new HashMap<>()).put(c, n >= 1 && n <= SUPPRESS_UP_TO);
      }
    }
    // Secondary suppression: a lone suppressed cell in a row or column could be recovered from
    // its total, so hide the smallest other non-zero cell there too, until none is alone.
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String r : rows) {
        List<String> line = columns;
        changed |= protect(line.stream().map(c -> new String[] {r, c}).toList(), raw, hidden);
      }
      for (String c : columns) {
        changed |= protect(rows.stream().map(r -> new String[] {r, c}).toList(), raw, hidden);
      }
    }
    Map<String, Map<String, Integer>> cells = new TreeMap<>();
    Map<String, Integer> rowTotals = new TreeMap<>();
    Map<String, Integer> columnTotals = new TreeMap<>();
    Map<String, Integer> columnRaw = new HashMap<>();
    for (String r : rows) {
      Map<String, Integer> line = new TreeMap<>();
      int total = 0;
      for (String c : columns) {
        int n = raw.get(r).getOrDefault(c, 0);
        total += n;
        columnRaw.merge(c, n, Integer::sum);
        line.put(c, hidden.get(r).get(c) ? null : round(n));
      }
      cells.put(r, java.util.Collections.unmodifiableMap(line));
      rowTotals.put(r, publishedTotal(total));
    }
    for (String c : columns) {
      columnTotals.put(c, publishedTotal(columnRaw.getOrDefault(c, 0)));
    }
    return new EqualityReport(groupBy, d, List.copyOf(rows), List.copyOf(columns),
        java.util.Collections.unmodifiableMap(cells), java.util.Collections.unmodifiableMap(rowTotals),
        java.util.Collections.unmodifiableMap(columnTotals));
  }

  private static boolean protect(List<String[]> line, Map<String, Map<String, Integer>> raw,
      Map<String, Map<String, Boolean>> hidden) {
    long suppressed = line.stream().filter(rc -> hidden.get(rc[0]).get(rc[1])).count();
    if (suppressed != 1) {
      return false;
    }
    String[] smallest = null;
    int least = Integer.MAX_VALUE;
    for (String[] rc : line) {
      int n = raw.get(rc[0]).getOrDefault(rc[1], 0);
      if (!hidden.get(rc[0]).get(rc[1]) && n > 0 && n < least) {
        least = n;
        smallest = rc;
      }
    }
    if (smallest == null) {
      return false;
    }
    hidden.get(smallest[0]).put(smallest[1], true);
    return true;
  }

  private static Integer publishedTotal(int n) {
    return n >= 1 && n <= SUPPRESS_UP_TO ? null : round(n);
  }

  static int round(int n) {
    return Math.round(n / 5.0f) * 5;
  }

  private static String text(byte[] json) {
    if (json == null) {
      return null;
    }
    try {
      var node = Json.MAPPER.readTree(json);
      return node.isNull() ? null : node.asText();
    } catch (IOException e) {
      throw new IllegalStateException("an authenticated field did not hold JSON", e);
    }
  }

  /** A demographic or grouping value as a category: folded, and never long free text. */
  private static String category(String value) {
    String c = ClientFacts.normal(value);
    return c.isEmpty() ? "not recorded" : c.length() > 40 ? "other" : c.toLowerCase(Locale.ROOT);
  }
}
