package io.securerecords.api.error;

/**
 * A key could not be unwrapped or used: the key-encryption key is wrong, unreachable or was
 * rotated away. The message names the key, never key material.
 */
public final class KeyUnavailableException extends SecureRecordsException {
  private static final long serialVersionUID = 1L;

  public KeyUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
