package dev.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.mfa.TotpState;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.sts.SessionRevocation;
import dev.gatehouse.core.sts.SessionRevocation.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Contract: virtual MFA devices and session revocations (migration V5). */
public abstract class StoreContractSts extends StoreContractServiceAccess {

  protected VirtualMfaDevice device(String name) {
    return VirtualMfaDevice.unassigned(
        account, "arn:aws:iam::" + account + ":mfa/" + name, "sealed-" + name, T0);
  }

  protected VirtualMfaDevice createDevice(String name) {
    VirtualMfaDevice d = device(name);
    write(tx -> tx.mfa().createMfaDevice(d));
    return d;
  }

  @Test
  void mfaDevicesAreStoredListedByAccountAndUniqueCaseInsensitively() {
    VirtualMfaDevice b = createDevice("b-device");
    VirtualMfaDevice a = createDevice("A-device");
    assertThat(reads().mfa().mfaDevice(a.serialNumber())).contains(a);
    assertThat(reads().mfa().mfaDevice(a.serialNumber().toLowerCase(java.util.Locale.ROOT)))
        .isEmpty();
    assertThat(reads().mfa().mfaDevices(account)).containsExactly(a, b);
    assertThat(reads().mfa().mfaSerialTaken(a.serialNumber().toLowerCase(java.util.Locale.ROOT)))
        .isTrue();
    assertThat(reads().mfa().mfaSerialTaken(a.serialNumber() + "x")).isFalse();
    assertThatThrownBy(() -> createDevice("a-DEVICE")).isInstanceOf(StoreConflict.class);
    String other = newAccount();
    assertThat(reads().mfa().mfaDevices(other)).isEmpty();
    assertThat(writes().mfa().deleteMfaDevice(a.serialNumber())).isTrue();
    assertThat(writes().mfa().deleteMfaDevice(a.serialNumber())).isFalse();
    assertThat(reads().mfa().mfaDevices(account)).containsExactly(b);
  }

  @Test
  void aDeviceIsEnabledForAUserById() {
    User u = createUser("alice");
    VirtualMfaDevice d = createDevice("alice");
    VirtualMfaDevice enabled = d.enabledFor(u.id(), T0.plusSeconds(5), new TotpState(100, 0));
    write(tx -> tx.mfa().updateMfaDevice(enabled));
    assertThat(reads().mfa().mfaDevice(d.serialNumber())).contains(enabled);
    write(tx -> tx.users().updateUser(u.withNameAndPath("alice2", "/")));
    assertThat(reads().mfa().mfaDevice(d.serialNumber()).orElseThrow().userId()).contains(u.id());

    write(tx -> tx.mfa().updateMfaDevice(enabled.deactivated()));
    assertThat(reads().mfa().mfaDevice(d.serialNumber())).contains(d);
  }

  @Test
  void aDeviceIsEnabledForTheRootUserApartFromEveryIamUser() {
    User u = createUser("root-account-mfa-device");
    VirtualMfaDevice d = createDevice("root-account-mfa-device");
    VirtualMfaDevice forRoot =
        d.enabledFor(new VirtualMfaDevice.Assignee.Root(), T0.plusSeconds(7), new TotpState(42, 1));
    write(tx -> tx.mfa().updateMfaDevice(forRoot));
    VirtualMfaDevice read = reads().mfa().mfaDevice(d.serialNumber()).orElseThrow();
    assertThat(read).isEqualTo(forRoot);
    assertThat(read.heldByRoot()).isTrue();
    assertThat(read.userId()).isEmpty();
    assertThat(read.enableDate()).contains(T0.plusSeconds(7));
    assertThat(reads().mfa().mfaDevices(account)).containsExactly(forRoot);
    // The root user's device is no IAM user's: not even one whose name is the device's.
    write(tx -> tx.users().deleteUser(u.id()));
    assertThat(reads().mfa().mfaDevice(d.serialNumber())).contains(forRoot);
    // Deactivated, it is unassigned again, as a user's would be.
    write(tx -> tx.mfa().updateMfaDevice(forRoot.deactivated()));
    VirtualMfaDevice off = reads().mfa().mfaDevice(d.serialNumber()).orElseThrow();
    assertThat(off).isEqualTo(d);
    assertThat(off.heldByRoot()).isFalse();
    assertThat(off.assignment()).isEmpty();
  }

