package dev.gatehouse.policy;

/** The three outcomes of an evaluation. */
public enum Outcome {
  ALLOWED("Allowed"),
  EXPLICITLY_DENIED("ExplicitlyDenied"),
  IMPLICITLY_DENIED("ImplicitlyDenied");

  private final String wireName;

  Outcome(String wireName) {
    this.wireName = wireName;
  }

  /** The name AWS uses ({@code EvalDecision} of the policy simulator). */
  public String wireName() {
    return wireName;
  }

  /** Parses a wire name; {@link IllegalArgumentException} if unknown. */
  public static Outcome fromWireName(String s) {
    for (Outcome o : values()) {
      if (o.wireName.equals(s)) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown decision: " + s);
  }
}
