package dev.gatehouse.core.snapshot;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.iam.Change;
import dev.gatehouse.core.iam.EntityPolicies;
import dev.gatehouse.core.iam.EntityReads;
import dev.gatehouse.core.iam.GroupMembers;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.iam.TaggedRole;
import dev.gatehouse.core.iam.TaggedUser;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
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
 * EntityReads} (GetUser, GetRole, GetGroup, their listings and policies, and ListPolicies read no
 * store), and for the last use of roles ({@link #lastUseRecorded}), which refreshes that one role's
 * last use in the snapshot without a new generation.
 *
 * <p>A rebuild costs a few account-wide store reads; the policies in it are compiled only when
 * their text is new ({@link CompiledPolicies}), and requests that find the snapshot stale while
 * another is rebuilding it wait for that rebuild rather than starting their own (one rebuild per
 * account at a time, shared by every request that waited for it).
 *
 * <p>A write on this node that reports what it changed ({@link Change}: a user, a role, a customer
 * managed policy) is applied to the previous snapshot instead: only the touched entities are read
 * again (a user with its groups' policies; for a policy, the users and roles it applies to, found
 * through the store's attachments and the snapshot's {@code PolicyIndex}), in one read transaction,
 * and the new snapshot is the previous one with those entries replaced: its maps are persistent
 * ({@code PersistentMap}), so the two generations share every other entry and a write costs in
 * proportion to what it changed, not to the account. Anything else falls back to the rebuild from
 * the whole account: a change not classified ({@link Change.WholeAccount}), one reported without
 * its kind ({@link #committed(String)}: other nodes' changes from the change feed), or a generation
 * whose change is not known here. The result is the snapshot a rebuild would give
 * (SnapshotDeltaTest compares them after random writes).
 */
public final class Snapshots implements IamChangeListener, EntityReads {
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

  private final Store store;
  private final SnapshotBuilder builder;
  private final Map<String, AccountState> state = new ConcurrentHashMap<>();

  /** What this node knows of one account. */
  private static final class AccountState {
    /** Bumped by every committed write that changes what authorization or the reads see. */
    final AtomicLong generation = new AtomicLong();

    /** Bumped by writes that change only when roles were last used. */
    final AtomicLong lastUse = new AtomicLong();

    /** The role whose last use each last-use generation not yet in {@link #current} recorded. */
    final ConcurrentSkipListMap<Long, String> usedRoles = new ConcurrentSkipListMap<>();

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

  /**
   * Bumped after every event that changes whether some account's snapshot is current or which
   * accounts there are: a write or last use (after the account's own generation), a snapshot built,
   * the account list read or found stale. {@link #allInMemory} walks the accounts only when this
   * moved since its last walk.
   */
  private final AtomicLong views = new AtomicLong();

  /** What the last walk of {@link #allInMemory} found, and at which {@link #views}. */
  private record Walked(long views, boolean allCurrent) {}

  private volatile Walked walked = new Walked(-1, false);

  private final AtomicLong walks = new AtomicLong();

  /** Whether reported changes are applied to the previous snapshot (else every write rebuilds). */
  private final boolean applyChanges;

  private final SnapshotListener listener;

  /** Beyond this many pending changes the account is read as a whole. */
  static final int MAX_PENDING = 256;

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
    this(store, catalogue, compiled, applyChanges, SnapshotListener.NONE);
  }

  /**
   * @param listener told of every snapshot built, and how long it took (the server's metrics)
   */
  public Snapshots(
      Store store,
      ManagedPolicyCatalogue catalogue,
      CompiledPolicies compiled,
      boolean applyChanges,
      SnapshotListener listener) {
    this.listener = listener;
    this.applyChanges = applyChanges;
    this.store = store;
    this.builder = new SnapshotBuilder(catalogue, compiled);
  }

  private AccountState account(String accountId) {
    return state.computeIfAbsent(accountId, a -> new AccountState());
  }

  @Override
  public void committed(String accountId) {
    account(accountId).generation.incrementAndGet();
    noteAccount(accountId);
    views.incrementAndGet();
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
    views.incrementAndGet();
  }

  private void noteAccount(String accountId) {
    if (!accounts.contains(accountId) && ACCOUNT_ID.matcher(accountId).matches()) {
      accountsStale = true;
    }
  }

  /**
   * Only the last use of a role changed: the snapshot keeps its generation, and the next one
   * re-reads that role's last use. As for {@link #committed(String, Change)}, a generation read
   * before its role is recorded here makes the next snapshot read every role's last use: never
   * stale.
   */
  @Override
  public void lastUseRecorded(String accountId, String roleId) {
    AccountState a = account(accountId);
    long g = a.lastUse.incrementAndGet();
    if (a.usedRoles.size() >= MAX_PENDING) {
      a.usedRoles.clear();
    }
    a.usedRoles.put(g, roleId);
    views.incrementAndGet();
  }

  /** Buckets are not part of an IAM snapshot. */
  @Override
  public void bucketsChanged(String accountId) {}

  @Override
  public void everythingChanged() {
    accountsStale = true;
    for (AccountState a : state.values()) {
      a.generation.incrementAndGet();
      a.changes.clear();
      a.current = null;
    }
    views.incrementAndGet();
  }

  private List<String> accounts() {
    if (accountsStale) {
      store.read(
          tx -> {
            listAccounts(tx);
            return null;
          });
    }
    return accounts;
  }

  /** Reads the ids of the accounts in {@code tx} when they are stale. */
  private void listAccounts(ReadTransaction tx) {
    if (!accountsStale) {
      return;
    }
    // Cleared before the read: a new account reported meanwhile marks the list stale again.
    accountsStale = false;
    try {
      accounts = tx.accounts().all().stream().map(Account::id).toList();
    } catch (RuntimeException e) {
      accountsStale = true;
      throw e;
    } finally {
      views.incrementAndGet();
    }
  }

  /**
   * Whether reads of {@code accountId} are answered from memory now, without the store: its
   * snapshot is current. A write committed after this answer makes the next read rebuild.
   */
  public boolean inMemory(String accountId) {
    AccountState a = state.get(accountId);
    return a != null && a.fresh(a.current, a.generation.get(), a.lastUse.get());
  }

  /**
   * Whether {@link #principalArn} answers from memory now: the list of accounts is known and every
   * account's snapshot is current. Asked by every GetRole: the accounts are walked only after
   * something changed since the last walk ({@link #views}), else its answer stands.
   *
   * <p>INVARIANT: every event that can make an account stale bumps {@link #views} after the
   * account's own generation, and the walk reads {@link #views} before it looks at any account; so
   * a walk that found every account current is reused only while no such event happened since.
   */
  public boolean allInMemory() {
    long seen = views.get();
    Walked last = walked;
    if (last.views() == seen) {
      return last.allCurrent();
    }
    boolean all = !accountsStale;
    List<String> ids = accounts;
    for (int i = 0; all && i < ids.size(); i++) {
      all = inMemory(ids.get(i));
    }
    walked = new Walked(seen, all);
    walks.incrementAndGet();
    return all;
  }

  /** How many times {@link #allInMemory} walked the accounts. */
  long walks() {
    return walks.get();
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
      long started = System.nanoTime();
      SnapshotListener.Kind kind = SnapshotListener.Kind.LAST_USE;
      IamSnapshot built;
      if (cached != null && cached.generation() >= generation) {
        IamSnapshot base = cached;
        Set<String> used = usedRoles(a, base.lastUseGeneration(), lastUse);
        built =
            store.read(
                tx ->
                    base.withRolesLastUsed(
                        SnapshotBuilder.lastUses(tx, base, used, lastUse), lastUse));
      } else {
        List<Change> pending = cached == null ? null : pending(a, cached.generation(), generation);
        IamSnapshot applied = null;
        if (pending != null) {
          IamSnapshot base = cached;
          Set<String> used = usedRoles(a, base.lastUseGeneration(), lastUse);
          applied = store.read(tx -> builder.apply(tx, base, pending, generation, lastUse, used));
        }
        if (applied != null) {
          deltas.incrementAndGet();
          kind = SnapshotListener.Kind.DELTA;
          built = applied;
        } else {
          kind = SnapshotListener.Kind.FULL;
          // The account list is read with the first build (in the same read, so a request waits
          // for one read), so that principalArn answers from memory from then on.
          built =
              store.read(
                  tx -> {
                    listAccounts(tx);
                    return builder.build(tx, accountId, generation, lastUse);
                  });
        }
      }
      rebuilds.incrementAndGet();
      listener.built(kind, System.nanoTime() - started);
      a.changes.headMap(generation, true).clear();
      a.usedRoles.headMap(lastUse, true).clear();
      a.current = built;
      views.incrementAndGet();
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
  public List<User> users(String accountId) {
    return current(accountId).users();
  }

  @Override
  public List<Role> roles(String accountId) {
    return current(accountId).roles();
  }

  @Override
  public Collection<Group> groups(String accountId) {
    return current(accountId).groups();
  }

  @Override
  public Optional<GroupMembers> group(String accountId, String groupName) {
    IamSnapshot snapshot = current(accountId);
    return snapshot
        .group(groupName)
        .map(g -> new GroupMembers(g, snapshot.groupMembers(groupName)));
  }

  @Override
  public Optional<List<Group>> groupsForUser(String accountId, String userName) {
    IamSnapshot snapshot = current(accountId);
    return snapshot.user(userName).map(u -> snapshot.groupsOf(userName));
  }

  @Override
  public Optional<EntityPolicies> policies(String accountId, EntityKind kind, String name) {
    IamSnapshot snapshot = current(accountId);
    return snapshot
        .entityId(kind, name)
        .map(
            id ->
                new EntityPolicies(
                    snapshot.inlinePolicies(kind, name), snapshot.attachedPolicies(kind, name)));
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
   * The roles whose last use the last-use generations {@code from + 1} to {@code to} recorded, or
   * null when one of them is not known here (or there are too many): every role's is read then.
   */
  private static Set<String> usedRoles(AccountState a, long from, long to) {
    List<String> used = between(a.usedRoles, from, to);
    return used == null ? null : new HashSet<>(used);
  }

  /**
   * The changes of generations {@code from + 1} to {@code to}, or null when one of them is not
   * known here (or there are too many to be worth applying).
   */
  private List<Change> pending(AccountState a, long from, long to) {
    return applyChanges ? between(a.changes, from, to) : null;
  }

  /**
   * What {@code byGeneration} holds for every generation {@code from + 1} to {@code to}, in order,
   * or null when one is missing or there are more than {@link #MAX_PENDING}.
   */
  private static <T> List<T> between(Map<Long, T> byGeneration, long from, long to) {
    if (to - from > MAX_PENDING) {
      return null;
    }
    List<T> found = new ArrayList<>();
    for (long g = from + 1; g <= to; g++) {
      T t = byGeneration.get(g);
      if (t == null) {
        return null;
      }
      found.add(t);
    }
    return found;
  }
}