  @Test
  void aUserWithAnEnabledDeviceIsSeenAsHoldingOne() {
    User u = createUser("bob");
    VirtualMfaDevice d = createDevice("bob");
    assertThat(reads().mfa().userHasMfaDevice(u.id())).isFalse();
    write(tx -> tx.mfa().updateMfaDevice(d.enabledFor(u.id(), T0, TotpState.initial())));
    assertThat(reads().mfa().userHasMfaDevice(u.id())).isTrue();
    write(tx -> tx.mfa().updateMfaDevice(d));
    assertThat(reads().mfa().userHasMfaDevice(u.id())).isFalse();
    write(tx -> tx.users().deleteUser(u.id()));
    assertThat(reads().users().user(account, "bob")).isEmpty();
    assertThat(reads().mfa().mfaDevice(d.serialNumber())).contains(d);
  }

  @Test
  void theVerifierStateIsReplacedOnlyFromTheExpectedState() {
    VirtualMfaDevice d = createDevice("cas");
    TotpState used = new TotpState(7, 1);
    assertThat(writes().mfa().replaceMfaDeviceState(d.serialNumber(), new TotpState(3, 0), used))
        .isFalse();
    assertThat(writes().mfa().replaceMfaDeviceState(d.serialNumber(), d.state(), used)).isTrue();
    assertThat(writes().mfa().replaceMfaDeviceState(d.serialNumber(), d.state(), used)).isFalse();
    assertThat(reads().mfa().mfaDevice(d.serialNumber()).orElseThrow().state()).isEqualTo(used);
    assertThat(writes().mfa().replaceMfaDeviceState("arn:aws:iam::1:mfa/none", d.state(), used))
        .isFalse();
  }

  @Test
  void concurrentCompareAndSetsFromOneStateLetExactlyOneWin() throws Exception {
    VirtualMfaDevice d = createDevice("race");
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Callable<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        TotpState next = new TotpState(10 + i, 0);
        calls.add(
            () ->
                store.write(
                    tx ->
                        tx.mfa()
                            .replaceMfaDeviceState(d.serialNumber(), TotpState.initial(), next)));
      }
      int won = 0;
      for (Future<Boolean> f : pool.invokeAll(calls)) {
        won += f.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void revocationsKeepTheLaterTimeAndArePruned() {
    String key = "ASIA" + account;
    String origin = ids.userId();
    writes().sessions().putSessionRevocation(new SessionRevocation(Kind.ACCESS_KEY, key, T0));
    writes()
        .sessions()
        .putSessionRevocation(new SessionRevocation(Kind.ORIGIN, origin, T0.plusSeconds(60)));
    writes()
        .sessions()
        .putSessionRevocation(new SessionRevocation(Kind.ORIGIN, origin, T0.plusSeconds(30)));
    writes().sessions().putSessionRevocation(new SessionRevocation(Kind.ORIGIN, key, T0));
    assertThat(mine())
        .containsExactly(
            new SessionRevocation(Kind.ACCESS_KEY, key, T0),
            new SessionRevocation(Kind.ORIGIN, origin, T0.plusSeconds(60)),
            new SessionRevocation(Kind.ORIGIN, key, T0));
    writes()
        .sessions()
        .putSessionRevocation(new SessionRevocation(Kind.ORIGIN, origin, T0.plusSeconds(90)));
    assertThat(writes().sessions().pruneSessionRevocations(T0.minus(Duration.ofDays(1)))).isZero();
    assertThat(writes().sessions().pruneSessionRevocations(T0)).isGreaterThanOrEqualTo(2);
    assertThat(mine())
        .containsExactly(new SessionRevocation(Kind.ORIGIN, origin, T0.plusSeconds(90)));
  }

  /** This test's entries (tests share one database). */
  private List<SessionRevocation> mine() {
    return reads().sessions().sessionRevocations().stream()
        .filter(r -> r.id().contains(account) || r.at().isAfter(T0))
        .toList();
  }
}
