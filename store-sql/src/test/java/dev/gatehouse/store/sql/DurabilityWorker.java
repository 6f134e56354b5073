package dev.gatehouse.store.sql;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.CreatedAccessKey;
import dev.gatehouse.core.iam.EnginePolicyValidator;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.KeyHolder;
import dev.gatehouse.core.iam.ManagedPolicies;
import dev.gatehouse.core.iam.Users;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.store.Store;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The child process of {@link SqliteDurabilityTest}: writes from several threads until killed,
 * printing one line per acknowledged (committed) write, after the commit returned.
 */
public final class DurabilityWorker {
  static final String ACCOUNT = "123456789012";
  static final int THREADS = 4;
  static final int KEY_USERS = 5;
  static final int POLICIES = 3;
  static final String DOC =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
          + "\"Resource\":\"*\"}]}";

  private DurabilityWorker() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Store store = SqliteStore.open(dir);
    IamServices iam =
        IamServices.create(
            store,
            Clock.systemUTC(),
            Ids.secure(),
            KeyRing.load(dir, Map.of(), new SecureRandom()),
            new EnginePolicyValidator(),
            ManagedPolicyCatalogue.bundled(),
            IamChangeListener.none());
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(ACCOUNT, Clock.systemUTC().instant()));
          return null;
        });
    for (int i = 0; i < KEY_USERS; i++) {
      iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("k" + i));
    }
    List<String> policies = new ArrayList<>();
    for (int i = 0; i < POLICIES; i++) {
      policies.add(
          iam.managedPolicies()
              .createPolicy(ACCOUNT, ManagedPolicies.CreatePolicyRequest.of("p" + i, DOC))
              .arn());
    }
    out.println("READY");
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread th =
          new Thread(
              () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; ; i++) {
                  try {
                    switch (random.nextInt(3)) {
                      case 0 -> {
                        String name = "u-" + thread + "-" + i;
                        iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named(name));
                        out.println("ACK user " + name);
                      }
                      case 1 -> {
                        String user = "k" + random.nextInt(KEY_USERS);
                        CreatedAccessKey k =
                            iam.accessKeys().createAccessKey(ACCOUNT, KeyHolder.user(user));
                        out.println("ACK key " + k.key().accessKeyId() + " " + user);
                      }
                      default -> {
                        String arn = policies.get(random.nextInt(POLICIES));
                        String v =
                            iam.managedPolicies()
                                .createPolicyVersion(ACCOUNT, arn, DOC, false)
                                .versionId();
                        out.println("ACK version " + arn + " " + v);
                      }
                    }
                  } catch (GatehouseException e) {
                    if (e.code() != ErrorCode.LIMIT_EXCEEDED) {
                      throw e;
                    }
                  }
                }
              });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
  }
}
