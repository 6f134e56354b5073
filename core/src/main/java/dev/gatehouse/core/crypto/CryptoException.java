package dev.gatehouse.core.crypto;

/** A key could not be loaded, or a sealed value could not be opened (tampered, wrong row). */
public class CryptoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CryptoException(String message) {
    super(message);
  }

  public CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
