package dev.gatehouse.core.advisor;

import dev.gatehouse.core.advisor.Subject.SubjectPolicy;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * ListPoliciesGrantingServiceAccess. spec: IAM API Reference (Arn of a user, group or role;
 * ServiceNamespaces, 1 to 200; per namespace the policies that allow it: PolicyName, PolicyType
 * INLINE or MANAGED, PolicyArn for managed ones, EntityType and EntityName for inline ones); "the
 * list of policies includes ... policies attached to a group the user belongs to".
 */
public final class PoliciesGranting {
  /** spec: ServiceNamespaces, "Length Constraints: Minimum number of 1 item. Maximum of 200". */
  public static final int MAX_NAMESPACES = 200;

  private final Subjects subjects;
  private final ServicePermissions permissions;

  PoliciesGranting(Subjects subjects, ServicePermissions permissions) {
    this.subjects = subjects;
    this.permissions = permissions;
  }

  /**
   * One policy granting a service.
   *
   * @param policyType INLINE or MANAGED
   * @param entityType USER, GROUP or ROLE, for an inline policy
   */
  public record Granting(
      String policyName,
      String policyType,
      Optional<String> policyArn,
      Optional<String> entityType,
      Optional<String> entityName) {
    public Granting {
      Objects.requireNonNull(policyName, "policyName");
      Objects.requireNonNull(policyType, "policyType");
      Objects.requireNonNull(policyArn, "policyArn");
      Objects.requireNonNull(entityType, "entityType");
      Objects.requireNonNull(entityName, "entityName");
    }
  }

  /** The policies granting one namespace, in the order they apply. */
  public record ServiceGrants(String serviceNamespace, List<Granting> policies) {
    public ServiceGrants {
      Objects.requireNonNull(serviceNamespace, "serviceNamespace");
      policies = List.copyOf(policies);
    }
  }

  /**
   * @throws GatehouseException InvalidInput for an ARN of no user, group or role; NoSuchEntity for
   *     one that does not exist; ValidationError for a bad namespace or list size
   */
  public List<ServiceGrants> list(String accountId, String arn, List<String> namespaces) {
    if (namespaces.isEmpty() || namespaces.size() > MAX_NAMESPACES) {
      throw AccessAdvisor.validation(
          namespaces.toString(),
          "serviceNamespaces",
          "have length between 1 and " + MAX_NAMESPACES);
    }
    for (String ns : namespaces) {
      AccessAdvisor.checkNamespace(ns, "serviceNamespaces");
    }
    Subject subject = subjects.resolve(accountId, arn, false);
    List<ServiceGrants> out = new ArrayList<>();
    for (String ns : namespaces) {
      String namespace = ns.toLowerCase(Locale.ROOT);
      List<Granting> policies = new ArrayList<>();
      for (SubjectPolicy p : subject.policies()) {
        if (permissions.grants(p.json(), namespace)) {
          policies.add(
              new Granting(
                  p.name(),
                  p.policyArn().isPresent() ? "MANAGED" : "INLINE",
                  p.policyArn(),
                  p.entityType(),
                  p.entityName()));
        }
      }
      out.add(new ServiceGrants(ns, policies));
    }
    return out;
  }
}
