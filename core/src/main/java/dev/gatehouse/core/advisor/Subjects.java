package dev.gatehouse.core.advisor;

import dev.gatehouse.core.advisor.Subject.Entity;
import dev.gatehouse.core.advisor.Subject.ParsedArn;
import dev.gatehouse.core.advisor.Subject.SubjectPolicy;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.Page;
import dev.gatehouse.core.iam.PageRequest;
import dev.gatehouse.core.iam.PrincipalPolicies;
import dev.gatehouse.core.iam.Simulator.SimulatedPolicy;
import dev.gatehouse.core.snapshot.IamSnapshot;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.core.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a report's ARN to its {@link Subject}. spec: GetServiceLastAccessedDetailsWithEntities:
 * a user or role report counts that entity; a group report the group's users; a policy report the
 * users and roles the policy is attached to (and the users of the groups it is attached to).
 */
final class Subjects {
  private final IamServices iam;
  private final Snapshots snapshots;
  private final Store store;
  private final PrincipalPolicies principals;

  Subjects(IamServices iam, Snapshots snapshots, Store store) {
    this.iam = iam;
    this.snapshots = snapshots;
    this.store = store;
    this.principals = new PrincipalPolicies(iam, snapshots);
  }

  /**
   * @throws GatehouseException InvalidInput for an ARN that names no user, group, role (or policy,
   *     when allowed); NoSuchEntity when it does not exist in the account
   */
  Subject resolve(String accountId, String arn, boolean policyAllowed) {
    ParsedArn parsed = Subject.parse(arn, policyAllowed);
    if (parsed.type().equals("policy")) {
      return policy(accountId, arn);
    }
    if (!parsed.account().equals(accountId)) {
      throw GatehouseException.noSuchEntity(
          "The " + parsed.type() + " with name " + parsed.name() + " cannot be found.");
    }
    PrincipalPolicies.Source source = principals.resolve(accountId, arn);
    List<SubjectPolicy> policies = new ArrayList<>();
    for (SimulatedPolicy p : source.identity()) {
      policies.add(policy(p));
    }
    IamSnapshot snapshot = snapshots.current(accountId);
    List<Entity> entities =
        switch (parsed.type()) {
          case "user" -> List.of(user(snapshot.user(parsed.name()).orElseThrow()));
          case "role" -> List.of(role(snapshot.role(parsed.name()).orElseThrow()));
          default -> members(snapshot.group(parsed.name()).orElseThrow());
        };
    return new Subject(arn, policies, entities);
  }

  /** A policy of the simulator's resolution: its key is {@code KIND:SOURCE}. */
  private static SubjectPolicy policy(SimulatedPolicy p) {
    String source = p.key().substring(p.key().indexOf(':') + 1);
    if (source.startsWith("arn:")) {
      return SubjectPolicy.managed(p.id(), p.json(), source);
    }
    String[] parts = source.split("/", 3); // user|group|role / NAME / POLICY
    return SubjectPolicy.inline(p.id(), p.json(), parts[0].toUpperCase(Locale.ROOT), parts[1]);
  }

  private Subject policy(String accountId, String arn) {
    ManagedPolicy policy = iam.managedPolicies().getPolicy(accountId, arn);
    String json =
        iam.managedPolicies()
            .getPolicyVersion(accountId, arn, policy.defaultVersionId())
            .document();
    IamSnapshot snapshot = snapshots.current(accountId);
    Map<String, Entity> entities = new LinkedHashMap<>();
    PageRequest page = new PageRequest("", PageRequest.MAX_MAX_ITEMS);
    while (true) {
      Page<EntityRef> refs =
          iam.attachments().listEntitiesForPolicy(accountId, arn, List.of(), "", page);
      for (EntityRef ref : refs.items()) {
        List<Entity> found =
            ref.kind() == EntityKind.USER
                ? snapshot.user(ref.name()).map(Subjects::user).stream().toList()
                : ref.kind() == EntityKind.ROLE
                    ? snapshot.role(ref.name()).map(Subjects::role).stream().toList()
                    : snapshot.group(ref.name()).map(this::members).orElse(List.of());
        for (Entity e : found) {
          entities.putIfAbsent(e.arn(), e);
        }
      }
      Optional<String> next = refs.marker();
      if (next.isEmpty()) {
        break;
      }
      page = new PageRequest(next.get(), PageRequest.MAX_MAX_ITEMS);
    }
    return new Subject(
        arn,
        List.of(SubjectPolicy.managed(policy.name(), json, arn)),
        List.copyOf(entities.values()));
  }

  private List<Entity> members(Group group) {
    List<User> users = store.read(tx -> tx.groups().groupMembers(group.id()));
    return users.stream().map(Subjects::user).toList();
  }

  private static Entity user(User u) {
    return new Entity(u.arn(), u.name(), "USER", u.id(), u.path());
  }

  private static Entity role(Role r) {
    return new Entity(r.arn(), r.name(), "ROLE", r.id(), r.path());
  }
}
