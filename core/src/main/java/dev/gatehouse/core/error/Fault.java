package dev.gatehouse.core.error;

/** Who is at fault for an error: rendered as {@code <Type>Sender</Type>} or {@code Receiver}. */
public enum Fault {
  SENDER("Sender"),
  RECEIVER("Receiver");

  private final String wireName;

  Fault(String wireName) {
    this.wireName = wireName;
  }

  /** The value of the {@code <Type>} element of the Query error envelope. */
  public String wireName() {
    return wireName;
  }
}
