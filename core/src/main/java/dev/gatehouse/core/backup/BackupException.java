package dev.gatehouse.core.backup;

/** A backup could not be written or read; the message is for the operator. */
public class BackupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackupException(String message) {
    super(message);
  }

  public BackupException(String message, Throwable cause) {
    super(message, cause);
  }
}
