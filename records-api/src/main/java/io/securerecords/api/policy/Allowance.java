package io.securerecords.api.policy;

import java.util.Objects;

/**
 * One cell of the disclosure table ("Who may see what", clauses 2 to 6 of the notice): how far a
 * {@link io.securerecords.api.schema.FieldClass field class} may be released for one
 * {@link Purpose}.
 *
 * <p>Each constant carries the exact wording the policy document prints in that cell, so a table
 * rendered by {@link PolicyTable#toMarkdown()} can be compared with the document line by line.
 * Everything other than {@link #NEVER} is a grant; the constant says what kind of grant, and the
 * row's {@link Condition conditions} say when it applies.
 */
public enum Allowance {
  /** "—": the class is never released for this purpose. */
  NEVER("—"),
  /** "yes": the class may be released (2.3, 2.4, 2.5, 3.2, 4, 6). */
  ALLOWED("yes"),
  /**
   * "Basic Record only" (2.1, 2.2): only the Basic Record's fields of the class, "the services you
   * have accessed with the dates of appointments", and nothing from any casework record.
   */
  BASIC_RECORD_ONLY("Basic Record only"),
  /**
   * "yes, pseudonymised" (3.1): released with the client replaced by a pseudonym and the client's
   * identifiers redacted from free text.
   */
  PSEUDONYMISED("yes, pseudonymised"),
  /**
   * "yes, only the acknowledged feedback" (2, paragraph after 2.5): only feedback whose exact
   * content the client acknowledged beforehand.
   */
  ACKNOWLEDGED_ONLY("yes, only the acknowledged feedback"),
  /** "aggregates only" (4): used only in suppressed counts, never as a row. */
  AGGREGATES_ONLY("aggregates only"),
  /** "write" (6): the client's amendment of an inaccuracy may be written; nothing is read out. */
  WRITE("write");

  private final String wording;

  Allowance(String wording) {
    this.wording = Objects.requireNonNull(wording);
  }

  /**
   * The wording of this cell in the policy document, e.g. {@code "yes, pseudonymised"} or
   * {@code "—"}.
   */
  public String wording() {
    return wording;
  }

  /**
   * Whether this cell grants anything at all: {@code true} for every constant except {@link
   * #NEVER}. A granted class may still be refused at release time when a condition of its row
   * fails.
   */
  public boolean granted() {
    return this != NEVER;
  }
}
