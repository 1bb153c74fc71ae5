package io.securerecords.api.error;

/**
 * A write lost an optimistic-concurrency race: the record, key or log position it expected had
 * already been changed by another writer. Nothing from the rejected write was kept; re-read and
 * retry.
 */
public final class ConflictException extends SecureRecordsException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
