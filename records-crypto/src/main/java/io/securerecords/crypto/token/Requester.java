package io.securerecords.crypto.token;

import static io.securerecords.crypto.token.AccessTokenClaims.requireText;

/**
 * Who asked for a disclosure (notice 1.3: the enquiry log records the requester's name, contact
 * details, organisation and role). These are personal data: {@link #toString()} prints none of
 * them.
 *
 * @param name the requester's name
 * @param organisation the organisation the requester speaks for
 * @param role the requester's role in it (for example "Responsible Officer")
 * @param contact how to reach the requester (email or telephone)
 * @throws io.securerecords.api.error.InvalidInputException if any part is null or blank
 */
public record Requester(String name, String organisation, String role, String contact) {
  public Requester {
    requireText("requester.name", name);
    requireText("requester.organisation", organisation);
    requireText("requester.role", role);
    requireText("requester.contact", contact);
  }

  /** Prints the type only: every part is personal data. */
  @Override
  public String toString() {
    return "Requester[redacted]";
  }
}
