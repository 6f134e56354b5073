package dev.gatehouse.core.snapshot;

import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.iam.Change;
import dev.gatehouse.core.managed.AwsManagedPolicy;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.PolicyKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds an account's snapshot from the store: the whole account in a few account-wide reads
 * ({@link #build}), or the previous snapshot with reported changes applied ({@link #apply}).
 * Customer policies are compiled through {@link CompiledPolicies}, AWS managed ones once per kind
 * and ARN for every account. {@link Snapshots} decides which of the two a generation needs.
 */
final class SnapshotBuilder {
  private final ManagedPolicyCatalogue catalogue;
  private final CompiledPolicies compiled;

  /** AWS managed policies never change: compiled once per kind and ARN, for every account. */
  private final Map<String, CompiledPolicy> awsCompiled = new ConcurrentHashMap<>();

  SnapshotBuilder(ManagedPolicyCatalogue catalogue, CompiledPolicies compiled) {
    this.catalogue = catalogue;
    this.compiled = compiled;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * {@code base} with {@code pending} applied: the users and roles they name (and, for a policy,
   * every principal it applies to or applied to, from the store's attachments and the base's {@link
   * PolicyIndex}) read again with their policies, tags and boundary, and the listing rows and
   * attachment counts of the policies involved. Null when the account must be read as a whole.
   *
   * @param usedRoles the roles whose last use was recorded since the base's last uses were read
   *     (only theirs are read again), or null if not known (every role's is)
   */
  IamSnapshot apply(
      ReadTransaction tx,
      IamSnapshot base,
      List<Change> pending,
      long generation,
      long lastUse,
      Set<String> usedRoles) {
    String accountId = base.accountId();
    Set<String> roleNames = new LinkedHashSet<>();
    Set<String> userNames = new LinkedHashSet<>();
    Set<String> policyArns = new LinkedHashSet<>();
    for (Change c : pending) {
      if (c instanceof Change.RoleChanged role) {
        roleNames.add(key(role.roleName()));
      } else if (c instanceof Change.UserChanged user) {
        userNames.add(key(user.userName()));
      } else if (c instanceof Change.PolicyChanged policy) {
        policyArns.add(policy.policyArn());
      } else {
        return null;
      }
    }
    Set<String> countArns = new LinkedHashSet<>(policyArns);
    for (String arn : policyArns) {
      // The principals the policy applies to now (attached, or through a group), and those whose
      // entry named it before (the index: attached, through a group, or as boundary): each is read
      // again, and no other principal of the account is looked at.
      for (EntityRef e : tx.policies().entitiesForPolicy(accountId, arn)) {
        switch (e.kind()) {
          case ROLE -> roleNames.add(key(e.name()));
          case USER -> userNames.add(key(e.name()));
          case GROUP -> tx.groups().groupMembers(e.id()).forEach(u -> userNames.add(key(u.name())));
        }
      }
      for (EntityRef e : base.policyIndex().principals(arn)) {
        (e.kind() == EntityKind.ROLE ? roleNames : userNames).add(key(e.name()));
      }
    }
    // Derived from the base's persistent maps: each replaced entry costs a few node copies, and
    // the base, which readers may still hold, is not changed.
    PersistentMap<String, Role> roles = base.rolesByName();
    PersistentMap<String, User> users = base.usersByName();
    PersistentMap<String, IamSnapshot.PrincipalEntry> byArn = base.byArn();
    PersistentMap<String, String> arnById = base.arnById();
    PolicyIndex index = base.policyIndex();
    IamSnapshot.Listings listings = base.listings();
    PersistentMap<String, RoleLastUsed> lastUsed = listings.rolesLastUsed();
    // A policy's attachment count changes only where a re-read principal's own attachments did:
    // those it had (by name) and has now are compared, and only the policies in one but not the
    // other are counted again (a user's groups' policies are not: their counts stay).
    Map<String, Set<String>> attachedBefore = new HashMap<>();
    List<Role> reread = new ArrayList<>();
    for (String name : roleNames) {
      Role old = roles.get(name);
      if (old != null) {
        roles = roles.without(name);
        IamSnapshot.PrincipalEntry e = byArn.get(old.arn());
        byArn = byArn.without(old.arn());
        arnById = arnById.without(old.id());
        lastUsed = lastUsed.without(old.id());
        if (e != null) {
          index = index.without(old.arn(), PolicyIndex.named(e, old.permissionsBoundary()));
          attachedBefore.put("role/" + name, ownAttached(e));
        }
      }
      Optional<Role> now = tx.roles().role(accountId, name);
      now.ifPresent(reread::add);
      if (now.isEmpty()) {
        countArns.addAll(attachedBefore.getOrDefault("role/" + name, Set.of()));
      }
    }
    Map<String, List<InlinePolicy>> inline = new HashMap<>();
    Map<String, List<String>> attached = new HashMap<>();
    Map<String, List<Tag>> tags = new HashMap<>();
    Map<String, String> documents = new HashMap<>();
    for (Role role : reread) {
      inline.put(role.id(), tx.inlinePolicies().inlinePolicies(role.id()));
      List<String> arns = tx.policies().attachedPolicies(role.id());
      attached.put(role.id(), arns);
      tags.put(role.id(), tx.tags().tags(role.id()));
      changedAttachments(
          countArns, attachedBefore.getOrDefault("role/" + key(role.name()), Set.of()), arns);
      List<String> needed = new ArrayList<>(arns);
      role.permissionsBoundary().ifPresent(needed::add);
      for (String arn : needed) {
        if (!documents.containsKey(arn)) {
          defaultDocument(tx, accountId, arn).ifPresent(d -> documents.put(arn, d));
        }
      }
    }
    List<User> rereadUsers = new ArrayList<>();
    Map<String, List<Group>> memberships = new HashMap<>();
    for (String name : userNames) {
      User old = users.get(name);
      if (old != null) {
        users = users.without(name);
        IamSnapshot.PrincipalEntry e = byArn.get(old.arn());
        byArn = byArn.without(old.arn());
        arnById = arnById.without(old.id());
        if (e != null) {
          index = index.without(old.arn(), PolicyIndex.named(e, old.permissionsBoundary()));
          attachedBefore.put("user/" + name, ownAttached(e));
        }
      }
      Optional<User> now = tx.users().user(accountId, name);
      if (now.isEmpty()) {
        countArns.addAll(attachedBefore.getOrDefault("user/" + name, Set.of()));
        continue;
      }
      User user = now.get();
      rereadUsers.add(user);
      List<Group> groups = tx.groups().groupsForUser(user.id());
      memberships.put(user.id(), groups);
      List<String> owners = new ArrayList<>();
      owners.add(user.id());
      groups.forEach(g -> owners.add(g.id()));
      List<String> needed = new ArrayList<>();
      for (String owner : owners) {
        inline.computeIfAbsent(owner, tx.inlinePolicies()::inlinePolicies);
        List<String> arns = attached.computeIfAbsent(owner, tx.policies()::attachedPolicies);
        needed.addAll(arns);
      }
      changedAttachments(
          countArns,
          attachedBefore.getOrDefault("user/" + name, Set.of()),
          attached.get(user.id()));
      tags.put(user.id(), tx.tags().tags(user.id()));
      user.permissionsBoundary().ifPresent(needed::add);
      for (String arn : needed) {
        if (!documents.containsKey(arn)) {
          defaultDocument(tx, accountId, arn).ifPresent(d -> documents.put(arn, d));
        }
      }
    }
    Reads r = new Reads(inline, attached, tags, documents, new HashMap<>());
    for (User user : rereadUsers) {
      users = users.with(key(user.name()), user);
      IamSnapshot.PrincipalEntry entry = userEntry(r, user, memberships.get(user.id()));
      byArn = byArn.with(user.arn(), entry);
      index =
          index.with(
              user.arn(), EntityRef.of(user), PolicyIndex.named(entry, user.permissionsBoundary()));
      arnById = arnById.with(user.id(), user.arn());
    }
    for (Role role : reread) {
      roles = roles.with(key(role.name()), role);
      IamSnapshot.PrincipalEntry entry = roleEntry(r, role);
      byArn = byArn.with(role.arn(), entry);
      index =
          index.with(
              role.arn(), EntityRef.of(role), PolicyIndex.named(entry, role.permissionsBoundary()));
      arnById = arnById.with(role.id(), role.arn());
      Optional<RoleLastUsed> use = tx.roles().roleLastUsed(role.id());
      if (use.isPresent()) {
        lastUsed = lastUsed.with(role.id(), use.get());
      }
    }
    SortedListing<User> userListing =
        new SortedListing<>(listings.users(), SortedListing.byName(User::name));
    SortedListing<Role> roleListing =
        new SortedListing<>(listings.roles(), SortedListing.byName(Role::name));
    GroupMemberships groups = new GroupMemberships(listings.groups(), listings.memberOf());
    for (String name : userNames) {
      Optional<User> now = Optional.ofNullable(users.get(name));
      userListing.update(name, now);
      SortedSet<String> in = new TreeSet<>();
      now.ifPresent(u -> memberships.get(u.id()).forEach(g -> in.add(key(g.name()))));
      groups.update(name, in);
    }
    for (String name : roleNames) {
      roleListing.update(name, Optional.ofNullable(roles.get(name)));
    }
    SortedListing<ManagedPolicy> customer =
        new SortedListing<>(listings.customer(), SortedListing.POLICIES);
    PersistentMap<String, Integer> counts = listings.attachmentCounts();
    for (String arn : countArns) {
      int n = tx.policies().entitiesForPolicy(accountId, arn).size();
      counts = n == 0 ? counts.without(arn) : counts.with(arn, n);
      if (!arn.startsWith("arn:aws:iam::" + Arns.AWS_ACCOUNT + ":")) {
        customer.update(arn, tx.policies().policy(accountId, arn));
      }
    }
    PersistentMap<String, RoleLastUsed> uses =
        lastUse > base.lastUseGeneration()
            ? refreshed(tx, accountId, lastUsed, usedRoles, arnById)
            : lastUsed;
    return base.withPrincipals(
        generation,
        Math.max(lastUse, base.lastUseGeneration()),
        users,
        roles,
        byArn,
        arnById,
        index,
        new IamSnapshot.Listings(
            customer.result(),
            counts,
            uses,
            userListing.result(),
            roleListing.result(),
            groups.groups(),
            groups.memberOf()));
  }

  /**
   * The managed policies attached to the principal itself (not through a group), as its entry names
   * them.
   */
  private static Set<String> ownAttached(IamSnapshot.PrincipalEntry e) {
    Set<String> arns = new HashSet<>();
    List<PolicyDocument> docs = e.identityPolicies();
    for (int i = 0; i < e.ownPolicies(); i++) {
      String source = docs.get(i).source();
      if (source.startsWith("arn:")) {
        arns.add(source);
      }
    }
    return arns;
  }

  /** Adds to {@code out} the policies attached before or now but not both. */
  private static void changedAttachments(Set<String> out, Set<String> before, List<String> now) {
    for (String arn : now) {
      if (!before.contains(arn)) {
        out.add(arn);
      }
    }
    Set<String> nowSet = new HashSet<>(now);
    for (String arn : before) {
      if (!nowSet.contains(arn)) {
        out.add(arn);
      }
    }
  }

  /**
   * The roles' last uses of {@code base} as of {@code lastUse}: those of {@code usedRoles} read
   * again (the cost of the uses recorded, not of the account), or every role's when they are not
   * known (null).
   */
  static PersistentMap<String, RoleLastUsed> lastUses(
      ReadTransaction tx, IamSnapshot base, Set<String> usedRoles, long lastUse) {
    if (lastUse <= base.lastUseGeneration()) {
      return base.listings().rolesLastUsed();
    }
    return refreshed(
        tx, base.accountId(), base.listings().rolesLastUsed(), usedRoles, base.arnById());
  }

  /**
   * @param arnById the snapshot's principals by id: a role no longer among them keeps no last use
   */
  private static PersistentMap<String, RoleLastUsed> refreshed(
      ReadTransaction tx,
      String accountId,
      PersistentMap<String, RoleLastUsed> lastUsed,
      Set<String> usedRoles,
      PersistentMap<String, String> arnById) {
    if (usedRoles == null) {
      return PersistentMap.copyOf(tx.roles().rolesLastUsed(accountId));
    }
    PersistentMap<String, RoleLastUsed> uses = lastUsed;
    for (String roleId : usedRoles) {
      Optional<RoleLastUsed> use =
          arnById.get(roleId) == null ? Optional.empty() : tx.roles().roleLastUsed(roleId);
      uses = use.isPresent() ? uses.with(roleId, use.get()) : uses.without(roleId);
    }
    return uses;
  }

  /** The document of the default version of one of the account's customer managed policies. */
  private static Optional<String> defaultDocument(
      ReadTransaction tx, String accountId, String arn) {
    if (arn.startsWith("arn:aws:iam::" + Arns.AWS_ACCOUNT + ":")) {
      return Optional.empty();
    }
    return tx.policies()
        .policy(accountId, arn)
        .flatMap(p -> tx.policies().policyVersion(accountId, arn, p.defaultVersionId()))
        .map(PolicyVersion::document);
  }

  /** A user's entry: its inline and attached policies, then those of each of its groups. */
  private IamSnapshot.PrincipalEntry userEntry(Reads r, User u, List<Group> groups) {
    List<PolicyDocument> docs = new ArrayList<>();
    addInline(docs, "user/" + u.name(), r.inlineOf(u.id()));
    addAttached(r, docs, r.attachedTo(u.id()));
    int own = docs.size();
    for (Group g : groups) {
      addInline(docs, "group/" + g.name(), r.inlineOf(g.id()));
      addAttached(r, docs, r.attachedTo(g.id()));
    }
    return new IamSnapshot.PrincipalEntry(
        List.copyOf(docs),
        own,
        u.permissionsBoundary().flatMap(b -> boundary(r, b)),
        r.tagsOf(u.id()));
  }

  private IamSnapshot.PrincipalEntry roleEntry(Reads r, Role role) {
    List<PolicyDocument> docs = new ArrayList<>();
    addInline(docs, "role/" + role.name(), r.inlineOf(role.id()));
    addAttached(r, docs, r.attachedTo(role.id()));
    return new IamSnapshot.PrincipalEntry(
        List.copyOf(docs),
        docs.size(),
        role.permissionsBoundary().flatMap(b -> boundary(r, b)),
        r.tagsOf(role.id()));
  }

  /** What one build reads of the account, in a few queries. */
  private record Reads(
      Map<String, List<InlinePolicy>> inline,
      Map<String, List<String>> attached,
      Map<String, List<Tag>> tags,
      Map<String, String> documents,
      Map<String, Optional<PolicyDocument>> managed) {

    List<InlinePolicy> inlineOf(String id) {
      return inline.getOrDefault(id, List.of());
    }

    List<String> attachedTo(String id) {
      return attached.getOrDefault(id, List.of());
    }

    List<Tag> tagsOf(String id) {
      return tags.getOrDefault(id, List.of());
    }
  }

  IamSnapshot build(ReadTransaction tx, String accountId, long generation, long lastUse) {
    Map<String, User> users = new HashMap<>();
    Map<String, Role> roles = new HashMap<>();
    Map<String, Group> groups = new HashMap<>();
    Map<String, IamSnapshot.PrincipalEntry> byArn = new HashMap<>();
    Map<String, List<PolicyDocument>> groupPolicies = new HashMap<>();
    PolicyIndex.Builder index = new PolicyIndex.Builder();
    Reads r =
        new Reads(
            tx.accountWide().inlinePoliciesByOwner(accountId),
            tx.accountWide().attachedPoliciesByEntity(accountId),
            tx.accountWide().tagsByEntity(accountId),
            tx.accountWide().defaultPolicyDocuments(accountId),
            new HashMap<>());
    Map<String, List<Group>> memberships = tx.accountWide().groupsByUser(accountId);
    Map<String, List<String>> members = new HashMap<>();

    for (Group g : tx.groups().groups(accountId)) {
      groups.put(g.name().toLowerCase(Locale.ROOT), g);
      List<PolicyDocument> docs = new ArrayList<>();
      addInline(docs, "group/" + g.name(), r.inlineOf(g.id()));
      addAttached(r, docs, r.attachedTo(g.id()));
      groupPolicies.put(g.id(), docs);
    }
    for (User u : tx.users().users(accountId)) {
      users.put(u.name().toLowerCase(Locale.ROOT), u);
      List<PolicyDocument> docs = new ArrayList<>();
      addInline(docs, "user/" + u.name(), r.inlineOf(u.id()));
      addAttached(r, docs, r.attachedTo(u.id()));
      int own = docs.size();
      for (Group g : memberships.getOrDefault(u.id(), List.of())) {
        docs.addAll(groupPolicies.getOrDefault(g.id(), List.of()));
        members.computeIfAbsent(g.id(), k -> new ArrayList<>()).add(key(u.name()));
      }
      IamSnapshot.PrincipalEntry entry =
          new IamSnapshot.PrincipalEntry(
              List.copyOf(docs),
              own,
              u.permissionsBoundary().flatMap(b -> boundary(r, b)),
              r.tagsOf(u.id()));
      byArn.put(u.arn(), entry);
      index.add(u.arn(), EntityRef.of(u), PolicyIndex.named(entry, u.permissionsBoundary()));
    }
    for (Role role : tx.roles().roles(accountId)) {
      roles.put(role.name().toLowerCase(Locale.ROOT), role);
      IamSnapshot.PrincipalEntry entry = roleEntry(r, role);
      byArn.put(role.arn(), entry);
      index.add(
          role.arn(), EntityRef.of(role), PolicyIndex.named(entry, role.permissionsBoundary()));
    }
    Map<String, IamSnapshot.ProfileEntry> profiles = new HashMap<>();
    for (InstanceProfile p : tx.instanceProfiles().instanceProfiles(accountId)) {
      profiles.put(
          p.name().toLowerCase(Locale.ROOT), new IamSnapshot.ProfileEntry(p, r.tagsOf(p.id())));
    }
    Map<String, RoleLastUsed> lastUsed = tx.roles().rolesLastUsed(accountId);
    Map<String, IamSnapshot.GroupEntry> groupEntries = new HashMap<>();
    for (Group g : groups.values()) {
      List<String> names = new ArrayList<>(members.getOrDefault(g.id(), List.of()));
      names.sort(null);
      // The texts and ARNs the members' entries hold (the compiled documents'), not copies of them.
      List<PolicyDocument> docs = groupPolicies.get(g.id());
      List<InlinePolicy> inline = new ArrayList<>();
      for (InlinePolicy p : r.inlineOf(g.id())) {
        inline.add(new InlinePolicy(p.ownerId(), p.name(), docs.get(inline.size()).json()));
      }
      List<String> attached = new ArrayList<>();
      for (String arn : r.attachedTo(g.id())) {
        attached.add(
            managedDocument(r, arn, PolicyKind.IDENTITY).map(PolicyDocument::source).orElse(arn));
      }
      groupEntries.put(
          key(g.name()),
          new IamSnapshot.GroupEntry(
              List.copyOf(names), List.copyOf(inline), List.copyOf(attached)));
    }
    return new IamSnapshot(
        accountId,
        generation,
        lastUse,
        users,
        roles,
        groups,
        byArn,
        profiles,
        index.build(),
        IamSnapshot.Listings.of(
            tx.policies().policies(accountId),
            tx.policies().attachmentCounts(accountId),
            lastUsed,
            users.values(),
            roles.values(),
            groupEntries));
  }

  private void addInline(List<PolicyDocument> docs, String owner, List<InlinePolicy> ps) {
    for (InlinePolicy p : ps) {
      docs.add(compiled.document(p.document(), PolicyKind.IDENTITY, owner + "/" + p.name()));
    }
  }

  /**
   * Compiles a stored document. Documents were validated when written, so they are parsed as AWS
   * evaluates them; one that still fails makes the build fail (closed), never silently dropped (a
   * dropped Deny would grant).
   */
  static CompiledPolicy compile(String json, PolicyKind kind, String source) {
    return CompiledPolicies.compile(json, kind, source);
  }

  private void addAttached(Reads r, List<PolicyDocument> docs, List<String> arns) {
    for (String arn : arns) {
      managedDocument(r, arn, PolicyKind.IDENTITY).ifPresent(docs::add);
    }
  }

  /** A boundary that allows nothing: what a boundary naming a missing policy must mean. */
  static final String ALLOWS_NOTHING =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
          + "\"Resource\":\"*\"}]}";

  /**
   * The boundary's document. INVARIANT: fails closed: a boundary naming a policy that no longer
   * exists allows nothing (dropping it would leave the principal unbounded).
   */
  private Optional<PolicyDocument> boundary(Reads r, String arn) {
    Optional<PolicyDocument> doc = managedDocument(r, arn, PolicyKind.BOUNDARY);
    if (doc.isPresent()) {
      return doc;
    }
    return Optional.of(compiled.document(ALLOWS_NOTHING, PolicyKind.BOUNDARY, arn + " (missing)"));
  }

  /** The default version of a managed policy, looked up once per build and kind. */
  private Optional<PolicyDocument> managedDocument(Reads r, String arn, PolicyKind kind) {
    // Keyed by kind too: one policy may be an identity policy here and a boundary there, and a
    // decision names the kind of policy that made it.
    String key = kind + " " + arn;
    Optional<PolicyDocument> known = r.managed().get(key);
    if (known != null) {
      return known;
    }
    Optional<PolicyDocument> doc;
    if (arn.startsWith("arn:aws:iam::" + Arns.AWS_ACCOUNT + ":")) {
      doc =
          catalogue
              .byArn(arn)
              .map(AwsManagedPolicy::document)
              .map(
                  d ->
                      new PolicyDocument(
                          arn,
                          d,
                          awsCompiled.computeIfAbsent(
                              kind + " " + arn, k -> compile(d, kind, arn))));
    } else {
      doc = Optional.ofNullable(r.documents().get(arn)).map(d -> compiled.document(d, kind, arn));
    }
    r.managed().put(key, doc);
    return doc;
  }
}
