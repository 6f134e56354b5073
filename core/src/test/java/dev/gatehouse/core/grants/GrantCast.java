package dev.gatehouse.core.grants;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The cast of the access-grant tests: one account at {@link #T0}, Stuart who requests and Maria who
 * approves, and the roles a test names.
 */
public final class GrantCast {
  public static final String ACCOUNT = "123456789012";
  public static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  public static final User STUART =
      new User(ACCOUNT, "Stuart", "AIDASTUART0000000001", "/", T0, "");
  public static final User MARIA = new User(ACCOUNT, "Maria", "AIDAMARIA00000000001", "/", T0, "");

  private GrantCast() {}

  /** A role of the account with an empty trust policy. */
  public static Role role(String name, String id) {
    return new Role(ACCOUNT, name, id, "/", T0, "", 3600, "{}", "");
  }

  /** Creates the account, {@code roles}, Stuart and Maria. */
  public static void seed(Store store, Role... roles) {
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(ACCOUNT, T0));
          for (Role r : roles) {
            tx.roles().createRole(r);
          }
          tx.users().createUser(STUART);
          tx.users().createUser(MARIA);
          return null;
        });
  }

  /** Grants of up to four hours, Maria's approval alone, nothing else asked of the requester. */
  public static RequestPolicy.Terms mariaApproves() {
    return new RequestPolicy.Terms(
        Duration.ofHours(4), List.of(MARIA.arn()), 1, false, false, false, false, false, false);
  }

  /** {@code user} acting without MFA. */
  public static GrantActor actor(User user) {
    return new GrantActor(new Principal.User(ACCOUNT, user.name(), "/", user.id()), false);
  }
}
