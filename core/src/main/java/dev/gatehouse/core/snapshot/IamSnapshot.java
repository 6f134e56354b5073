package dev.gatehouse.core.snapshot;

import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One account's IAM state as the authorizer needs it. Immutable; safe to share across threads.
 *
 * <p>Principals are looked up by ARN (as SigV4 authentication yields them) or by name.
 */
public final class IamSnapshot {
  private final String accountId;
  private final long generation;
  private final long lastUseGeneration;
  // Persistent maps: a delta's generation shares every entry it does not replace with the
  // previous one, so a write costs in proportion to what it changed, not to the account.
  private final PersistentMap<String, User> usersByName;
  private final PersistentMap<String, Role> rolesByName;
  private final PersistentMap<String, Group> groupsByName;
  private final PersistentMap<String, PrincipalEntry> byArn;
  private final PersistentMap<String, String> arnById;
  private final PersistentMap<String, ProfileEntry> instanceProfilesByName;
  private final PolicyIndex policyIndex;
  private final Listings listings;

  /**
   * What the account's read calls list besides principals' permissions: its customer managed
   * policies (in listing order, unmodifiable), every managed policy's attachment count, the last
   * use of each role (by role id), its users and roles in ListUsers' and ListRoles' order ({@link
   * SortedListing}), each group's members and policies (by lower-case group name), and the groups
   * of each user in at least one (lower-case user name to its groups' lower-case names, sorted), so
   * that neither ListGroupsForUser nor a delta of one user walks the account's groups. The
   * canonical constructor takes them as they are: {@link #of} sorts and copies what a full build
   * read, a delta passes what it derived from its base.
   */
  record Listings(
      List<ManagedPolicy> customer,
      PersistentMap<String, Integer> attachmentCounts,
      PersistentMap<String, RoleLastUsed> rolesLastUsed,
      PersistentList<User> users,
      PersistentList<Role> roles,
      PersistentMap<String, GroupEntry> groups,
      PersistentMap<String, List<String>> memberOf) {

    static Listings of(
        List<ManagedPolicy> customer,
        Map<String, Integer> attachmentCounts,
        Map<String, RoleLastUsed> rolesLastUsed,
        Collection<User> users,
        Collection<Role> roles,
        Map<String, GroupEntry> groups) {
      return new Listings(
          inListingOrder(customer),
          PersistentMap.copyOf(attachmentCounts),
          PersistentMap.copyOf(rolesLastUsed),
          SortedListing.inNameOrder(List.copyOf(users), User::name),
          SortedListing.inNameOrder(List.copyOf(roles), Role::name),
          PersistentMap.copyOf(groups),
          PersistentMap.copyOf(GroupMemberships.memberOf(groups)));
    }

    Listings withRolesLastUsed(PersistentMap<String, RoleLastUsed> lastUsed) {
      return new Listings(customer, attachmentCounts, lastUsed, users, roles, groups, memberOf);
    }
  }

  /**
   * What GetGroup and the group's policy reads show besides the group itself.
   *
   * @param members the lower-case names of its users, sorted
   * @param inline its inline policies as stored
   * @param attached the ARNs of the managed policies attached to it
   */
  record GroupEntry(List<String> members, List<InlinePolicy> inline, List<String> attached) {}

  /**
   * The policies in ListPolicies' order, so that a page is read from its marker on, as a {@link
   * PersistentList} that deltas derive the next generation's from.
   */
  static List<ManagedPolicy> inListingOrder(List<ManagedPolicy> policies) {
    for (int i = 1; i < policies.size(); i++) {
      if (ManagedPolicy.LISTING_ORDER.compare(policies.get(i - 1), policies.get(i)) > 0) {
        List<ManagedPolicy> sorted = new ArrayList<>(policies);
        sorted.sort(ManagedPolicy.LISTING_ORDER);
        return PersistentList.copyOf(sorted);
      }
    }
    return PersistentList.copyOf(policies);
  }

  /**
   * What the snapshot knows of one user or role.
   *
   * @param ownPolicies how many of {@code identityPolicies}, from the first, are the principal's
   *     own (inline, then attached); a user's groups' follow
   */
  record PrincipalEntry(
      List<PolicyDocument> identityPolicies,
      int ownPolicies,
      Optional<PolicyDocument> boundary,
      List<Tag> tags) {}

  /** An instance profile with its tags ({@code aws:ResourceTag/...} when it is the resource). */
  record ProfileEntry(InstanceProfile profile, List<Tag> tags) {}

  /** A snapshot of what a full build read: the maps are copied. */
  IamSnapshot(
      String accountId,
      long generation,
      long lastUseGeneration,
      Map<String, User> usersByName,
      Map<String, Role> rolesByName,
      Map<String, Group> groupsByName,
      Map<String, PrincipalEntry> byArn,
      Map<String, ProfileEntry> instanceProfilesByName,
      PolicyIndex policyIndex,
      Listings listings) {
    this(
        accountId,
        generation,
        lastUseGeneration,
        PersistentMap.copyOf(usersByName),
        PersistentMap.copyOf(rolesByName),
        PersistentMap.copyOf(groupsByName),
        PersistentMap.copyOf(byArn),
        PersistentMap.copyOf(ids(usersByName, rolesByName)),
        PersistentMap.copyOf(instanceProfilesByName),
        policyIndex,
        listings);
  }

