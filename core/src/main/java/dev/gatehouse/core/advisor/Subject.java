package dev.gatehouse.core.advisor;

import dev.gatehouse.core.error.GatehouseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a report is about: a user, group, role or managed policy, with the identity policies that
 * apply to it and the entities (users and roles) whose attempts count.
 *
 * @param entities the users and roles whose attempts the report counts
 */
record Subject(String arn, List<SubjectPolicy> policies, List<Entity> entities) {
  private static final Pattern ARN =
      Pattern.compile("arn:aws:iam::([0-9]{12}|aws):(user|group|role|policy)(/(?:[^/]+/)*)([^/]+)");

  Subject {
    Objects.requireNonNull(arn, "arn");
    policies = List.copyOf(policies);
    entities = List.copyOf(entities);
  }

  /** The ARN's parts: account (or {@code aws}), type, path, name. */
  record ParsedArn(String account, String type, String path, String name) {}

  /**
   * @throws GatehouseException InvalidInput unless {@code arn} names an IAM user, group, role or
   *     policy
   */
  static ParsedArn parse(String arn, boolean policyAllowed) {
    Matcher m = ARN.matcher(arn);
    if (!m.matches()
        || (!policyAllowed && m.group(2).equals("policy"))
        || (m.group(1).equals("aws") && !m.group(2).equals("policy"))) {
      throw GatehouseException.invalidInput(
          "Arn "
              + arn
              + " is not the ARN of an IAM user, group, role"
              + (policyAllowed ? " or policy." : "."));
    }
    return new ParsedArn(m.group(1), m.group(2), m.group(3), m.group(4));
  }

  /**
   * A policy that applies: a managed policy (its ARN) or an inline one (the user, group or role it
   * is embedded in).
   *
   * @param entityType USER, GROUP or ROLE, for an inline policy
   */
  record SubjectPolicy(
      String name,
      String json,
      Optional<String> policyArn,
      Optional<String> entityType,
      Optional<String> entityName) {
    SubjectPolicy {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(json, "json");
      Objects.requireNonNull(policyArn, "policyArn");
      Objects.requireNonNull(entityType, "entityType");
      Objects.requireNonNull(entityName, "entityName");
    }

    static SubjectPolicy managed(String name, String json, String arn) {
      return new SubjectPolicy(name, json, Optional.of(arn), Optional.empty(), Optional.empty());
    }

    static SubjectPolicy inline(String name, String json, String entityType, String entityName) {
      return new SubjectPolicy(
          name, json, Optional.empty(), Optional.of(entityType), Optional.of(entityName));
    }
  }

  /** A user or role (EntityInfo). */
  record Entity(String arn, String name, String type, String id, String path) {}
}
