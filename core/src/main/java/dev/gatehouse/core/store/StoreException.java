package dev.gatehouse.core.store;

/**
 * The store itself failed (I/O, driver, constraint the port did not anticipate). Mapped to {@code
 * ServiceFailure} by the server; the message is for logs, never for clients.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
