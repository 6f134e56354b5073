package dev.gatehouse.core.iam;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.Store;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * IAM services over a fresh store with one account, a fixed clock and a random master key. Public
 * for the tests of the STS and authorization packages, which build on the same account.
 */
public final class IamTestKit {
  public static final Instant NOW = Instant.parse("2026-03-04T05:06:07.089Z");
  public static final String ACCOUNT = "123456789012";
  public static final String IDENTITY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
          + "\"Resource\":\"*\"}]}";
  public static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";
  public static final String READ_ONLY_ACCESS = "arn:aws:iam::aws:policy/ReadOnlyAccess";

  public final Store store;
  public final KeyRing keyRing;
  public final Snapshots snapshots;
  public final IamServices iam;

  public IamTestKit() {
    this(new MemoryStore());
  }

  public IamTestKit(Store store) {
    this(store, Clock.fixed(NOW, ZoneOffset.UTC), fastHasher());
  }

  public IamTestKit(Store store, Clock clock, PasswordHasher hasher) {
    this.store = store;
    SecureRandom random = new SecureRandom();
    byte[] key = new byte[32];
    random.nextBytes(key);
    this.keyRing = KeyRing.of(List.of(key), random);
    this.snapshots = new Snapshots(store, ManagedPolicyCatalogue.bundled());
    this.iam =
        IamServices.builder(
                store,
                clock,
                Ids.secure(),
                keyRing,
                new EnginePolicyValidator(),
                ManagedPolicyCatalogue.bundled(),
                snapshots)
            .reads(snapshots)
            .hasher(hasher)
            .build();
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(ACCOUNT, NOW));
          return null;
        });
  }

  /** Console-password hashing at a test cost (production: 600,000 iterations). */
  public static PasswordHasher fastHasher() {
    return new PasswordHasher(FAST_ITERATIONS, new SecureRandom());
  }

  static final int FAST_ITERATIONS = 1_000;

  public static void fails(ErrorCode code, String message, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(GatehouseException.class)
        .hasMessage(message)
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(code);
  }

  public static String policyArn(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":policy/" + name;
  }
}
