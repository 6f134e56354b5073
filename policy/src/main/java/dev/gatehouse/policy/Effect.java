package dev.gatehouse.policy;

/** A statement's {@code Effect}. */
public enum Effect {
  ALLOW("Allow"),
  DENY("Deny");

  private final String text;

  Effect(String text) {
    this.text = text;
  }

  /** The exact JSON text. */
  public String text() {
    return text;
  }
}
