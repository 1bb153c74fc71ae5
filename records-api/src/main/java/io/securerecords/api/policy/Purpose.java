package io.securerecords.api.policy;

/**
 * One disclosure basis of the PSU confidentiality notice. Every release of plaintext is made
 * for exactly one purpose, and carries its clause into the enquiry log.
 */
public enum Purpose {
  /** 2.1: a regulatory and/or contractual requirement to share professional development. */
  REGULATORY_OR_CONTRACTUAL("2.1"),
  /** 2.2: the Responsible Officer of a doctor in postgraduate training is made aware. */
  RESPONSIBLE_OFFICER_AWARENESS("2.2"),
  /** 2.3: required by law (court order, statutory obligation). */
  LEGAL_OBLIGATION("2.3"),
  /** 2.4: the health or safety of any individual is at risk. */
  SAFETY_RISK("2.4"),
  /** 2.5: prevention or detection of crime, or the overriding public interest. */
  CRIME_OR_PUBLIC_INTEREST("2.5"),
  /** 2 (paragraph after 2.5): acknowledged feedback to the supervisor of a skills-based service. */
  SUPERVISOR_FEEDBACK("2-feedback"),
  /** 3.1: advice from a colleague in another PSU team, pseudonymised. */
  INTERNAL_ADVICE("3.1"),
  /** 3.2: internal transfer to another PSU team, with the client's agreement. */
  INTERNAL_TRANSFER("3.2"),
  /** 4: providing the service to the client. */
  SERVICE_DELIVERY("4"),
  /** 4: anonymous equality monitoring, counts only. */
  EQUALITY_MONITORING("4-equality"),
  /** 6: the client sees what is held about them. */
  SUBJECT_ACCESS("6"),
  /** 6: the client's request to amend an inaccuracy. */
  RECTIFICATION("6-rectification");

  private final String clause;

  Purpose(String clause) {
    this.clause = clause;
  }

  /** The clause of the notice this purpose rests on, e.g. {@code 2.3}. */
  public String clause() {
    return clause;
  }
}
