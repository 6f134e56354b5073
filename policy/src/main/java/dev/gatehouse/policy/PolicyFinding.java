package dev.gatehouse.policy;

/**
 * A non-fatal observation about a valid policy, such as an action no service defines.
 *
 * @param code a stable identifier: {@code UNKNOWN_SERVICE}, {@code UNKNOWN_ACTION}, {@code
 *     UNKNOWN_GLOBAL_CONDITION_KEY}
 * @param message for people
 * @param pointer a JSON pointer into the canonical document ({@link Policy#toJson()})
 */
public record PolicyFinding(String code, String message, String pointer) {

  /** {@code warning: <message> (at <pointer>)}. */
  public String describe() {
    return "warning: " + message + " (at " + pointer + ")";
  }
}
