package dev.gatehouse.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.iam.Change;
import dev.gatehouse.core.iam.EnginePolicyValidator;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.ManagedPolicies;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.store.sql.SqliteStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The CPU time of customer managed policy writes in one account, through the IAM services and the
 * snapshots as the server wires them (SQLite store of a data directory, no HTTP): each operation is
 * the write (commit included) and the next snapshot of the account, which a request after the write
 * would build. Run it on a small and on a large account (filled by {@link LargeAccount}) and
 * compare: the aim is the same cost whatever the account's size.
 *
 * <p>Cases: {@code SetDefaultPolicyVersion} of {@code policy-0000} (attached to two users and a
 * group in the large account, one user and a group in the small one), of a policy attached to one
 * role only, and {@code CreatePolicy} followed by {@code DeletePolicy} of a policy attached to
 * nothing (written through the store port and reported as the service reports them: the API refuses
 * CreatePolicy above the quota of 1,500 customer managed policies). Each case runs a warm-up, then
 * operations until {@code ops} are done or {@code seconds} of CPU time are spent; it prints the CPU
 * µs per operation: the snapshot's (thread CPU time of the call that builds it) and the whole
 * operation's (the process's CPU time, so the commit's threads and the garbage collector count
 * too).
 *
 * <p>Usage: {@code PolicyWriteRun fill DATA_DIR USERS GROUPS ROLES POLICIES} creates the account
 * and fills it; {@code PolicyWriteRun run DATA_DIR LABEL [ops] [seconds]} measures (it writes to
 * the data directory: run it on a copy).
 */
public final class PolicyWriteRun {
  static final String ACCOUNT = "123456789012";

  private PolicyWriteRun() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[1]);
    if (args[0].equals("fill")) {
      LargeAccount.Size size =
          new LargeAccount.Size(
              Integer.parseInt(args[2]),
              Integer.parseInt(args[3]),
              Integer.parseInt(args[4]),
              Integer.parseInt(args[5]));
      try (Store store = SqliteStore.open(dir)) {
        Instant now = Instant.now();
        store.write(
            tx -> {
              tx.accounts().createAccount(new Account(ACCOUNT, now));
              return null;
            });
        LargeAccount.fill(store, ACCOUNT, size, now);
      }
      return;
    }
    String label = args[2];
    int ops = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    double seconds = args.length > 4 ? Double.parseDouble(args[4]) : 20;
    try (Store store = SqliteStore.open(dir)) {
      run(store, label, ops, seconds);
    }
  }

  static void run(Store store, String label, int ops, double seconds) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Snapshots snapshots = new Snapshots(store, ManagedPolicyCatalogue.bundled());
    IamServices iam =
        IamServices.builder(
                store,
                Clock.systemUTC(),
                Ids.secure(),
                KeyRing.of(List.of(key), new SecureRandom()),
                new EnginePolicyValidator(),
                ManagedPolicyCatalogue.bundled(),
                snapshots)
            .build();
    ManagedPolicies policies = iam.managedPolicies();
    snapshots.current(ACCOUNT);
    String shared = "arn:aws:iam::" + ACCOUNT + ":policy/policy-0000";
    policies.createPolicyVersion(ACCOUNT, shared, LargeAccount.document(ACCOUNT, 90_000), false);
    String roleOnly = createPolicyRow(store, snapshots, "bench-role-only", 90_001).arn();
    iam.attachments().attachRolePolicy(ACCOUNT, "role-0000", roleOnly);
    policies.createPolicyVersion(ACCOUNT, roleOnly, LargeAccount.document(ACCOUNT, 90_002), false);
    snapshots.current(ACCOUNT);

    String[] versions = {"v2", "v1"};
    measure(
        label,
        "SetDefaultPolicyVersion, users+group",
        snapshots,
        ops,
        seconds,
        i -> policies.setDefaultPolicyVersion(ACCOUNT, shared, versions[i % 2]));
    measure(
        label,
        "SetDefaultPolicyVersion, one role",
        snapshots,
        ops,
        seconds,
        i -> policies.setDefaultPolicyVersion(ACCOUNT, roleOnly, versions[i % 2]));
    String created = "arn:aws:iam::" + ACCOUNT + ":policy/bench-created";
    measure(
        label,
        "CreatePolicy / DeletePolicy",
        snapshots,
        ops,
        seconds,
        i -> {
          if (i % 2 == 0) {
            createPolicyRow(store, snapshots, "bench-created", 90_003);
          } else {
            ManagedPolicy p =
                store.read(tx -> tx.policies().policy(ACCOUNT, created)).orElseThrow();
            store.write(
                tx -> {
                  tx.policies().deletePolicy(p);
                  return null;
                });
            snapshots.committed(ACCOUNT, Change.policy(created));
          }
        });
  }

  /**
   * CreatePolicy as the service writes and reports it, through the store port: the API refuses it
   * above the quota of 1,500 customer managed policies, which the large account is.
   */
  static ManagedPolicy createPolicyRow(Store store, Snapshots snapshots, String name, int doc) {
    Instant now = Instant.now();
    ManagedPolicy p =
        new ManagedPolicy(ACCOUNT, name, Ids.secure().policyId(), "/", "v1", "", now, now, true, 0);
    store.write(
        tx -> {
          tx.policies().createPolicy(p, LargeAccount.document(ACCOUNT, doc));
          return null;
        });
    snapshots.committed(ACCOUNT, Change.policy(p.arn()));
    return p;
  }

  /** One operation, numbered. */
  private interface Op {
    void run(int i);
  }

  /**
   * Runs {@code op} after a warm-up; an even number of times where time allows, so that a case that
   * alternates two writes measures both.
   */
  private static void measure(
      String label, String name, Snapshots snapshots, int ops, double seconds, Op op) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long limit = (long) (seconds * 1e9);
    // Warm-up: a quarter of the operations, or of the CPU time.
    long warmUpStart = os.getProcessCpuTime();
    int i = 0;
    while (i < Math.max(2, ops / 4) && os.getProcessCpuTime() - warmUpStart < limit / 4) {
      op.run(i++);
      snapshots.current(ACCOUNT);
    }
    if (i % 2 == 1) {
      op.run(i++);
      snapshots.current(ACCOUNT);
    }
    long snapshotNanos = 0;
    long processStart = os.getProcessCpuTime();
    int done = 0;
    while (done < ops && os.getProcessCpuTime() - processStart < limit) {
      op.run(i++);
      long t = threads.getCurrentThreadCpuTime();
      snapshots.current(ACCOUNT);
      snapshotNanos += threads.getCurrentThreadCpuTime() - t;
      done++;
    }
    long processNanos = os.getProcessCpuTime() - processStart;
    System.out.printf(
        Locale.ROOT,
        "%-8s %-38s ops %4d  snapshot %9.1f µs/op  whole operation %9.1f µs/op%n",
        label,
        name,
        done,
        snapshotNanos / 1e3 / done,
        processNanos / 1e3 / done);
  }
}
