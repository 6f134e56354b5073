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
import dev.gatehouse.core.iam.EntityReads;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.iam.TaggedRole;
import dev.gatehouse.core.iam.TaggedUser;
import dev.gatehouse.core.managed.AwsManagedPolicy;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.PolicyKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The current snapshot of each account on this node.
 *
 * <p>INVARIANT (read-your-writes): {@link #committed} runs after the write's commit and before the
 * write returns to its caller, and bumps the account's generation; {@link #current} never returns a
 * snapshot built before the newest generation it has seen, so a request that follows a write on
 * this node sees it. The same holds for the users, roles and policies it serves as {@link
 * EntityReads} (GetUser, GetRole and ListPolicies read no store), and for the last use of roles
 * ({@link #lastUseRecorded}), which refreshes that one part of the snapshot without a new
 * generation.
 *
 * <p>A rebuild costs a few account-wide store reads; the policies in it are compiled only when
 * their text is new ({@link CompiledPolicies}), and requests that find the snapshot stale while
 * another is rebuilding it wait for that rebuild rather than starting their own (one rebuild per
 * account at a time, shared by every request that waited for it).
 *
 * <p>A write on this node that reports what it changed ({@link Change}: a role, a customer managed
 * policy) is applied to the previous snapshot instead: only the touched entities are read again
 * (with, for a policy, the roles it applies to), in one read transaction, and the new snapshot
 * copies the previous one's maps with those entries replaced. Anything else falls back to the
 * rebuild from the whole account: a change not classified ({@link Change.WholeAccount}), one
 * reported without its kind ({@link #committed(String)}: other nodes' changes from the change
 * feed), a generation whose change is not known here, or a policy that applies to users or groups.
 * The result is the snapshot a rebuild would give (SnapshotDeltaTest compares them after random
 * writes).
 */
public final class Snapshots implements IamChangeListener, EntityReads {
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

  private final Store store;
  private final ManagedPolicyCatalogue catalogue;
  private final CompiledPolicies compiled;
  private final Map<String, AccountState> state = new ConcurrentHashMap<>();

  /** What this node knows of one account. */
  private static final class AccountState {
    /** Bumped by every committed write that changes what authorization or the reads see. */
    final AtomicLong generation = new AtomicLong();

    /** Bumped by writes that change only when roles were last used. */
    final AtomicLong lastUse = new AtomicLong();

    /** The newest snapshot built; replaced, never changed. */
    volatile IamSnapshot current;

    /** What each generation not yet in {@link #current} changed, when the write reported it. */
    final ConcurrentSkipListMap<Long, Change> changes = new ConcurrentSkipListMap<>();

    /** Held while rebuilding: one rebuild at a time, and its waiters take its result. */
    final Object rebuilding = new Object();

    boolean fresh(IamSnapshot s, long wanted, long wantedLastUse) {
      return s != null && s.generation() >= wanted && s.lastUseGeneration() >= wantedLastUse;
    }
  }

  /**
   * The ids of the accounts the store holds, read when first needed and again after a change names
   * an account not among them (a new account, here or on another node) or after changes were
   * missed.
   */
  private volatile List<String> accounts = List.of();

  private volatile boolean accountsStale = true;

  private final AtomicLong rebuilds = new AtomicLong();

  private final AtomicLong deltas = new AtomicLong();

  /** Whether reported changes are applied to the previous snapshot (else every write rebuilds). */
  private final boolean applyChanges;

  /** Beyond this many pending changes the account is read as a whole. */
  static final int MAX_PENDING = 256;

  /** AWS managed policies never change: compiled once per kind and ARN, for every account. */
  private final Map<String, CompiledPolicy> awsCompiled = new ConcurrentHashMap<>();

  public Snapshots(Store store, ManagedPolicyCatalogue catalogue) {
    this(store, catalogue, CompiledPolicies.bounded(CompiledPolicies.DEFAULT_CAPACITY));
  }

  /**
   * @param compiled where compiled customer policies are kept across generations ({@link
   *     CompiledPolicies#disabled} compiles every document on every rebuild)
   */
  public Snapshots(Store store, ManagedPolicyCatalogue catalogue, CompiledPolicies compiled) {
    this(store, catalogue, compiled, true);
  }

  /**
   * @param applyChanges whether a write's reported {@link Change} is applied to the previous
   *     snapshot; {@code false} rebuilds from the whole account after every write (the reference
   *     for benchmarks)
   */
  public Snapshots(
      Store store,
      ManagedPolicyCatalogue catalogue,
      CompiledPolicies compiled,
      boolean applyChanges) {
    this.applyChanges = applyChanges;
    this.store = store;
    this.catalogue = catalogue;
    this.compiled = compiled;
  }

  private AccountState account(String accountId) {
    return state.computeIfAbsent(accountId, a -> new AccountState());
  }

  @Override
  public void committed(String accountId) {
    account(accountId).generation.incrementAndGet();
    noteAccount(accountId);
  }

  /**
   * Records what the write changed under its generation. A generation read before its change is
   * recorded has no change here, and the next snapshot is rebuilt from the whole account: never
   * stale, only slower.
   */
  @Override
  public void committed(String accountId, Change change) {
    AccountState a = account(accountId);
    long g = a.generation.incrementAndGet();
    if (applyChanges && !(change instanceof Change.WholeAccount)) {
      if (a.changes.size() >= MAX_PENDING) {
        a.changes.clear();
      }
      a.changes.put(g, change);
    }
    noteAccount(accountId);
  }

  private void noteAccount(String accountId) {
    if (!accounts.contains(accountId) && ACCOUNT_ID.matcher(accountId).matches()) {
      accountsStale = true;
    }
  }

  /** Only the last use of a role changed: the snapshot keeps its generation. */
  @Override
  public void lastUseRecorded(String accountId) {
    account(accountId).lastUse.incrementAndGet();
  }

  @Override
  public void everythingChanged() {
    accountsStale = true;
    for (AccountState a : state.values()) {
      a.generation.incrementAndGet();
      a.changes.clear();
      a.current = null;
    }
  }

  private List<String> accounts() {
    if (accountsStale) {
      // Cleared before the read: a new account reported meanwhile marks the list stale again.
      accountsStale = false;
      accounts =
          store.read(
              tx ->
                  tx.accounts().all().stream().map(dev.gatehouse.core.domain.Account::id).toList());
    }
    return accounts;
  }

  /** How many of {@link #rebuilds} applied reported changes rather than reading every entity. */
  public long deltas() {
    return deltas.get();
  }

  /** How many snapshots this node has built or refreshed, over all accounts. */
  public long rebuilds() {
    return rebuilds.get();
  }

  /** The newest snapshot of {@code accountId}, built now if a write made the cached one stale. */
  public IamSnapshot current(String accountId) {
    AccountState a = account(accountId);
    long wanted = a.generation.get();
    long wantedLastUse = a.lastUse.get();
    IamSnapshot cached = a.current;
    if (a.fresh(cached, wanted, wantedLastUse)) {
      return cached;
    }
    synchronized (a.rebuilding) {
      // Whoever rebuilt while this request waited read the generations after it started waiting,
      // so their snapshot serves this request too.
      cached = a.current;
      if (a.fresh(cached, wanted, wantedLastUse)) {
        return cached;
      }
      // Read before the store is: every commit these generations count is in what is read.
      long generation = a.generation.get();
      long lastUse = a.lastUse.get();
      IamSnapshot built;
      if (cached != null && cached.generation() >= generation) {
        IamSnapshot base = cached;
        built =
            store.read(tx -> base.withRolesLastUsed(tx.roles().rolesLastUsed(accountId), lastUse));
      } else {
        List<Change> pending = cached == null ? null : pending(a, cached.generation(), generation);
        IamSnapshot applied = null;
        if (pending != null) {
          IamSnapshot base = cached;
          applied = store.read(tx -> apply(tx, base, pending, generation, lastUse));
        }
        if (applied != null) {
          deltas.incrementAndGet();
          built = applied;
        } else {
          built = store.read(tx -> build(tx, accountId, generation, lastUse));
        }
      }
      rebuilds.incrementAndGet();
      a.changes.headMap(generation, true).clear();
      a.current = built;
      return built;
    }
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

  /**
   * The changes of generations {@code from + 1} to {@code to}, or null when one of them is not
   * known here (or there are too many to be worth applying).
   */
  private List<Change> pending(AccountState a, long from, long to) {
    if (!applyChanges || to - from > MAX_PENDING) {
      return null;
    }
    List<Change> pending = new ArrayList<>();
    for (long g = from + 1; g <= to; g++) {
      Change c = a.changes.get(g);
      if (c == null) {
        return null;
      }
      pending.add(c);
    }
    return pending;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** Whether a principal's entry holds the managed policy {@code arn} (attached or as boundary). */
  private static boolean names(IamSnapshot.PrincipalEntry e, String arn) {
    if (e == null) {
      return false;
    }
    for (PolicyDocument d : e.identityPolicies()) {
      if (d.source().equals(arn)) {
        return true;
      }
    }
    return e.boundary().map(b -> b.source().startsWith(arn)).orElse(false);
  }

  /**
   * {@code base} with {@code pending} applied: the roles they name (and, for a policy, every role
   * it applies to) read again with their policies, tags and boundary, and the listing rows and
   * attachment counts of the policies involved. Null when the account must be read as a whole.
   */
  IamSnapshot apply(
      ReadTransaction tx, IamSnapshot base, List<Change> pending, long generation, long lastUse) {
    String accountId = base.accountId();
    Set<String> roleNames = new LinkedHashSet<>();
    Set<String> policyArns = new LinkedHashSet<>();
    for (Change c : pending) {
      if (c instanceof Change.RoleChanged role) {
        roleNames.add(key(role.roleName()));
      } else if (c instanceof Change.PolicyChanged policy) {
        policyArns.add(policy.policyArn());
      } else {
        return null;
      }
    }
    Set<String> countArns = new LinkedHashSet<>(policyArns);
    for (String arn : policyArns) {
      for (EntityRef e : tx.policies().entitiesForPolicy(accountId, arn)) {
        if (e.kind() != EntityKind.ROLE) {
          return null;
        }
        roleNames.add(key(e.name()));
      }
      for (User u : base.usersByName().values()) {
        if (u.permissionsBoundary().map(arn::equals).orElse(false)
            || names(base.byArn().get(u.arn()), arn)) {
          return null;
        }
      }
      for (Role r : base.rolesByName().values()) {
        if (r.permissionsBoundary().map(arn::equals).orElse(false)
            || names(base.byArn().get(r.arn()), arn)) {
          roleNames.add(key(r.name()));
        }
      }
    }
    Map<String, Role> roles = new HashMap<>(base.rolesByName());
    Map<String, IamSnapshot.PrincipalEntry> byArn = new HashMap<>(base.byArn());
    IamSnapshot.Listings listings = base.listings();
    Map<String, RoleLastUsed> lastUsed = new HashMap<>(listings.rolesLastUsed());
    List<Role> reread = new ArrayList<>();
    for (String name : roleNames) {
      Role old = roles.remove(name);
      if (old != null) {
        IamSnapshot.PrincipalEntry e = byArn.remove(old.arn());
        lastUsed.remove(old.id());
        if (e != null) {
          for (PolicyDocument d : e.identityPolicies()) {
            if (d.source().startsWith("arn:")) {
              countArns.add(d.source());
            }
          }
        }
      }
      tx.roles().role(accountId, name).ifPresent(reread::add);
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
      countArns.addAll(arns);
      List<String> needed = new ArrayList<>(arns);
      role.permissionsBoundary().ifPresent(needed::add);
      for (String arn : needed) {
        if (!documents.containsKey(arn)) {
          defaultDocument(tx, accountId, arn).ifPresent(d -> documents.put(arn, d));
        }
      }
    }
    Reads r = new Reads(inline, attached, tags, documents, new HashMap<>());
    for (Role role : reread) {
      roles.put(key(role.name()), role);
      byArn.put(role.arn(), roleEntry(r, role));
      tx.roles().roleLastUsed(role.id()).ifPresent(u -> lastUsed.put(role.id(), u));
    }
    List<ManagedPolicy> customer = new ArrayList<>(listings.customer());
    Map<String, Integer> counts = new HashMap<>(listings.attachmentCounts());
    for (String arn : countArns) {
      int n = tx.policies().entitiesForPolicy(accountId, arn).size();
      if (n == 0) {
        counts.remove(arn);
      } else {
        counts.put(arn, n);
      }
      if (!arn.startsWith("arn:aws:iam::" + Arns.AWS_ACCOUNT + ":")) {
        Optional<ManagedPolicy> row = tx.policies().policy(accountId, arn);
        int at = -1;
        for (int i = 0; i < customer.size(); i++) {
          if (customer.get(i).arn().equals(arn)) {
            at = i;
            break;
          }
        }
        if (row.isEmpty()) {
          if (at >= 0) {
            customer.remove(at);
          }
        } else if (at >= 0) {
          customer.set(at, row.get());
        } else {
          customer.add(row.get());
        }
      }
    }
    Map<String, RoleLastUsed> uses =
        lastUse > base.lastUseGeneration() ? tx.roles().rolesLastUsed(accountId) : lastUsed;
    return base.withRoles(
        generation,
        Math.max(lastUse, base.lastUseGeneration()),
        roles,
        byArn,
        new IamSnapshot.Listings(customer, counts, uses));
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

  private IamSnapshot.PrincipalEntry roleEntry(Reads r, Role role) {
    List<PolicyDocument> docs = new ArrayList<>();
    addInline(docs, "role/" + role.name(), r.inlineOf(role.id()));
    addAttached(r, docs, r.attachedTo(role.id()));
    return new IamSnapshot.PrincipalEntry(
        List.copyOf(docs),
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
    Reads r =
        new Reads(
            tx.accountWide().inlinePoliciesByOwner(accountId),
            tx.accountWide().attachedPoliciesByEntity(accountId),
            tx.accountWide().tagsByEntity(accountId),
            tx.accountWide().defaultPolicyDocuments(accountId),
            new HashMap<>());
    Map<String, List<Group>> memberships = tx.accountWide().groupsByUser(accountId);

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
      for (Group g : memberships.getOrDefault(u.id(), List.of())) {
        docs.addAll(groupPolicies.getOrDefault(g.id(), List.of()));
      }
      byArn.put(
          u.arn(),
          new IamSnapshot.PrincipalEntry(
              List.copyOf(docs),
              u.permissionsBoundary().flatMap(b -> boundary(r, b)),
              r.tagsOf(u.id())));
    }
    for (Role role : tx.roles().roles(accountId)) {
      roles.put(role.name().toLowerCase(Locale.ROOT), role);
      byArn.put(role.arn(), roleEntry(r, role));
    }
    Map<String, IamSnapshot.ProfileEntry> profiles = new HashMap<>();
    for (InstanceProfile p : tx.instanceProfiles().instanceProfiles(accountId)) {
      profiles.put(
          p.name().toLowerCase(Locale.ROOT), new IamSnapshot.ProfileEntry(p, r.tagsOf(p.id())));
    }
    Map<String, RoleLastUsed> lastUsed = tx.roles().rolesLastUsed(accountId);
    return new IamSnapshot(
        accountId,
        generation,
        lastUse,
        users,
        roles,
        groups,
        byArn,
        profiles,
        new IamSnapshot.Listings(
            tx.policies().policies(accountId),
            tx.policies().attachmentCounts(accountId),
            lastUsed));
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
