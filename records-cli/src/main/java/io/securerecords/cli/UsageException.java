package io.securerecords.cli;

/** The command line or an input file was not usable; exits with {@link PsuRecords#BAD_INPUT}. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
