package dev.gatehouse.core.sts;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.AuthorizationResult;
import dev.gatehouse.core.authz.AuthorizationView;
import dev.gatehouse.core.authz.IamAuthorizer;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.ServiceReference;
import dev.gatehouse.core.authz.SnapshotViews;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.iam.IamTestKit;
import dev.gatehouse.core.iam.ManagedPolicies;
import dev.gatehouse.policy.CompiledPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Managed session policies (PolicyArns) resolve to their default version at each request. */
class ManagedSessionPoliciesTest {
  static final String OBJECT = "arn:aws:s3:::bucket/key";

  private final StsFixture f = new StsFixture();
  private final SnapshotViews snapshotViews = new SnapshotViews(f.kit.snapshots);
  private final ManagedSessionPolicies managed =
      new ManagedSessionPolicies(snapshotViews, f.kit.iam);
  private final IamAuthorizer authorizer = new IamAuthorizer(managed, ServiceReference.bundled());

  private static String allow(String action) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
        + action
        + "\",\"Resource\":\"*\"}]}";
  }

  private String createPolicy(String name, String document) {
    return f.kit
        .iam
        .managedPolicies()
        .createPolicy(ACCOUNT, ManagedPolicies.CreatePolicyRequest.of(name, document))
        .arn();
  }

  private Principal.Session sessionWith(List<String> policyArns) {
    AssumeRoleRequest in =
        new AssumeRoleRequest(
            f.deploy.arn(),
            "s",
            Optional.empty(),
            "",
            new MfaCode("", ""),
            new SessionPolicies("", policyArns),
            List.of(),
            List.of(),
            "");
    return new Principal.Session(
        f.issuer.assumeRole(f.alice, f.deploy, in, MfaFacts.absent()).claims());
  }

  private AuthorizationResult decide(Principal p, String action) {
    return authorizer.decide(
        new AuthorizationRequest(
            p, action, new Target.Arn(OBJECT), Map.of(), "10.0.0.1", true, NOW));
  }

  @Test
  void theViewAddsManagedPoliciesAndPassesEverythingElseThrough() {
    f.kit.iam.users().tagUser(ACCOUNT, "alice", List.of(new Tag("team", "a")));
    f.kit.iam.inlinePolicies().put(ACCOUNT, EntityKind.USER, "alice", "p", allow("s3:GetObject"));
    f.kit.iam.users().putUserPermissionsBoundary(ACCOUNT, "alice", IamTestKit.READ_ONLY_ACCESS);
    AuthorizationView plain = snapshotViews.apply(ACCOUNT);
    AuthorizationView view = managed.apply(ACCOUNT);
    assertThat(view.identityPolicies(f.alice))
        .isEqualTo(plain.identityPolicies(f.alice))
        .hasSize(1);
    assertThat(view.permissionsBoundary(f.alice))
        .isEqualTo(plain.permissionsBoundary(f.alice))
        .isPresent();
    assertThat(view.principalTags(f.alice)).containsExactly(Map.entry("team", "a"));
    assertThat(view.path("user", "alice")).contains("/eng/");
    assertThat(view.path("role", "deploy")).contains("/ops/");
    assertThat(view.resourceTags("user", "alice")).containsExactly(Map.entry("team", "a"));
    // The snapshot view alone knows no managed policies.
    assertThat(plain.managedPolicy(IamTestKit.READ_ONLY_ACCESS)).isEmpty();
    assertThat(view.managedPolicy(IamTestKit.READ_ONLY_ACCESS)).isPresent();
  }

  @Test
  void resolvesCustomerAndAwsManagedPoliciesCompiledOncePerVersion() {
    String arn = createPolicy("session-get", allow("s3:GetObject"));
    Optional<CompiledPolicy> first = managed.resolve(ACCOUNT, arn);
    assertThat(first).isPresent();
    assertThat(managed.resolve(ACCOUNT, arn).orElseThrow()).isSameAs(first.orElseThrow());
    assertThat(managed.resolve(ACCOUNT, IamTestKit.READ_ONLY_ACCESS)).isPresent();

    f.kit.iam.managedPolicies().createPolicyVersion(ACCOUNT, arn, allow("s3:PutObject"), true);
    assertThat(managed.resolve(ACCOUNT, arn).orElseThrow()).isNotSameAs(first.orElseThrow());
  }

  @Test
  void unknownOrForeignPoliciesResolveToNothing() {
    String arn = createPolicy("mine", allow("s3:GetObject"));
    assertThat(managed.resolve(ACCOUNT, "arn:aws:iam::123456789012:policy/none")).isEmpty();
    assertThat(managed.resolve(ACCOUNT, "arn:aws:iam::aws:policy/NoSuchManagedPolicy")).isEmpty();
    assertThat(managed.resolve(ACCOUNT, "not an arn")).isEmpty();
    // A policy of another account is not found from this one.
    assertThat(managed.resolve("210987654321", arn)).isEmpty();
  }

  @Test
  void aSessionIsLimitedByItsManagedPoliciesAtTheirCurrentDefaultVersion() {
    f.kit.iam.inlinePolicies().put(ACCOUNT, EntityKind.ROLE, "deploy", "all", allow("s3:*"));
    String arn = createPolicy("session-get", allow("s3:GetObject"));
    Principal.Session session = sessionWith(List.of(arn));
    Principal.Session unlimited = sessionWith(List.of());

    assertThat(decide(session, "s3:GetObject").allowed()).isTrue();
    AuthorizationResult put = decide(session, "s3:PutObject");
    assertThat(((AuthorizationResult.Denied) put).basis())
        .isEqualTo(AuthorizationResult.Basis.NO_SESSION_POLICY_ALLOW);
    assertThat(decide(unlimited, "s3:PutObject").allowed()).isTrue();

    // A new default version applies to the live session.
    f.kit.iam.managedPolicies().createPolicyVersion(ACCOUNT, arn, allow("s3:PutObject"), true);
    assertThat(decide(session, "s3:PutObject").allowed()).isTrue();
    assertThat(decide(session, "s3:GetObject").allowed()).isFalse();

    // A deleted policy grants nothing: the session stays narrowed, never widened to the role.
    f.kit.iam.managedPolicies().deletePolicyVersion(ACCOUNT, arn, "v1");
    f.kit.iam.managedPolicies().deletePolicy(ACCOUNT, arn);
    assertThat(decide(session, "s3:PutObject").allowed()).isFalse();
    assertThat(decide(session, "s3:GetObject").allowed()).isFalse();
    assertThat(decide(unlimited, "s3:GetObject").allowed()).isTrue();
  }

  @Test
  void anAwsManagedPolicyLargerThanAnInlineSessionPolicyMayBeOne() {
    // ReadOnlyAccess is far over the 2,048 characters an inline session policy may have.
    f.kit.iam.inlinePolicies().put(ACCOUNT, EntityKind.ROLE, "deploy", "all", allow("s3:*"));
    Principal.Session session = sessionWith(List.of(IamTestKit.READ_ONLY_ACCESS));
    assertThat(decide(session, "s3:GetObject").allowed()).isTrue();
    assertThat(((AuthorizationResult.Denied) decide(session, "s3:PutObject")).basis())
        .isEqualTo(AuthorizationResult.Basis.NO_SESSION_POLICY_ALLOW);
  }
}