  private IamSnapshot(
      String accountId,
      long generation,
      long lastUseGeneration,
      PersistentMap<String, User> usersByName,
      PersistentMap<String, Role> rolesByName,
      PersistentMap<String, Group> groupsByName,
      PersistentMap<String, PrincipalEntry> byArn,
      PersistentMap<String, String> arnById,
      PersistentMap<String, ProfileEntry> instanceProfilesByName,
      PolicyIndex policyIndex,
      Listings listings) {
    this.accountId = accountId;
    this.generation = generation;
    this.lastUseGeneration = lastUseGeneration;
    this.usersByName = usersByName;
    this.rolesByName = rolesByName;
    this.groupsByName = groupsByName;
    this.byArn = byArn;
    this.arnById = arnById;
    this.instanceProfilesByName = instanceProfilesByName;
    this.policyIndex = policyIndex;
    this.listings = listings;
  }

  private static Map<String, String> ids(Map<String, User> users, Map<String, Role> roles) {
    Map<String, String> ids = new HashMap<>();
    users.values().forEach(u -> ids.put(u.id(), u.arn()));
    roles.values().forEach(r -> ids.put(r.id(), r.arn()));
    return ids;
  }

  /**
   * A later generation of this snapshot with some users, roles, their policy index and listings
   * replaced: groups and instance profiles are shared, and the maps given are derived from this
   * snapshot's (with, without), so they share every entry not replaced (no store read, no
   * compiling, no copy of the account).
   */
  IamSnapshot withPrincipals(
      long generation,
      long lastUseGeneration,
      PersistentMap<String, User> usersByName,
      PersistentMap<String, Role> rolesByName,
      PersistentMap<String, PrincipalEntry> byArn,
      PersistentMap<String, String> arnById,
      PolicyIndex policyIndex,
      Listings listings) {
    return new IamSnapshot(
        accountId,
        generation,
        lastUseGeneration,
        usersByName,
        rolesByName,
        groupsByName,
        byArn,
        arnById,
        instanceProfilesByName,
        policyIndex,
        listings);
  }

  PersistentMap<String, Role> rolesByName() {
    return rolesByName;
  }

  PersistentMap<String, User> usersByName() {
    return usersByName;
  }

  Map<String, Group> groupsByName() {
    return groupsByName;
  }

  PersistentMap<String, PrincipalEntry> byArn() {
    return byArn;
  }

  PersistentMap<String, String> arnById() {
    return arnById;
  }

  Map<String, ProfileEntry> instanceProfilesByName() {
    return instanceProfilesByName;
  }

  Listings listings() {
    return listings;
  }

  /** The users and roles that name each managed policy. */
  PolicyIndex policyIndex() {
    return policyIndex;
  }

  /**
   * This snapshot, same generation, with the roles' last uses read again: recording a use changes
   * no permission, so it needs no rebuild.
   */
  IamSnapshot withRolesLastUsed(
      PersistentMap<String, RoleLastUsed> rolesLastUsed, long lastUseGeneration) {
    return new IamSnapshot(
        accountId,
        generation,
        lastUseGeneration,
        usersByName,
        rolesByName,
        groupsByName,
        byArn,
        arnById,
        instanceProfilesByName,
        policyIndex,
        listings.withRolesLastUsed(rolesLastUsed));
  }

  public String accountId() {
    return accountId;
  }

  /** When and where the role was last assumed, if ever. */
  public Optional<RoleLastUsed> roleLastUsed(String roleId) {
    return Optional.ofNullable(listings.rolesLastUsed().get(roleId));
  }

  /** The account's customer managed policies with their attachment counts, in listing order. */
  public List<ManagedPolicy> customerPolicies() {
    return listings.customer();
  }

  /** Attachments per managed policy ARN (AWS managed ones included). */
  public Map<String, Integer> attachmentCounts() {
    return listings.attachmentCounts();
  }

  /**
   * Increases with every committed write to the account on this node, except those that only record
   * when a role was last used.
   */
  public long generation() {
    return generation;
  }

