package io.securerecords.api.error;

/**
 * Root of the library's unchecked exceptions.
 *
 * <p>Every subclass names the record, field, rule or clause that failed and never carries a
 * personal value: messages and causes are safe to log. Checked {@code GeneralSecurityException}s
 * from the cryptographic core are translated into one of these before they leave it.
 */
public abstract class SecureRecordsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected SecureRecordsException(String message) {
    super(message);
  }

  protected SecureRecordsException(String message, Throwable cause) {
    super(message, cause);
  }
}
