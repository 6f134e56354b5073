package dev.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.PasswordPolicy;
import dev.gatehouse.core.domain.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract: login profiles, root passwords and account password policies. */
public abstract class StoreContractPasswords extends StoreContractOrganizations {
  private static final String HASH = "pbkdf2-sha256$1000$c2FsdA$aGFzaA";

  @Test
  void loginProfilesAreCreatedOnceUpdatedAndDeleted() {
    User bob = createUser("Bob");
    assertThat(reads().passwords().loginProfile(bob.id())).isEmpty();
    LoginProfile created = LoginProfile.created(bob.id(), HASH, T0, true);
    write(tx -> tx.passwords().createLoginProfile(created));
    assertThat(reads().passwords().loginProfile(bob.id())).contains(created);
    assertThatThrownBy(() -> write(tx -> tx.passwords().createLoginProfile(created)))
        .isInstanceOf(StoreConflict.class);

    Instant later = T0.plusSeconds(60);
    List<String> hashes = new ArrayList<>();
    LoginProfile current = created;
    for (int i = 0; i < LoginProfile.MAX_HISTORY + 2; i++) {
      hashes.add(0, current.passwordHash());
      current = current.withPassword(HASH + i, later, false);
      LoginProfile next = current;
      write(tx -> tx.passwords().updateLoginProfile(next));
    }
    LoginProfile read = reads().passwords().loginProfile(bob.id()).orElseThrow();
    assertThat(read).isEqualTo(current);
    assertThat(read.createDate()).isEqualTo(T0);
    assertThat(read.passwordChangedAt()).isEqualTo(later);
    assertThat(read.passwordResetRequired()).isFalse();
    assertThat(read.passwordHistory())
        .hasSize(LoginProfile.MAX_HISTORY)
        .isEqualTo(hashes.subList(0, LoginProfile.MAX_HISTORY));

    assertThat(writes().passwords().deleteLoginProfile(bob.id())).isTrue();
    assertThat(writes().passwords().deleteLoginProfile(bob.id())).isFalse();
    assertThat(reads().passwords().loginProfile(bob.id())).isEmpty();
    // An update of a profile that is gone stores nothing.
    write(tx -> tx.passwords().updateLoginProfile(created));
    assertThat(reads().passwords().loginProfile(bob.id())).isEmpty();
  }

  @Test
  void aFailedWriteKeepsNoLoginProfile() {
    User alice = createUser("alice");
    write(
        tx -> tx.passwords().createLoginProfile(LoginProfile.created(alice.id(), HASH, T0, false)));
    User carol = createUser("carol");
    assertThatThrownBy(
            () ->
                write(
                    tx -> {
                      tx.passwords()
                          .createLoginProfile(LoginProfile.created(carol.id(), HASH, T0, false));
                      tx.passwords()
                          .createLoginProfile(LoginProfile.created(alice.id(), HASH, T0, false));
                    }))
        .isInstanceOf(StoreConflict.class);
    assertThat(reads().passwords().loginProfile(carol.id())).isEmpty();
    write(tx -> tx.passwords().deleteLoginProfile(alice.id()));
    write(tx -> tx.users().deleteUser(alice.id()));
    assertThat(reads().users().user(account, "alice")).isEmpty();
  }

  @Test
  void rootPasswordsAreSetAndReplacedPerAccount() {
    assertThat(reads().passwords().rootPasswordHash(account)).isEmpty();
    write(tx -> tx.passwords().setRootPasswordHash(account, HASH));
    assertThat(reads().passwords().rootPasswordHash(account)).contains(HASH);
    write(tx -> tx.passwords().setRootPasswordHash(account, HASH + "2"));
    assertThat(reads().passwords().rootPasswordHash(account)).contains(HASH + "2");
    String other = newAccount();
    assertThat(reads().passwords().rootPasswordHash(other)).isEmpty();
  }

  @Test
  void passwordPoliciesAreSetReplacedAndDeleted() {
    assertThat(reads().passwords().passwordPolicy(account)).isEmpty();
    PasswordPolicy strict = new PasswordPolicy(14, true, true, true, true, true, 90, 24, true);
    PasswordPolicy loose = new PasswordPolicy(6, false, false, false, false, false, 0, 0, false);
    write(tx -> tx.passwords().putPasswordPolicy(account, strict));
    assertThat(reads().passwords().passwordPolicy(account)).contains(strict);
    write(tx -> tx.passwords().putPasswordPolicy(account, loose));
    assertThat(reads().passwords().passwordPolicy(account)).contains(loose);
    assertThat(reads().passwords().passwordPolicy(newAccount())).isEmpty();
    assertThat(writes().passwords().deletePasswordPolicy(account)).isTrue();
    assertThat(writes().passwords().deletePasswordPolicy(account)).isFalse();
    assertThat(reads().passwords().passwordPolicy(account)).isEmpty();
  }
}
