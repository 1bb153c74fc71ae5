package io.securerecords.api.psu;

/**
 * The teams of the Professional Support Unit (notice, section 3). A team owns the casework
 * records of the services it provides; the policy uses the team to decide who may see them
 * (service delivery, internal advice and transfer, and the confidentiality of coaching).
 *
 * <p>A team is not personal data on its own, so it may appear in {@code toString()} of a record.
 */
public enum Team {
  /** Single Point of Contact. */
  SPOC("Single Point of Contact (SPOC)"),
  /** Individual Support Team. */
  IST("Individual Support Team (IST)"),
  /** The Coaching Service: its conversations are confidential outside clauses 2.3 to 2.5. */
  COACHING("The Coaching Service"),
  /** The Careers advice team. */
  CAREERS("The Careers advice team"),
  /** Specialist Clinical Communication &amp; Linguistic Services Team (skills-based). */
  SCCLS("Specialist Clinical Communication & Linguistic Services Team (SCCLS)");

  private final String displayName;

  Team(String displayName) {
    this.displayName = displayName;
  }

  /** The team's name as the notice writes it, for display to people. */
  public String displayName() {
    return displayName;
  }
}
