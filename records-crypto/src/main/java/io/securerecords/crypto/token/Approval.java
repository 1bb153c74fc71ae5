package io.securerecords.crypto.token;

import static io.securerecords.crypto.token.AccessTokenClaims.requireText;

/**
 * The approval of a disclosure by a designated senior role, which notice 2.3 to 2.5 require. The
 * token carries it so the release can check it; whether the role is a designated one is the
 * policy's question, not the token's. {@link #toString()} prints no name.
 *
 * @param approverName the name of the person who approved
 * @param role the role in which they approved (for example "Head of PSU")
 * @throws io.securerecords.api.error.InvalidInputException if either part is null or blank
 */
public record Approval(String approverName, String role) {
  public Approval {
    requireText("approval.approverName", approverName);
    requireText("approval.role", role);
  }

  /** Prints the type only: the approver's name is personal data. */
  @Override
  public String toString() {
    return "Approval[redacted]";
  }
}
