package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The account-wide reads derived from a transaction's reads per entity (one read per entity). */
final class DerivedAccountWideReads implements AccountWideReads {
  private final ReadTransaction tx;

  DerivedAccountWideReads(ReadTransaction tx) {
    this.tx = tx;
  }

  @Override
  public Map<String, List<InlinePolicy>> inlinePoliciesByOwner(String accountId) {
    return byId(principalAndGroupIds(accountId), tx.inlinePolicies()::inlinePolicies);
  }

  @Override
  public Map<String, List<String>> attachedPoliciesByEntity(String accountId) {
    return byId(principalAndGroupIds(accountId), tx.policies()::attachedPolicies);
  }

  @Override
  public Map<String, List<Tag>> tagsByEntity(String accountId) {
    List<String> ids = new ArrayList<>();
    tx.users().users(accountId).forEach(u -> ids.add(u.id()));
    tx.roles().roles(accountId).forEach(r -> ids.add(r.id()));
    tx.instanceProfiles().instanceProfiles(accountId).forEach(p -> ids.add(p.id()));
    return byId(ids, tx.tags()::tags);
  }

  @Override
  public Map<String, List<Group>> groupsByUser(String accountId) {
    List<String> ids = tx.users().users(accountId).stream().map(User::id).toList();
    return byId(ids, tx.groups()::groupsForUser);
  }

  @Override
  public Map<String, String> defaultPolicyDocuments(String accountId) {
    Map<String, String> out = new HashMap<>();
    for (ManagedPolicy p : tx.policies().policies(accountId)) {
      tx.policies()
          .policyVersion(accountId, p.arn(), p.defaultVersionId())
          .ifPresent(v -> out.put(p.arn(), v.document()));
    }
    return out;
  }

  private List<String> principalAndGroupIds(String accountId) {
    List<String> ids = new ArrayList<>();
    tx.users().users(accountId).forEach(u -> ids.add(u.id()));
    tx.groups().groups(accountId).forEach(g -> ids.add(g.id()));
    tx.roles().roles(accountId).forEach(r -> ids.add(r.id()));
    return ids;
  }

  private static <T> Map<String, List<T>> byId(List<String> ids, Function<String, List<T>> read) {
    Map<String, List<T>> out = new HashMap<>();
    for (String id : ids) {
      List<T> values = read.apply(id);
      if (!values.isEmpty()) {
        out.put(id, values);
      }
    }
    return out;
  }
}
