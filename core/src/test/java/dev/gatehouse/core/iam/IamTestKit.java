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

/** IAM services over a fresh store with one account, a fixed clock and a random master key. */
final class IamTestKit {
  static final Instant NOW = Instant.parse("2026-03-04T05:06:07.089Z");
  static final String ACCOUNT = "123456789012";
  static final String IDENTITY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
          + "\"Resource\":\"*\"}]}";
  static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final String READ_ONLY_ACCESS = "arn:aws:iam::aws:policy/ReadOnlyAccess";

  final Store store;
  final KeyRing keyRing;
  final Snapshots snapshots;
  final IamServices iam;

  IamTestKit() {
    this(new MemoryStore());
  }

  IamTestKit(Store store) {
    this(store, Clock.fixed(NOW, ZoneOffset.UTC), fastHasher());
  }

  IamTestKit(Store store, Clock clock, PasswordHasher hasher) {
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
          tx.createAccount(new Account(ACCOUNT, NOW));
          return null;
        });
  }

  /** Console-password hashing at a test cost (production: 600,000 iterations). */
  static PasswordHasher fastHasher() {
    return new PasswordHasher(FAST_ITERATIONS, new SecureRandom());
  }

  static final int FAST_ITERATIONS = 1_000;

  static void fails(ErrorCode code, String message, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(GatehouseException.class)
        .hasMessage(message)
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(code);
  }

  static String policyArn(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":policy/" + name;
  }
}
