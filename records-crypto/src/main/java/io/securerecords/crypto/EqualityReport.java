package io.securerecords.crypto;

import java.util.List;
import java.util.Map;

/**
 * Anonymous equality-monitoring counts (notice 4): demographic values counted per group, with
 * the NHS small-number rules applied. A count from 1 to 7 is suppressed (null), every other count
 * is rounded to the nearest 5, and where one suppressed cell could be worked out from a row or
 * column total a second cell in that row or column is suppressed too. Carries no identifier, no
 * pseudonym and no free text: demographic values longer than 40 characters count as "other".
 *
 * @param groupedBy what the rows are (team, service or career grade)
 * @param demographic which demographic field the columns are
 * @param rows the row labels, sorted
 * @param columns the column labels (demographic values), sorted
 * @param cells row label to column label to published count (null: suppressed)
 * @param rowTotals row label to published total (null: suppressed)
 * @param columnTotals column label to published total (null: suppressed)
 */
public record EqualityReport(
    EqualityReport.GroupBy groupedBy,
    EqualityReport.Demographic demographic,
    List<String> rows,
    List<String> columns,
    Map<String, Map<String, Integer>> cells,
    Map<String, Integer> rowTotals,
    Map<String, Integer> columnTotals) {

  /** What the rows of the report are. */
  public enum GroupBy {
    /** The PSU team of each casework record (a client counts once per team). */
    TEAM,
    /** The service of each casework record (a client counts once per service). */
    SERVICE,
    /** The client's career grade. */
    GRADE
  }

  /** Which demographic field is counted. */
  public enum Demographic {
    ETHNICITY("ethnicity"),
    DISABILITY("disability"),
    QUALIFICATION_PLACE("primaryQualificationPlace");

    private final String field;

    Demographic(String field) {
      this.field = field;
    }

    /** The Basic Record field counted. */
    public String field() {
      return field;
    }
  }

  /** The report as an aligned text table; "*" marks a suppressed count. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    int width = 12;
    for (String r : rows) {
      width = Math.max(width, r.length());
    }
    out.append(String.format("%-" + width + "s", groupedBy.name().toLowerCase()));
    for (String c : columns) {
      out.append(" | ").append(c);
    }
    out.append(" | total\n");
    for (String r : rows) {
      out.append(String.format("%-" + width + "s", r));
      for (String c : columns) {
        out.append(" | ").append(show(cells.get(r).get(c), c.length()));
      }
      out.append(" | ").append(show(rowTotals.get(r), 5)).append('\n');
    }
    out.append(String.format("%-" + width + "s", "total"));
    for (String c : columns) {
      out.append(" | ").append(show(columnTotals.get(c), c.length()));
    }
    return out.append('\n').toString();
  }

  private static String show(Integer count, int width) {
    return String.format("%" + Math.max(width, 1) + "s", count == null ? "*" : count.toString());
  }
}
