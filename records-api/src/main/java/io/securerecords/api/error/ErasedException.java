package io.securerecords.api.error;

/**
 * The data belongs to a client who was erased (crypto-shredded): their key is destroyed, so this
 * copy (for example one restored from a backup) can never be opened again. This is the expected
 * outcome of erasure, not corruption.
 */
public final class ErasedException extends SecureRecordsException {
  private static final long serialVersionUID = 1L;

  public ErasedException(String message) {
    super(message);
  }
}
