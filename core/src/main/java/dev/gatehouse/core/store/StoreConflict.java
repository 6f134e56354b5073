package dev.gatehouse.core.store;

/**
 * A write broke a unique constraint the store keeps as its last line against races. Neutral: the
 * core service that wrote turns it into AWS's error (the services check uniqueness first, so this
 * only shows when a check was missed).
 */
public final class StoreConflict extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreConflict(String message, Throwable cause) {
    super(message, cause);
  }
}
