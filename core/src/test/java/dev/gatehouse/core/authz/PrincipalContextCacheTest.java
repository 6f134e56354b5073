package dev.gatehouse.core.authz;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.iam.IamTestKit;
import dev.gatehouse.core.iam.Users;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The principal keys a snapshot view keeps (aws:PrincipalTag/... among them) follow the snapshot: a
 * decision after a change of the principal's tags or policies sees the change.
 */
class PrincipalContextCacheTest {
  private final IamTestKit kit = new IamTestKit();
  private final SnapshotViews views = new SnapshotViews(kit.snapshots);
  private final IamAuthorizer iam = new IamAuthorizer(views, ServiceReference.bundled());
  private final Principal.User alice;

  PrincipalContextCacheTest() {
    User u =
        kit.iam
            .users()
            .createUser(
                ACCOUNT,
                new Users.CreateUserRequest("alice", "/", "", List.of(new Tag("team", "a"))));
    alice = new Principal.User(ACCOUNT, "alice", "/", u.id());
    kit.iam
        .inlinePolicies()
        .put(
            ACCOUNT,
            EntityKind.USER,
            "alice",
            "team-a",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"iam:ListUsers\",\"Resource\":\"*\",\"Condition\":"
                + "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"a\"}}}]}");
  }

  private boolean allowed() {
    return iam.decide(
            new AuthorizationRequest(
                alice, "iam:ListUsers", new Target.Any(), Map.of(), "10.0.0.1", true, NOW))
        .allowed();
  }

  @Test
  void aViewKeepsThePrincipalKeysUntilTheSnapshotChanges() {
    AuthorizationView view = views.apply(ACCOUNT);
    assertThat(view.principalContext(alice)).isSameAs(view.principalContext(alice));
    assertThat(view.principalContext(alice).get("aws:PrincipalTag/team")).contains(List.of("a"));
    kit.iam.users().tagUser(ACCOUNT, "alice", List.of(new Tag("team", "b")));
    AuthorizationView next = views.apply(ACCOUNT);
    assertThat(next).isNotSameAs(view);
    assertThat(next.principalContext(alice).get("aws:PrincipalTag/team")).contains(List.of("b"));
  }

  @Test
  void aDecisionAfterATagChangeSeesTheNewTags() {
    assertThat(allowed()).isTrue();
    assertThat(allowed()).isTrue(); // from the kept keys
    kit.iam.users().tagUser(ACCOUNT, "alice", List.of(new Tag("team", "b")));
    assertThat(allowed()).isFalse();
    kit.iam.users().untagUser(ACCOUNT, "alice", List.of("team"));
    assertThat(allowed()).isFalse();
    kit.iam.users().tagUser(ACCOUNT, "alice", List.of(new Tag("team", "a")));
    assertThat(allowed()).isTrue();
  }

  @Test
  void aDecisionAfterAPolicyChangeSeesTheNewPolicy() {
    assertThat(allowed()).isTrue();
    kit.iam.inlinePolicies().delete(ACCOUNT, EntityKind.USER, "alice", "team-a");
    assertThat(allowed()).isFalse();
  }
}
