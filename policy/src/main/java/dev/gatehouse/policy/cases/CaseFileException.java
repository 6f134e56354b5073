package dev.gatehouse.policy.cases;

/** A case file that cannot be used at all (not JSON, wrong shape); individual bad cases are not. */
public final class CaseFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CaseFileException(String message) {
    super(message);
  }
}
