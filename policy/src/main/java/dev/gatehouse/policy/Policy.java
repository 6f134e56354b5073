package dev.gatehouse.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A parsed, validated, immutable policy document. */
public final class Policy {
  private final PolicyVersion version;
  private final String id;
  private final boolean hasId;
  private final List<Statement> statements;

  /** A policy without {@code Id}; see {@link #withId(String)}. */
  public Policy(PolicyVersion version, List<Statement> statements) {
    this(version, false, "", statements);
  }

  private Policy(PolicyVersion version, boolean hasId, String id, List<Statement> statements) {
    this.version = Objects.requireNonNull(version);
    this.hasId = hasId;
    this.id = Objects.requireNonNull(id);
    this.statements = List.copyOf(statements);
  }

  /** This policy with an {@code Id}. */
  public Policy withId(String id) {
    return new Policy(version, true, id, statements);
  }

  /**
   * Parses and validates a document as AWS does for {@code kind}, including the size limit.
   *
   * @throws MalformedPolicyException with AWS's message when AWS would reject the document
   */
  public static Policy parse(String json, PolicyKind kind) {
    return PolicyParser.parse(json, kind, ValidationMode.STRICT);
  }

  /**
   * Parses a document with {@code mode}: {@link ValidationMode#EVALUATION} accepts what AWS
   * evaluates even where the IAM API would refuse to store it (legacy versions, no size limit), for
   * simulating legacy and foreign documents.
   */
  public static Policy parse(String json, PolicyKind kind, ValidationMode mode) {
    return PolicyParser.parse(json, kind, mode);
  }

  /**
   * The size AWS counts against its quotas: characters other than whitespace (spec: IAM quotas,
   * "IAM doesn't count white space when calculating the size of a policy").
   */
  public static int size(String json) {
    int n = 0;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        n++;
      }
    }
    return n;
  }

  public PolicyVersion version() {
    return version;
  }

  /** The {@code Id}, when present. */
  public Optional<String> id() {
    return hasId ? Optional.of(id) : Optional.empty();
  }

  public List<Statement> statements() {
    return statements;
  }

  /** Canonical JSON: parse(toJson()) equals this policy. */
  public String toJson() {
    return PolicyPrinter.toJson(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Policy p
        && version == p.version
        && hasId == p.hasId
        && id.equals(p.id)
        && statements.equals(p.statements);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, hasId, id, statements);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
