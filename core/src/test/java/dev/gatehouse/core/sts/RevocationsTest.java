package dev.gatehouse.core.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The revocation view reloads when a revocation is reported, and only then. */
class RevocationsTest {
  private final Store store = new MemoryStore();
  private final Clock clock = Clock.fixed(Claims.ISSUED.plusSeconds(600), ZoneOffset.UTC);

  @Test
  void aRevocationIsSeenByTheNextCheckOfTheViewItsRevokerTells(@TempDir Path dir) {
    Revocations view = new Revocations(store, dir);
    SessionRevoker revoker = new SessionRevoker(store, view, clock);
    assertThat(view.isRevoked(Claims.role())).isFalse();

    revoker.revokeAccessKey(Claims.ACCESS_KEY);

    assertThat(view.isRevoked(Claims.role())).isTrue();
  }

  @Test
  void anotherNodesRevocationIsSeenOnceReportedNotOnAnIamChange(@TempDir Path dir) {
    Revocations view = new Revocations(store, dir);
    SessionRevoker elsewhere = new SessionRevoker(store, IamChangeListener.none(), clock);
    assertThat(view.isRevoked(Claims.role())).isFalse();

    elsewhere.revokeOrigin(Claims.role().originId());
    view.committed("123456789012");
    assertThat(view.isRevoked(Claims.role())).as("an IAM write: no reload").isFalse();

    view.committed(Revocations.CHANGE_KEY);
    assertThat(view.isRevoked(Claims.role())).isTrue();
  }

  @Test
  void aLostFeedReloadsTheView(@TempDir Path dir) {
    Revocations view = new Revocations(store, dir);
    assertThat(view.isRevoked(Claims.role())).isFalse();

    new SessionRevoker(store, IamChangeListener.none(), clock).revokeAccessKey(Claims.ACCESS_KEY);
    view.everythingChanged();

    assertThat(view.isRevoked(Claims.role())).isTrue();
  }
}
