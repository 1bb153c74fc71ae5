package io.securerecords.crypto.log;

/** What was decided on an enquiry (notice 1.3). Kept in clear in the entry's signed header. */
public enum Decision {
  /** A decision to disclose was recorded and a token issued; nothing released yet. */
  DECIDED,
  /** Data was released under the purpose. */
  GRANTED,
  /** The request was refused; nothing was released. */
  REFUSED,
  /** An enquiry was made and logged, and nothing was disclosed (e.g. a manager's phone call). */
  NOTHING_DISCLOSED,
  /** A record was changed on the client's request (rectification). */
  AMENDED,
  /** The client was erased (crypto-shredded). */
  ERASED
}