  /** Increases with every recorded last use of a role of the account on this node. */
  public long lastUseGeneration() {
    return lastUseGeneration;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** Every user of the account, in ListUsers' order (by lower-case name). */
  public List<User> users() {
    return Collections.unmodifiableList(listings.users());
  }

  /** Every role of the account, in ListRoles' order (by lower-case name). */
  public List<Role> roles() {
    return Collections.unmodifiableList(listings.roles());
  }

  /** Every group of the account, in no particular order. */
  public Collection<Group> groups() {
    return Collections.unmodifiableCollection(groupsByName.values());
  }

  /** The users of the group, in no particular order; empty for an unknown group. */
  public List<User> groupMembers(String groupName) {
    GroupEntry e = listings.groups().get(key(groupName));
    if (e == null) {
      return List.of();
    }
    List<User> members = new ArrayList<>(e.members().size());
    for (String user : e.members()) {
      members.add(usersByName.get(user));
    }
    return members;
  }

  /** The groups the user is in, in no particular order; empty for an unknown user. */
  public List<Group> groupsOf(String userName) {
    List<String> in = listings.memberOf().get(key(userName));
    if (in == null) {
      return List.of();
    }
    List<Group> groups = new ArrayList<>(in.size());
    for (String group : in) {
      groups.add(groupsByName.get(group));
    }
    return groups;
  }

  /**
   * The inline policies of a user, group or role as stored (the owner's id, the policy's name and
   * document), in no particular order; empty for an unknown entity.
   */
  public List<InlinePolicy> inlinePolicies(EntityKind kind, String name) {
    if (kind == EntityKind.GROUP) {
      GroupEntry e = listings.groups().get(key(name));
      return e == null ? List.of() : e.inline();
    }
    Optional<String> id = entityId(kind, name);
    PrincipalEntry e = id.map(i -> byArn.get(arnById.get(i))).orElse(null);
    if (e == null) {
      return List.of();
    }
    List<InlinePolicy> out = new ArrayList<>();
    for (int i = 0; i < e.ownPolicies(); i++) {
      PolicyDocument d = e.identityPolicies().get(i);
      if (!d.source().startsWith("arn:")) {
        // user|role/NAME/POLICY: neither name holds a slash.
        out.add(
            new InlinePolicy(
                id.get(), d.source().substring(d.source().lastIndexOf('/') + 1), d.json()));
      }
    }
    return out;
  }

  /**
   * The ARNs of the managed policies attached to a user, group or role itself (not through a
   * group), in no particular order; empty for an unknown entity.
   *
   * <p>INVARIANT: every attached policy has a document in the entry (an attachment needs a policy
   * that exists, and a customer policy is not deleted while attached), so the entry's managed
   * sources are exactly the attachments.
   */
  public List<String> attachedPolicies(EntityKind kind, String name) {
    if (kind == EntityKind.GROUP) {
      GroupEntry e = listings.groups().get(key(name));
      return e == null ? List.of() : e.attached();
    }
    PrincipalEntry e = entityId(kind, name).map(i -> byArn.get(arnById.get(i))).orElse(null);
    if (e == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < e.ownPolicies(); i++) {
      String source = e.identityPolicies().get(i).source();
      if (source.startsWith("arn:")) {
        out.add(source);
      }
    }
    return out;
  }

  /** The unique id of the account's user, group or role of that name. */
  public Optional<String> entityId(EntityKind kind, String name) {
    return switch (kind) {
      case USER -> user(name).map(User::id);
      case GROUP -> group(name).map(Group::id);
      case ROLE -> role(name).map(Role::id);
    };
  }

  public Optional<User> user(String name) {
    return Optional.ofNullable(usersByName.get(key(name)));
  }

  public Optional<Role> role(String name) {
    return Optional.ofNullable(rolesByName.get(key(name)));
  }

  public Optional<Group> group(String name) {
    return Optional.ofNullable(groupsByName.get(key(name)));
  }

  public Optional<InstanceProfile> instanceProfile(String name) {
    return Optional.ofNullable(instanceProfilesByName.get(key(name))).map(ProfileEntry::profile);
  }

  public List<Tag> instanceProfileTags(String name) {
    ProfileEntry e = instanceProfilesByName.get(key(name));
    return e == null ? List.of() : e.tags();
  }

  /** The ARN of this account's user or role with that unique id. */
  public Optional<String> principalArn(String uniqueId) {
    return Optional.ofNullable(arnById.get(uniqueId));
  }

  /** Whether {@code principalArn} names a user or role of this account. */
  public boolean knows(String principalArn) {
    return byArn.containsKey(principalArn);
  }

  /**
   * The identity-based policies of a user (its inline and attached policies, and those of its
   * groups) or a role (inline and attached), managed ones at their default version. Empty for an
   * unknown ARN.
   */
  public List<PolicyDocument> identityPoliciesOf(String principalArn) {
    PrincipalEntry e = byArn.get(principalArn);
    return e == null ? List.of() : e.identityPolicies();
  }

  /** The permissions boundary (default version of the boundary policy), if any. */
  public Optional<PolicyDocument> boundaryOf(String principalArn) {
    PrincipalEntry e = byArn.get(principalArn);
    return e == null ? Optional.empty() : e.boundary();
  }

  /** The tags of a user or role ({@code aws:PrincipalTag/...}). */
  public List<Tag> principalTags(String principalArn) {
    PrincipalEntry e = byArn.get(principalArn);
    return e == null ? List.of() : e.tags();
  }

  /** A role's trust policy. */
  public Optional<String> trustPolicyOf(String roleName) {
    return role(roleName).map(Role::assumeRolePolicyDocument);
  }
}
