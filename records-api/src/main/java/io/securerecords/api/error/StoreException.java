package io.securerecords.api.error;

/** The storage back end failed (I/O, connection, corrupt index). Nothing is known to be written. */
public final class StoreException extends SecureRecordsException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
