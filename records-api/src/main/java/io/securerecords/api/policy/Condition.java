package io.securerecords.api.policy;

import java.util.Objects;

/**
 * A named condition of the disclosure table ("Who may see what", clauses 2 to 6 of the notice):
 * something that must hold, and be checked when the data is released, before a row of the table
 * releases anything.
 *
 * <p>The {@link #description()} is the wording of the policy document's "conditions" column, so a
 * refusal can name it ({@link io.securerecords.api.error.RefusedException#condition()}) and {@link
 * PolicyTable#toMarkdown()} can print it. Where the document abbreviates a condition it repeats
 * (e.g. "classes listed explicitly"), the description is the full form. No description contains a
 * personal value.
 *
 * <p>This type only names conditions. Checking them needs facts this package does not hold (the
 * client's training region, the recorded supervisor, an acknowledgement digest, an objection), so
 * the release path checks them; {@link DisclosurePolicy#narrow} checks only {@link
 * #CLASSES_LISTED_EXPLICITLY}, the one condition about the requested classes themselves.
 */
public enum Condition {
  /** 2.1: who asks and under which regulatory or contractual requirement is written down. */
  REQUESTER_ORGANISATION_AND_REQUIREMENT_RECORDED("2.1",
      "the requester's organisation and the regulatory or contractual requirement are recorded"),

  /** 2.2: the notice makes 2.2 available only "for doctors in postgraduate training". */
  CLIENT_IS_DOCTOR_IN_POSTGRADUATE_TRAINING("2.2",
      "the client is a doctor in postgraduate training"),
  /** 2.2: only the client's own responsible officer is made aware. */
  REQUESTER_IS_RECORDED_RESPONSIBLE_OFFICER("2.2",
      "the request is made by or for the client's recorded responsible officer"),
  /** 2.2: London and KSS programmes disclose through the Case Management and Appeals Team. */
  LONDON_KSS_VIA_CASE_MANAGEMENT_AND_APPEALS_TEAM("2.2",
      "where the programme is aligned to London or KSS responsible officers the recipient must be"
          + " the London and KSS Case Management and Appeals Team, not the officer directly"),

  /** 2.3: "required by law, such as where there is a court order, or statutory obligation". */
  COURT_ORDER_OR_STATUTE_RECORDED("2.3", "court order or statute reference recorded"),
  /** 2.4: the health or safety of an individual is at risk; the risk and the person are recorded. */
  RISK_AND_TO_WHOM_RECORDED("2.4", "the risk and to whom it applies recorded"),
  /** 2.5: prevention or detection of crime, or overriding public interest, "permitted by law". */
  LAWFUL_BASIS_AND_REASON_RECORDED("2.5", "the lawful basis and reason recorded"),
  /**
   * 2.3 to 2.5: the "restricted, rare circumstances" release only the classes a token names; an
   * empty request (the wildcard) is refused by {@link DisclosurePolicy#narrow}.
   */
  CLASSES_LISTED_EXPLICITLY("2.3-2.5", "classes listed explicitly in the token (no wildcard)"),
  /** 2.3 to 2.5: a designated senior role approves each exceptional disclosure. */
  APPROVED_BY_DESIGNATED_SENIOR_ROLE("2.3-2.5", "approved by a designated senior role"),

  /**
   * 2, paragraph after 2.5: feedback only "for doctors and dentists in postgraduate training in
   * London and KSS who are receiving skills based services".
   */
  CLIENT_IN_LONDON_KSS_TRAINING_SKILLS_SERVICE("2-feedback",
      "the client is a doctor or dentist in postgraduate training in London or KSS receiving a"
          + " skills-based service (e.g. SCCLS language and communication skills)"),
  /** 2, paragraph after 2.5: the feedback goes to "your supervisor" and nobody else. */
  REQUESTER_IS_RECORDED_SUPERVISOR("2-feedback",
      "the requester is the client's recorded supervisor"),
  /**
   * 2, paragraph after 2.5: "no feedback will be provided without your prior knowledge of the
   * content"; the acknowledgement is bound to a digest of the exact content.
   */
  CONTENT_ACKNOWLEDGED("2-feedback",
      "the client has acknowledged this exact content beforehand (the acknowledgement is bound to"
          + " a digest of the content; any edit needs a new acknowledgement)"),

