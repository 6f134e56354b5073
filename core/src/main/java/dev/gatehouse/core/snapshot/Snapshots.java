package dev.gatehouse.core.snapshot;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.iam.EntityReads;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.iam.TaggedRole;
import dev.gatehouse.core.iam.TaggedUser;
import dev.gatehouse.core.managed.AwsManagedPolicy;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.MalformedPolicyException;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.ValidationMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The current snapshot of each account on this node.
 *
 * <p>INVARIANT (read-your-writes): {@link #committed} runs after the write's commit and before the
 * write returns to its caller, and bumps the account's generation; {@link #current} never returns a
 * snapshot built before the newest generation it has seen, so a request that follows a write on
 * this node sees it. The same holds for the users, roles and policies it serves as {@link
 * EntityReads} (GetUser, GetRole and ListPolicies read no store).
 */
public final class Snapshots implements IamChangeListener, EntityReads {
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

  private final Store store;
  private final ManagedPolicyCatalogue catalogue;
  private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
  private final Map<String, IamSnapshot> current = new ConcurrentHashMap<>();

  /**
   * The ids of the accounts the store holds, read when first needed and again after a change names
   * an account not among them (a new account, here or on another node) or after changes were
   * missed.
   */
  private volatile List<String> accounts = List.of();

  private volatile boolean accountsStale = true;

  /** AWS managed policies never change: compiled once per kind and ARN, for every account. */
  private final Map<String, CompiledPolicy> awsCompiled = new ConcurrentHashMap<>();

  public Snapshots(Store store, ManagedPolicyCatalogue catalogue) {
    this.store = store;
    this.catalogue = catalogue;
  }

  private AtomicLong generation(String accountId) {
    return generations.computeIfAbsent(accountId, a -> new AtomicLong());
  }

  @Override
  public void committed(String accountId) {
    generation(accountId).incrementAndGet();
    if (!accounts.contains(accountId) && ACCOUNT_ID.matcher(accountId).matches()) {
      accountsStale = true;
    }
  }

  @Override
  public void everythingChanged() {
    accountsStale = true;
    generations.values().forEach(AtomicLong::incrementAndGet);
    current.clear();
  }

  private List<String> accounts() {
    if (accountsStale) {
      // Cleared before the read: a new account reported meanwhile marks the list stale again.
      accountsStale = false;
      accounts = store.read(tx -> tx.accounts().all().stream().map(Account::id).toList());
    }
    return accounts;
  }

  /** The newest snapshot of {@code accountId}, built now if a write made the cached one stale. */
  public IamSnapshot current(String accountId) {
    long wanted = generation(accountId).get();
    IamSnapshot cached = current.get(accountId);
    if (cached != null && cached.generation() >= wanted) {
      return cached;
    }
    IamSnapshot built = store.read(tx -> build(tx, accountId, wanted));
    // Keep the newest of concurrent builds.
    return current.merge(
        accountId, built, (old, neu) -> neu.generation() >= old.generation() ? neu : old);
  }

  @Override
  public Optional<TaggedUser> user(String accountId, String userName) {
    IamSnapshot snapshot = current(accountId);
    return snapshot.user(userName).map(u -> new TaggedUser(u, snapshot.principalTags(u.arn())));
  }

  @Override
  public Optional<TaggedRole> role(String accountId, String roleName) {
    IamSnapshot snapshot = current(accountId);
    return snapshot
        .role(roleName)
        .map(
            r -> new TaggedRole(r, snapshot.principalTags(r.arn()), snapshot.roleLastUsed(r.id())));
  }

  @Override
  public List<ManagedPolicy> customerPolicies(String accountId) {
    return current(accountId).customerPolicies();
  }

  @Override
  public Map<String, Integer> attachmentCounts(String accountId) {
    return current(accountId).attachmentCounts();
  }

  /** Looks in the current snapshot of every account (unique ids are unique across accounts). */
  @Override
  public Optional<String> principalArn(String uniqueId) {
    for (String accountId : accounts()) {
      Optional<String> arn = current(accountId).principalArn(uniqueId);
      if (arn.isPresent()) {
        return arn;
      }
    }
    return Optional.empty();
  }

  IamSnapshot build(ReadTransaction tx, String accountId, long generation) {
    Map<String, User> users = new HashMap<>();
    Map<String, Role> roles = new HashMap<>();
    Map<String, Group> groups = new HashMap<>();
    Map<String, IamSnapshot.PrincipalEntry> byArn = new HashMap<>();
    Map<String, Optional<PolicyDocument>> managed = new HashMap<>();
    Map<String, List<PolicyDocument>> groupPolicies = new HashMap<>();

    for (Group g : tx.groups().groups(accountId)) {
      groups.put(g.name().toLowerCase(Locale.ROOT), g);
      List<PolicyDocument> docs = new ArrayList<>();
      addInline(docs, "group/" + g.name(), tx.inlinePolicies().inlinePolicies(g.id()));
      addAttached(tx, accountId, docs, tx.policies().attachedPolicies(g.id()), managed);
      groupPolicies.put(g.id(), docs);
    }
    for (User u : tx.users().users(accountId)) {
      users.put(u.name().toLowerCase(Locale.ROOT), u);
      List<PolicyDocument> docs = new ArrayList<>();
      addInline(docs, "user/" + u.name(), tx.inlinePolicies().inlinePolicies(u.id()));
      addAttached(tx, accountId, docs, tx.policies().attachedPolicies(u.id()), managed);
      for (Group g : tx.groups().groupsForUser(u.id())) {
        docs.addAll(groupPolicies.getOrDefault(g.id(), List.of()));
      }
      byArn.put(
          u.arn(),
          new IamSnapshot.PrincipalEntry(
              List.copyOf(docs),
              u.permissionsBoundary().flatMap(b -> boundary(tx, accountId, b)),
              tx.tags().tags(u.id())));
    }
    for (Role r : tx.roles().roles(accountId)) {
      roles.put(r.name().toLowerCase(Locale.ROOT), r);
      List<PolicyDocument> docs = new ArrayList<>();
      addInline(docs, "role/" + r.name(), tx.inlinePolicies().inlinePolicies(r.id()));
      addAttached(tx, accountId, docs, tx.policies().attachedPolicies(r.id()), managed);
      byArn.put(
          r.arn(),
          new IamSnapshot.PrincipalEntry(
              List.copyOf(docs),
              r.permissionsBoundary().flatMap(b -> boundary(tx, accountId, b)),
              tx.tags().tags(r.id())));
    }
    Map<String, IamSnapshot.ProfileEntry> profiles = new HashMap<>();
    for (InstanceProfile p : tx.instanceProfiles().instanceProfiles(accountId)) {
      profiles.put(
          p.name().toLowerCase(Locale.ROOT),
          new IamSnapshot.ProfileEntry(p, tx.tags().tags(p.id())));
    }
    return new IamSnapshot(
        accountId,
        generation,
        users,
        roles,
        groups,
        byArn,
        profiles,
        new IamSnapshot.Listings(
            tx.policies().policies(accountId),
            tx.policies().attachmentCounts(accountId),
            tx.roles().rolesLastUsed(accountId)));
  }

  private static void addInline(List<PolicyDocument> docs, String owner, List<InlinePolicy> ps) {
    for (InlinePolicy p : ps) {
      String source = owner + "/" + p.name();
      docs.add(
          new PolicyDocument(
              source, p.document(), compile(p.document(), PolicyKind.IDENTITY, source)));
    }
  }

  /**
   * Compiles a stored document. Documents were validated when written, so they are parsed as AWS
   * evaluates them; one that still fails makes the build fail (closed), never silently dropped (a
   * dropped Deny would grant).
   */
  static CompiledPolicy compile(String json, PolicyKind kind, String source) {
    try {
      return CompiledPolicy.compile(
          Policy.parse(json, kind, ValidationMode.EVALUATION), kind, source);
    } catch (MalformedPolicyException e) {
      throw new IllegalStateException(
          "stored policy " + source + " does not compile: " + e.getMessage(), e);
    }
  }

  private void addAttached(
      ReadTransaction tx,
      String accountId,
      List<PolicyDocument> docs,
      List<String> arns,
      Map<String, Optional<PolicyDocument>> managed) {
    for (String arn : arns) {
      managedDocument(tx, accountId, arn, PolicyKind.IDENTITY, managed).ifPresent(docs::add);
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
  private Optional<PolicyDocument> boundary(ReadTransaction tx, String accountId, String arn) {
    Optional<PolicyDocument> doc =
        managedDocument(tx, accountId, arn, PolicyKind.BOUNDARY, new HashMap<>());
    if (doc.isPresent()) {
      return doc;
    }
    String source = arn + " (missing)";
    return Optional.of(
        new PolicyDocument(
            source, ALLOWS_NOTHING, compile(ALLOWS_NOTHING, PolicyKind.BOUNDARY, source)));
  }

  /** The default version of a managed policy, looked up and compiled once per build. */
  private Optional<PolicyDocument> managedDocument(
      ReadTransaction tx,
      String accountId,
      String arn,
      PolicyKind kind,
      Map<String, Optional<PolicyDocument>> managed) {
    // Keyed by kind too: one policy may be an identity policy here and a boundary there, and a
    // decision names the kind of policy that made it.
    String key = kind + " " + arn;
    Optional<PolicyDocument> known = managed.get(key);
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
      Optional<ManagedPolicy> p = tx.policies().policy(accountId, arn);
      doc =
          p.flatMap(x -> tx.policies().policyVersion(accountId, arn, x.defaultVersionId()))
              .map(PolicyVersion::document)
              .map(d -> new PolicyDocument(arn, d, compile(d, kind, arn)));
    }
    managed.put(key, doc);
    return doc;
  }
}
