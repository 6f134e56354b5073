package dev.gatehouse.core.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Immediate session revocation kept in the store and seen by every node sharing it. */
class RevocationsTest {
  static final String ALICE = "AIDAALICEEXAMPLE12345";
  static final String BOB = "AIDABOBEXAMPLE1234567";

  @TempDir Path dataDir;

  private final Store store = new MemoryStore();
  private final TestClock clock = new TestClock();
  private final List<String> announced = new ArrayList<>();
  private final IamChangeListener feed = announced::add;

  private Revocations node() {
    return new Revocations(store, dataDir, feed, clock);
  }

  private int counter;

  /** A session of {@code principal} started by {@code originId}, issued at {@code issued}. */
  private SessionClaims session(SessionPrincipal principal, String originId, Instant issued) {
    counter++;
    return new SessionClaims(
        "session" + counter,
        "aws",
        "123456789012",
        principal,
        originId,
        "",
        issued,
        issued.plusSeconds(3600),
        MfaFacts.absent(),
        SessionPolicies.none(),
        List.of(),
        List.of(),
        0,
        String.format("ASIAEXAMPLE%09d", counter),
        "secret");
  }

  private SessionClaims roleSession(String originId, Instant issued) {
    return session(
        new SessionPrincipal.AssumedRole(
            "arn:aws:iam::123456789012:role/deploy", "AROADEPLOYEXAMPLE1234", "s"),
        originId,
        issued);
  }

  private SessionClaims userSession(String userId, Instant issued) {
    return session(
        new SessionPrincipal.UserSession("arn:aws:iam::123456789012:user/u", userId),
        userId,
        issued);
  }

  private List<SessionRevocation> rows() {
    return store.read(tx -> tx.sessionRevocations());
  }

  @Test
  void nothingIsRevokedAtFirst() {
    assertThat(node().isRevoked(userSession(ALICE, clock.instant()))).isFalse();
    assertThat(rows()).isEmpty();
  }

  @Test
  void oneSessionByItsAccessKey() {
    Revocations revocations = node();
    Instant now = clock.instant();
    SessionClaims target = roleSession(ALICE, now.minusSeconds(60));
    SessionClaims sibling = roleSession(ALICE, now.minusSeconds(60));
    assertThat(revocations.isRevoked(target)).isFalse();
    revocations.revokeAccessKey(target.accessKeyId());
    // Read-your-writes: the view loaded before the revocation is not used again.
    assertThat(revocations.isRevoked(target)).isTrue();
    assertThat(revocations.isRevoked(sibling)).isFalse();
    assertThat(announced).containsExactly(Revocations.CHANGE_KEY);
    List<SessionRevocation> rows = rows();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).kind()).isEqualTo(SessionRevocation.Kind.ACCESS_KEY);
    assertThat(rows.get(0).id()).isEqualTo(target.accessKeyId());
  }

  @Test
  void everySessionAUserStartedBeforeNowRoleSessionsIncluded() {
    Revocations revocations = node();
    Instant before = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
    SessionClaims own = userSession(ALICE, before);
    SessionClaims role = roleSession(ALICE, before);
    SessionClaims bobs = roleSession(BOB, before);
    revocations.revokeOrigin(ALICE);
    assertThat(revocations.isRevoked(own)).isTrue();
    assertThat(revocations.isRevoked(role)).isTrue();
    assertThat(revocations.isRevoked(bobs)).as("another user's session").isFalse();
    // Sessions issued at or after the revocation survive: "issued before" is strict.
    Instant at = rows().get(0).at();
    assertThat(at).isEqualTo(at.truncatedTo(ChronoUnit.MILLIS));
    clock.advance(Duration.ofSeconds(2));
    assertThat(revocations.isRevoked(userSession(ALICE, clock.instant()))).isFalse();
    assertThat(revocations.isRevoked(roleSession(ALICE, clock.instant()))).isFalse();
  }

  @Test
  void anotherNodeSeesARevocationOnceTheChangeFeedReportsIt() {
    Revocations a = node();
    Revocations b = node();
    SessionClaims s = roleSession(ALICE, clock.instant().minusSeconds(60));
    assertThat(b.isRevoked(s)).isFalse();
    a.revokeAccessKey(s.accessKeyId());
    assertThat(a.isRevoked(s)).isTrue();
    assertThat(b.isRevoked(s)).as("b's view is as loaded until told").isFalse();
    b.committed(Revocations.CHANGE_KEY);
    assertThat(b.isRevoked(s)).isTrue();

    SessionClaims t = userSession(BOB, clock.instant().minusSeconds(60));
    assertThat(a.isRevoked(t)).isFalse();
    b.revokeOrigin(BOB);
    assertThat(a.isRevoked(t)).isFalse();
    a.everythingChanged();
    assertThat(a.isRevoked(t)).isTrue();
    // A node started later loads everything from the store.
    assertThat(node().isRevoked(s)).isTrue();
    assertThat(node().isRevoked(t)).isTrue();
  }

  @Test
  void entriesOlderThanTheLongestSessionArePruned() {
    Revocations revocations = node();
    SessionClaims old = roleSession(ALICE, clock.instant().minusSeconds(60));
    revocations.revokeAccessKey(old.accessKeyId());
    revocations.revokeOrigin(ALICE);
    clock.advance(RevocationList.LONGEST_SESSION.plusSeconds(1));
    revocations.revokeOrigin(BOB);
    assertThat(rows()).extracting(SessionRevocation::id).containsExactly(BOB);
    // Nothing the pruned entries matched can still be alive; a new session of alice is not revoked.
    assertThat(revocations.isRevoked(userSession(ALICE, clock.instant()))).isFalse();
  }
}
