package dev.gatehouse.policy;

/** Where a policy is attached; decides which elements are allowed and how it is evaluated. */
public enum PolicyKind {
  IDENTITY("identity-based policy"),
  RESOURCE("resource-based policy"),
  TRUST("resource-based policy"),
  BOUNDARY("permissions boundary"),
  SESSION("session policy"),
  SCP("service control policy"),
  RCP("resource control policy");

  private final String phrase;

  PolicyKind(String phrase) {
    this.phrase = phrase;
  }

  /** How AWS's access-denied messages name this kind: "an explicit deny in a {phrase}". */
  public String phrase() {
    return phrase;
  }

  /** Whether statements name a principal (resource-based, trust and resource control policies). */
  public boolean hasPrincipals() {
    return this == RESOURCE || this == TRUST || this == RCP;
  }
}
