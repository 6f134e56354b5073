package dev.gatehouse.core.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.WriteTransaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes sharing a store start at once on an empty one: both read "no account", and the one that
 * takes the write lock second must keep the first one's account instead of creating another.
 */
class BootstrapSharedStoreTest {
  private static final String OTHER = "210987654321";

  /** Lets the other node commit its account between this node's read and its write. */
  private static final class OtherNodeFirst implements Store {
    private final MemoryStore delegate = new MemoryStore();
    private boolean raced;

    @Override
    public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
      return delegate.read(work);
    }

    @Override
    public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
      if (!raced) {
        raced = true;
        delegate.write(
            tx -> {
              tx.accounts()
                  .createAccount(new Account(OTHER, Instant.parse("2026-11-29T08:00:00Z")));
              return null;
            });
      }
      return delegate.write(work);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static IamServices services(Store store) {
    return BootstrapTest.services(store, IamTestKit.fastHasher());
  }

  @Test
  void theNodeThatLosesTheRaceKeepsTheOtherNodesAccountAndWritesNoCredentials(@TempDir Path dir) {
    OtherNodeFirst store = new OtherNodeFirst();
    Bootstrap.Result r =
        new Bootstrap(services(store)).run(new Bootstrap.Options(dir, "", Map.of()));

    assertThat(r.created()).isFalse();
    assertThat(r.managementAccountId()).isEqualTo(OTHER);
    assertThat(store.read((ReadTransaction tx) -> tx.accounts().all()))
        .extracting(Account::id)
        .containsExactly(OTHER);
    // The generated root key was never stored, so its file is gone; the password is the one this
    // node set on the kept account (the other node had none yet) and is in a fresh file.
    assertThat(r.accessKeyWritten()).isFalse();
    assertThat(r.rootAccessKeyIds()).isEmpty();
    assertThat(r.consolePasswordWritten()).isTrue();
    assertThat(r.credentialsFile()).isPresent();
    assertThat(Files.exists(dir.resolve(Bootstrap.CREDENTIALS_FILE))).isTrue();
  }

  @Test
  void anEnvironmentRootKeyIsStoredOnceWhicheverNodeWins(@TempDir Path dir) {
    OtherNodeFirst store = new OtherNodeFirst();
    Map<String, String> env =
        Map.of(
            Bootstrap.ENV_ACCESS_KEY_ID, "AKIAIOSFODNN7EXAMPLE",
            Bootstrap.ENV_SECRET_ACCESS_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            Bootstrap.ENV_ROOT_PASSWORD, "Root-password-1");
    Bootstrap.Result r = new Bootstrap(services(store)).run(new Bootstrap.Options(dir, "", env));

    assertThat(r.managementAccountId()).isEqualTo(OTHER);
    assertThat(r.rootAccessKeyIds()).containsExactly("AKIAIOSFODNN7EXAMPLE");
    assertThat(r.credentialsFile()).isEmpty();
    assertThat(store.read((ReadTransaction tx) -> tx.accounts().all())).hasSize(1);
  }
}
