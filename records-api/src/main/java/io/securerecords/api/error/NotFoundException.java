package io.securerecords.api.error;

/** The record or client named in the message is not held. */
public final class NotFoundException extends SecureRecordsException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
