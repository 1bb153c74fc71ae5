package io.securerecords.api.error;

/**
 * Stored bytes failed authentication: a ciphertext, wrapped key, record MAC or log entry was
 * altered, moved to another field, record or client, dropped, added or replaced by an older copy.
 *
 * <p>Distinct from {@link ErasedException}: tampering means the bytes are present but are not the
 * ones this library wrote there.
 */
public final class TamperedException extends SecureRecordsException {
  private static final long serialVersionUID = 1L;

  public TamperedException(String message) {
    super(message);
  }

  public TamperedException(String message, Throwable cause) {
    super(message, cause);
  }
}
