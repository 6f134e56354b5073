package dev.gatehouse.policy;

/** A statement's principal element: none, {@code Principal} or {@code NotPrincipal}. */
public sealed interface PrincipalElement
    permits PrincipalElement.None, PrincipalElement.Principals, PrincipalElement.NotPrincipals {

  /** Identity-based kinds have no principal element. */
  record None() implements PrincipalElement {}

  /** {@code Principal}. */
  record Principals(PrincipalSet set) implements PrincipalElement {}

  /**
   * {@code NotPrincipal}: everyone except the set (spec: reference_policies_elements_notprincipal).
   */
  record NotPrincipals(PrincipalSet set) implements PrincipalElement {}
}