  /** 3.1: advice is sought from "a colleague" in another PSU team. */
  REQUESTER_IS_PSU_STAFF_OF_ANOTHER_TEAM("3.1", "requester is PSU staff of another team"),
  /** 3.1: "We will do this without sharing your 'Basic Record'". */
  NO_BASIC_RECORD("3.1", "no Basic Record"),
  /** 3.1: the client is replaced by a pseudonym that cannot be linked across disclosures. */
  PSEUDONYM_PER_DISCLOSURE("3.1",
      "the client is replaced by a pseudonym that differs per disclosure"),
  /** 3.1: identifiers in free text would undo the pseudonym, so they are redacted. */
  IDENTIFIERS_REDACTED_FROM_FREE_TEXT("3.1",
      "the client's known identifiers (name parts, register number, email) are redacted from"
          + " free text"),
  /**
   * 3.3: the client may object to the internal sharing of any aspect of a casework record; the
   * objection blocks 3.1 and 3.2 for that aspect, and only those (see {@link
   * DisclosurePolicy#objectionBlocks}).
   */
  NO_OBJECTION("3.3", "blocked for any aspect the client objected to (3.3)"),
  /** 3.2: "after you have agreed ... to an internal transfer to another PSU team". */
  TRANSFER_AGREED("3.2", "the client's recorded agreement to transfer to that receiving team"),

  /** 4: the service is provided by the team that holds the casework. */
  REQUESTER_IS_CASE_TEAM_ADVISER_OR_ADMINISTRATOR("4",
      "requester is the allocated adviser or the service administrator of the team that owns the"
          + " casework record"),
  /**
   * 4: a team sees only its own casework; this is also what confines coaching casework under
   * {@link Purpose#SERVICE_DELIVERY} to the coaching team itself.
   */
  OWN_TEAM_CASEWORK_ONLY("4", "only that team's casework"),
  /** 4: "We use demographic data anonymously": counts, never a row. */
  COUNTS_ONLY("4-equality", "counts only, never a row"),
  /** 4: the dimensions equality counts may be grouped by. */
  GROUPED_BY_TEAM_SERVICE_OR_GRADE("4-equality", "grouped by team, service or grade"),
  /**
   * 4: a count from 1 to 7 is suppressed, every other count is rounded to the nearest 5, and a
   * suppressed cell must not be recoverable from the totals.
   */
  SMALL_NUMBERS_SUPPRESSED("4-equality",
      "small numbers suppressed (1 to 7 suppressed, other counts rounded to the nearest 5, no"
          + " suppressed cell recoverable from the totals)"),

  /** 6: "You are entitled to see the information held about you". */
  REQUESTER_IS_CLIENT("6", "the requester is the client"),
  /** 6 with 1.3: subject access includes who was told what (GDPR Art. 15(1)(c)). */
  INCLUDES_ENQUIRY_LOG_ENTRIES("6",
      "includes every enquiry-log entry about the client with its recipients"
          + " (GDPR Art. 15(1)(c))"),
  /** 6: the client may "amend or update any inaccuracies". */
  AMENDMENT_ON_CLIENT_REQUEST("6-rectification", "amendment on the client's request"),
  /** 6: an amendment never destroys what it replaced. */
  OLD_VALUE_AND_REASON_KEPT("6-rectification",
      "the old value and the reason are kept in the record's history");

  private final String clause;
  private final String description;

  Condition(String clause, String description) {
    this.clause = Objects.requireNonNull(clause);
    this.description = Objects.requireNonNull(description);
  }

  /**
   * The clause of the notice this condition comes from, in the form {@link Purpose#clause()} uses
   * (e.g. {@code 2.2}, {@code 2-feedback}); {@code 2.3-2.5} for conditions shared by those three.
   */
  public String clause() {
    return clause;
  }

  /** The condition in the policy document's words, free of personal values. */
  public String description() {
    return description;
  }
}
