package io.securerecords.api.policy;

import static io.securerecords.api.policy.Allowance.ACKNOWLEDGED_ONLY;
import static io.securerecords.api.policy.Allowance.AGGREGATES_ONLY;
import static io.securerecords.api.policy.Allowance.ALLOWED;
import static io.securerecords.api.policy.Allowance.BASIC_RECORD_ONLY;
import static io.securerecords.api.policy.Allowance.NEVER;
import static io.securerecords.api.policy.Allowance.PSEUDONYMISED;
import static io.securerecords.api.policy.Allowance.WRITE;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.schema.FieldClass;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A disclosure table held as data: one {@link PolicyRow} per {@link Purpose} and the set of
 * purposes for which coaching casework may be released. Immutable and thread-safe.
 *
 * <p>{@link #psuDefault()} is the PSU confidentiality notice's table, cell for cell as the policy
 * document ("Who may see what", clauses 2 to 6) prints it; {@link #builder()} lets another unit
 * supply its own. {@link #toText()} and {@link #toMarkdown()} print the table back so a reviewer
 * can compare it with the notice line by line.
 */
public final class PolicyTable implements DisclosurePolicy {

  private static final PolicyTable PSU_DEFAULT = buildPsuDefault();

  private final Map<Purpose, PolicyRow> rows;
  private final Set<Purpose> coachingReleasable;

  private PolicyTable(Map<Purpose, PolicyRow> rows, Set<Purpose> coachingReleasable) {
    this.rows = Collections.unmodifiableMap(new EnumMap<>(rows));
    this.coachingReleasable = Collections.unmodifiableSet(
        coachingReleasable.isEmpty()
            ? EnumSet.noneOf(Purpose.class)
            : EnumSet.copyOf(coachingReleasable));
  }

  /**
   * The PSU's table, exactly as the policy document states it: Basic Record service use only for
   * 2.1 and 2.2; everything, with classes listed explicitly and senior approval, for 2.3 to 2.5;
   * acknowledged observations only for supervisor feedback; pseudonymised summary and observations
   * without the Basic Record for 3.1; everything but demographics for 3.2 and 4; demographic
   * aggregates for equality monitoring; everything for subject access; write for rectification.
   * Coaching casework is releasable only for 2.3, 2.4, 2.5, 6 (subject access) and 4 (service
   * delivery, to the coaching team itself). Objections (3.3) block 3.1 and 3.2.
   */
  public static PolicyTable psuDefault() {
    return PSU_DEFAULT;
  }

  /** A builder for another unit's table; every purpose must be given a row before {@code build()}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public PolicyRow row(Purpose purpose) {
    return rows.get(Objects.requireNonNull(purpose, "purpose"));
  }

  @Override
  public boolean coachingReleasable(Purpose purpose) {
    return coachingReleasable.contains(Objects.requireNonNull(purpose, "purpose"));
  }

  /** All rows, in {@link Purpose} order; an unmodifiable list. */
  public List<PolicyRow> rows() {
    return List.copyOf(rows.values());
  }

  /**
   * The table as an aligned plain-text matrix (purpose and clause against the eight field classes,
   * with each cell in the policy document's wording), followed by each purpose's conditions and the
   * coaching and objection (3.3) rules.
   */
  public String toText() {
    List<String> header = new ArrayList<>();
    header.add("purpose (clause)");
    for (FieldClass fieldClass : FieldClass.values()) {
      header.add(fieldClass.name());
    }
    List<List<String>> lines = new ArrayList<>();
    lines.add(header);
    for (PolicyRow row : rows.values()) {
      List<String> line = new ArrayList<>();
      line.add(row.purpose() + " (" + citation(row.purpose()) + ")");
      for (FieldClass fieldClass : FieldClass.values()) {
        line.add(row.allowance(fieldClass).wording());
      }
      lines.add(line);
    }
    int[] widths = new int[header.size()];
    for (List<String> line : lines) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int l = 0; l < lines.size(); l++) {
      List<String> line = lines.get(l);
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.size(); i++) {
        text.append(i == 0 ? "" : " | ").append(pad(line.get(i), widths[i]));
      }
      out.append(text.toString().stripTrailing()).append('\n');
      if (l == 0) {
        for (int i = 0; i < widths.length; i++) {
          out.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.append('\n');
      }
    }
    out.append('\n').append("conditions:\n");
    for (PolicyRow row : rows.values()) {
      out.append(row.purpose()).append(" (").append(citation(row.purpose())).append("):\n");
      if (row.conditions().isEmpty()) {
        out.append("  (none)\n");
      }
      for (Condition condition : row.conditions()) {
        out.append("  - ").append(condition.description()).append('\n');
      }
    }
    out.append('\n')
        .append("coaching casework released only for: ")
        .append(names(coachingReleasable, this::coachingName))
        .append('\n')
        .append("an objection (3.3) blocks: ")
        .append(names(objectionBlocked(), Purpose::name))
        .append('\n');
    return out.toString();
  }

  /**
   * The table in Markdown, in the layout of the policy document's "Who may see what" table: one
   * row per purpose ({@code `PURPOSE` (clause)}), a column per field class in {@link FieldClass}
   * order with the document's wording ("yes", "—", "Basic Record only", ...), and the conditions
   * joined by "; ". Two paragraphs after the table state the coaching and objection (3.3) rules.
   */
  public String toMarkdown() {
    StringBuilder out = new StringBuilder("| purpose (clause) |");
    StringBuilder rule = new StringBuilder("|---|");
    for (FieldClass fieldClass : FieldClass.values()) {
      out.append(' ').append(fieldClass.name()).append(" |");
      rule.append("---|");
    }
    out.append(" conditions |\n").append(rule).append("---|\n");
    for (PolicyRow row : rows.values()) {
      out.append("| `").append(row.purpose()).append("` (").append(citation(row.purpose()))
          .append(") |");
      for (FieldClass fieldClass : FieldClass.values()) {
        out.append(' ').append(row.allowance(fieldClass).wording()).append(" |");
      }
      String conditions = row.conditions().stream()
          .map(Condition::description)
          .collect(Collectors.joining("; "));
      out.append(' ').append(conditions.replace("|", "\\|")).append(" |\n");
    }
    out.append('\n')
        .append("Coaching: casework of the Coaching team is released only for ")
        .append(names(coachingReleasable, p -> coachingName(p).replace(p.name(), "`" + p + "`")))
        .append(".\n\n")
        .append("Objections (3.3): an objection blocks ")
        .append(names(objectionBlocked(), p -> "`" + p.name() + "`"))
        .append(" for the aspect objected to.\n");
    return out.toString();
  }

  /** Tables are equal when they have the same rows and the same coaching rule. */
  @Override
  public boolean equals(Object other) {
    return other instanceof PolicyTable table
        && rows.equals(table.rows)
        && coachingReleasable.equals(table.coachingReleasable);
  }

  /** Consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return Objects.hash(rows, coachingReleasable);
  }

  /** Names the type and its size; the full table is {@link #toText()}. */
  @Override
  public String toString() {
    return "PolicyTable[" + rows.size() + " purposes, coaching releasable for "
        + coachingReleasable + "]";
  }

  /**
   * How the policy document cites a purpose's clause in its first column. {@link Purpose#clause()}
   * distinguishes purposes that share a clause (e.g. {@code 4-equality}); the document writes the
   * clause alone.
   */
  static String citation(Purpose purpose) {
    return switch (purpose) {
      case SUPERVISOR_FEEDBACK -> "2, para. after 2.5";
      case EQUALITY_MONITORING -> "4";
      case RECTIFICATION -> "6";
      default -> purpose.clause();
    };
  }

  /** A coaching purpose, noting where the row confines it to the team's own casework (4). */
  private String coachingName(Purpose purpose) {
    return row(purpose).requires(Condition.OWN_TEAM_CASEWORK_ONLY)
        ? purpose.name() + " (to the coaching team itself)"
        : purpose.name();
  }

  private Set<Purpose> objectionBlocked() {
    EnumSet<Purpose> blocked = EnumSet.noneOf(Purpose.class);
    for (Purpose purpose : rows.keySet()) {
      if (objectionBlocks(purpose)) {
        blocked.add(purpose);
      }
    }
    return blocked;
  }

  private static String names(Set<Purpose> purposes, Function<Purpose, String> name) {
    return purposes.isEmpty()
        ? "none"
        : purposes.stream().map(name).collect(Collectors.joining(", "));
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }

  /**
   * Builds another unit's table. Not thread-safe; {@link #build()} validates and returns an
   * immutable table.
   */
  public static final class Builder {
    private final Map<Purpose, PolicyRow> rows = new EnumMap<>(Purpose.class);
    private final Set<Purpose> coachingReleasable = EnumSet.noneOf(Purpose.class);

    private Builder() {}

    /**
     * Adds the row of one purpose.
     *
     * @throws InvalidInputException if the purpose already has a row
     * @throws NullPointerException if {@code row} is null
     */
    public Builder row(PolicyRow row) {
      Objects.requireNonNull(row, "row");
      if (rows.putIfAbsent(row.purpose(), row) != null) {
        throw new InvalidInputException("policy.rows[" + row.purpose() + "]",
            "a purpose has exactly one row; this one was given twice");
      }
      return this;
    }

    /**
     * Adds the row of one purpose from its cells and conditions.
     *
     * @throws InvalidInputException if the purpose already has a row or a class has no cell
     * @throws NullPointerException if an argument is null
     */
    public Builder row(Purpose purpose, Map<FieldClass, Allowance> cells,
        Condition... conditions) {
      return row(new PolicyRow(purpose, cells, List.of(conditions)));
    }

    /**
     * Marks purposes for which casework of a coaching service may be released (for the PSU: 2.3,
     * 2.4, 2.5, 4 and 6). Purposes not marked never release it; by default none do.
     *
     * @throws NullPointerException if an argument is null
     */
    public Builder coachingReleasable(Purpose... purposes) {
      for (Purpose purpose : purposes) {
        coachingReleasable.add(Objects.requireNonNull(purpose, "purpose"));
      }
      return this;
    }

    /**
     * Validates and builds the table.
     *
     * @throws InvalidInputException naming the purposes without a row, if any
     */
    public PolicyTable build() {
      EnumSet<Purpose> missing = EnumSet.allOf(Purpose.class);
      missing.removeAll(rows.keySet());
      if (!missing.isEmpty()) {
        throw new InvalidInputException("policy.rows",
            "every purpose needs a row; missing " + missing);
      }
      return new PolicyTable(rows, coachingReleasable);
    }
  }

  private static PolicyTable buildPsuDefault() {
    return builder()
        .row(Purpose.REGULATORY_OR_CONTRACTUAL,
            cells(NEVER, NEVER, NEVER, BASIC_RECORD_ONLY, NEVER, NEVER, NEVER, NEVER),
            Condition.REQUESTER_ORGANISATION_AND_REQUIREMENT_RECORDED)
        .row(Purpose.RESPONSIBLE_OFFICER_AWARENESS,
            cells(NEVER, NEVER, NEVER, BASIC_RECORD_ONLY, NEVER, NEVER, NEVER, NEVER),
            Condition.CLIENT_IS_DOCTOR_IN_POSTGRADUATE_TRAINING,
            Condition.REQUESTER_IS_RECORDED_RESPONSIBLE_OFFICER,
            Condition.LONDON_KSS_VIA_CASE_MANAGEMENT_AND_APPEALS_TEAM)
        .row(Purpose.LEGAL_OBLIGATION,
            cells(ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED),
            Condition.COURT_ORDER_OR_STATUTE_RECORDED,
            Condition.CLASSES_LISTED_EXPLICITLY,
            Condition.APPROVED_BY_DESIGNATED_SENIOR_ROLE)
        .row(Purpose.SAFETY_RISK,
            cells(ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED),
            Condition.RISK_AND_TO_WHOM_RECORDED,
            Condition.CLASSES_LISTED_EXPLICITLY,
            Condition.APPROVED_BY_DESIGNATED_SENIOR_ROLE)
        .row(Purpose.CRIME_OR_PUBLIC_INTEREST,
            cells(ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED),
            Condition.LAWFUL_BASIS_AND_REASON_RECORDED,
            Condition.CLASSES_LISTED_EXPLICITLY,
            Condition.APPROVED_BY_DESIGNATED_SENIOR_ROLE)
        .row(Purpose.SUPERVISOR_FEEDBACK,
            cells(NEVER, NEVER, NEVER, NEVER, NEVER, NEVER, NEVER, ACKNOWLEDGED_ONLY),
            Condition.CLIENT_IN_LONDON_KSS_TRAINING_SKILLS_SERVICE,
            Condition.REQUESTER_IS_RECORDED_SUPERVISOR,
            Condition.CONTENT_ACKNOWLEDGED)
        .row(Purpose.INTERNAL_ADVICE,
            cells(NEVER, NEVER, NEVER, NEVER, NEVER, PSEUDONYMISED, NEVER, PSEUDONYMISED),
            Condition.REQUESTER_IS_PSU_STAFF_OF_ANOTHER_TEAM,
            Condition.NO_BASIC_RECORD,
            Condition.PSEUDONYM_PER_DISCLOSURE,
            Condition.IDENTIFIERS_REDACTED_FROM_FREE_TEXT,
            Condition.NO_OBJECTION)
        .row(Purpose.INTERNAL_TRANSFER,
            cells(ALLOWED, ALLOWED, ALLOWED, ALLOWED, NEVER, ALLOWED, ALLOWED, ALLOWED),
            Condition.TRANSFER_AGREED,
            Condition.NO_OBJECTION)
        .row(Purpose.SERVICE_DELIVERY,
            cells(ALLOWED, ALLOWED, ALLOWED, ALLOWED, NEVER, ALLOWED, ALLOWED, ALLOWED),
            Condition.REQUESTER_IS_CASE_TEAM_ADVISER_OR_ADMINISTRATOR,
            Condition.OWN_TEAM_CASEWORK_ONLY)
        .row(Purpose.EQUALITY_MONITORING,
            cells(NEVER, NEVER, NEVER, NEVER, AGGREGATES_ONLY, NEVER, NEVER, NEVER),
            Condition.COUNTS_ONLY,
            Condition.GROUPED_BY_TEAM_SERVICE_OR_GRADE,
            Condition.SMALL_NUMBERS_SUPPRESSED)
        .row(Purpose.SUBJECT_ACCESS,
            cells(ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED),
            Condition.REQUESTER_IS_CLIENT,
            Condition.INCLUDES_ENQUIRY_LOG_ENTRIES)
        .row(Purpose.RECTIFICATION,
            cells(WRITE, WRITE, WRITE, WRITE, WRITE, WRITE, WRITE, WRITE),
            Condition.AMENDMENT_ON_CLIENT_REQUEST,
            Condition.OLD_VALUE_AND_REASON_KEPT)
        // "Coaching conversations are always confidential outside ... 2.3 to 2.5"; the client's own
        // access (6) and the coaching team's own service (4, own casework only) are not disclosure.
        .coachingReleasable(Purpose.LEGAL_OBLIGATION, Purpose.SAFETY_RISK,
            Purpose.CRIME_OR_PUBLIC_INTEREST, Purpose.SUBJECT_ACCESS, Purpose.SERVICE_DELIVERY)
        .build();
  }

  /** The eight cells of a row in the column order of the policy document (FieldClass order). */
  private static Map<FieldClass, Allowance> cells(
      Allowance identity, Allowance contact, Allowance professional, Allowance serviceUse,
      Allowance demographic, Allowance caseSummary, Allowance correspondence,
      Allowance observations) {
    Map<FieldClass, Allowance> cells = new EnumMap<>(FieldClass.class);
    cells.put(FieldClass.IDENTITY, identity);
    cells.put(FieldClass.CONTACT, contact);
    cells.put(FieldClass.PROFESSIONAL, professional);
    cells.put(FieldClass.SERVICE_USE, serviceUse);
    cells.put(FieldClass.DEMOGRAPHIC, demographic);
    cells.put(FieldClass.CASE_SUMMARY, caseSummary);
    cells.put(FieldClass.CORRESPONDENCE, correspondence);
    cells.put(FieldClass.OBSERVATIONS, observations);
    return cells;
  }
}
