package io.securerecords.crypto;

import io.securerecords.api.policy.Condition;
import io.securerecords.api.psu.Team;
import io.securerecords.crypto.token.AccessTokenClaims;
import io.securerecords.crypto.token.Requester;
import java.time.LocalDate;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Checks the policy's named conditions against a token and the client's current state (the
 * disclosure table's "conditions" column). A condition this code cannot establish does not hold:
 * releases fail closed.
 */
final class Conditions {
  private final Set<String> seniorRoles;
  private final Supplier<LocalDate> today;

  Conditions(Set<String> seniorRoles, Supplier<LocalDate> today) {
    this.seniorRoles = seniorRoles.stream().map(ClientFacts::normal).collect(Collectors.toSet());
    this.today = today;
  }

  /** Conditions that the token alone decides, checked already when the decision is made. */
  static boolean dependsOnTokenOnly(Condition c) {
    return switch (c) {
      case REQUESTER_ORGANISATION_AND_REQUIREMENT_RECORDED, COURT_ORDER_OR_STATUTE_RECORDED,
          RISK_AND_TO_WHOM_RECORDED, LAWFUL_BASIS_AND_REASON_RECORDED, CLASSES_LISTED_EXPLICITLY,
          APPROVED_BY_DESIGNATED_SENIOR_ROLE -> true;
      default -> false;
    };
  }

  /**
   * Whether a condition holds for this token and the client's current state. A condition this
   * version cannot establish (consents, objections, acknowledgements, pseudonymisation,
   * statistics, amendments) does not hold: the release fails closed.
   */
  boolean holds(Condition c, AccessTokenClaims t, ClientFacts f) {
    Requester who = t.requester();
    return switch (c) {
      // The regulatory or contractual requirement is recorded as the token's legal reference.
      case REQUESTER_ORGANISATION_AND_REQUIREMENT_RECORDED ->
          !who.organisation().isBlank() && t.legalReference().isPresent();
      case COURT_ORDER_OR_STATUTE_RECORDED, LAWFUL_BASIS_AND_REASON_RECORDED ->
          t.legalReference().isPresent() && !t.reason().isBlank();
      case RISK_AND_TO_WHOM_RECORDED -> !t.reason().isBlank();
      case CLASSES_LISTED_EXPLICITLY -> !t.fieldClasses().isEmpty();
      case APPROVED_BY_DESIGNATED_SENIOR_ROLE -> t.approval()
          .filter(a -> seniorRoles.contains(ClientFacts.normal(a.role()))).isPresent();
      case CLIENT_IS_DOCTOR_IN_POSTGRADUATE_TRAINING -> "DOCTOR".equals(f.basic("profession"))
          && "POSTGRADUATE_TRAINING".equals(f.basic("trainingStatus"));
      case REQUESTER_IS_RECORDED_RESPONSIBLE_OFFICER ->
          ClientFacts.sameName(who.name(), f.basic("responsibleOfficer.name"))
              || (londonOrKss(f) && toCaseManagementTeam(t));
      // The recipient (the token's audience) must be the team, not the officer directly.
      case LONDON_KSS_VIA_CASE_MANAGEMENT_AND_APPEALS_TEAM -> !londonOrKss(f) || toCaseManagementTeam(t);
      case REQUESTER_IS_CASE_TEAM_ADVISER_OR_ADMINISTRATOR -> f.casework().values().stream()
          .anyMatch(cw -> ClientFacts.sameName(who.name(), cw.adviser())
              || ClientFacts.sameName(who.name(), cw.administrator()));
      case OWN_TEAM_CASEWORK_ONLY, INCLUDES_ENQUIRY_LOG_ENTRIES -> true; // applied when selecting
      case REQUESTER_IS_CLIENT, AMENDMENT_ON_CLIENT_REQUEST ->
          ClientFacts.sameName(who.name(), f.basic("fullName"))
              && (f.basic("email") == null || who.contact().isBlank()
                  || ClientFacts.sameName(who.contact(), f.basic("email")));
      case OLD_VALUE_AND_REASON_KEPT -> true; // rectify() keeps both, in the same write
      case CLIENT_IN_LONDON_KSS_TRAINING_SKILLS_SERVICE ->
          ("DOCTOR".equals(f.basic("profession")) || "DENTIST".equals(f.basic("profession")))
              && "POSTGRADUATE_TRAINING".equals(f.basic("trainingStatus")) && londonOrKss(f)
              && f.casework().values().stream().anyMatch(cw -> "SCCLS".equals(cw.team()));
      case REQUESTER_IS_RECORDED_SUPERVISOR ->
          ClientFacts.sameName(who.name(), f.basic("supervisor.name"));
      case CONTENT_ACKNOWLEDGED -> t.ackDigest().isPresent()
          && f.casework().keySet().stream()
              .anyMatch(id -> f.acknowledged(id, t.ackDigest().get(), today.get()));
      case REQUESTER_IS_PSU_STAFF_OF_ANOTHER_TEAM -> requesterTeam(t) != null;
      case TRANSFER_AGREED -> requesterTeam(t) != null
          && f.transferAgreed(requesterTeam(t), today.get());
      // Applied while selecting and transforming what is released:
      case NO_BASIC_RECORD, NO_OBJECTION, PSEUDONYM_PER_DISCLOSURE,
          IDENTIFIERS_REDACTED_FROM_FREE_TEXT -> true;
      // Counts and amendments are not releases: they have their own operations.
      default -> false;
    };
  }

  private static boolean toCaseManagementTeam(AccessTokenClaims t) {
    return ClientFacts.sameName(t.audience(), SecureRecords.CASE_MANAGEMENT_TEAM);
  }

  private static boolean londonOrKss(ClientFacts f) {
    String region = f.basic("programmeRegion");
    return "LONDON".equals(region) || "KSS".equals(region);
  }

  /** The PSU team the requester belongs to, from the requester's organisation, or null. */
  static Team requesterTeam(AccessTokenClaims claims) {
    String organisation = claims.requester().organisation();
    for (Team team : Team.values()) {
      if (ClientFacts.sameName(organisation, team.name())
          || ClientFacts.sameName(organisation, team.displayName())) {
        return team;
      }
    }
    return null;
  }
}
