package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.IDENTITY;
import static dev.gatehouse.core.iam.IamTestKit.READ_ONLY_ACCESS;
import static dev.gatehouse.core.iam.IamTestKit.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.error.ErrorCode;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountsTest {
  private final IamServices iam = new IamTestKit().iam;

  @Test
  void aliases() {
    assertThat(iam.accounts().listAccountAliases(ACCOUNT)).isEmpty();
    iam.accounts().createAccountAlias(ACCOUNT, "my-corp");
    iam.accounts().createAccountAlias(ACCOUNT, "my-corp"); // the same alias again is fine
    assertThat(iam.accounts().listAccountAliases(ACCOUNT)).containsExactly("my-corp");
    iam.accounts().deleteAccountAlias(ACCOUNT, "my-corp");
    assertThat(iam.accounts().listAccountAliases(ACCOUNT)).isEmpty();
  }

  @Test
  void summaryCountsWhatExists() {
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("u"));
    iam.groups().createGroup(ACCOUNT, "g", "");
    iam.roles().createRole(ACCOUNT, Roles.CreateRoleRequest.of("r", TRUST));
    var p =
        iam.managedPolicies()
            .createPolicy(ACCOUNT, ManagedPolicies.CreatePolicyRequest.of("p", IDENTITY));
    iam.managedPolicies().createPolicyVersion(ACCOUNT, p.arn(), IDENTITY, false);
    iam.accessKeys().createAccessKey(ACCOUNT, KeyHolder.root());
    Map<String, Integer> m = iam.accounts().getAccountSummary(ACCOUNT);
    assertThat(m)
        .containsEntry("Users", 1)
        .containsEntry("Groups", 1)
        .containsEntry("Roles", 1)
        .containsEntry("Policies", 1)
        .containsEntry("PolicyVersionsInUse", 2)
        .containsEntry("AccountAccessKeysPresent", 1)
        .containsEntry("AccessKeysPerUserQuota", 2)
        .containsEntry("VersionsPerPolicyQuota", 5);
    IamTestKit.fails(
        ErrorCode.NO_SUCH_ENTITY,
        "The account 210987654321 cannot be found.",
        () -> iam.accounts().getAccountSummary("210987654321"));
  }

  @Test
  void authorizationDetailsListEverythingOrWhatTheFilterAsks() {
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("u"));
    iam.groups().createGroup(ACCOUNT, "g", "");
    iam.groups().addUserToGroup(ACCOUNT, "g", "u");
    iam.roles().createRole(ACCOUNT, Roles.CreateRoleRequest.of("r", TRUST));
    iam.inlinePolicies().put(ACCOUNT, EntityKind.USER, "u", "inline", IDENTITY);
    iam.inlinePolicies().put(ACCOUNT, EntityKind.GROUP, "g", "inline", IDENTITY);
    iam.attachments().attachRolePolicy(ACCOUNT, "r", READ_ONLY_ACCESS);
    iam.managedPolicies()
        .createPolicy(ACCOUNT, ManagedPolicies.CreatePolicyRequest.of("p", IDENTITY));

    AuthorizationDetails all = iam.accounts().getAccountAuthorizationDetails(ACCOUNT, Set.of());
    assertThat(all.users()).hasSize(1);
    assertThat(all.users().get(0).groupNames()).containsExactly("g");
    assertThat(all.users().get(0).inlinePolicies()).hasSize(1);
    assertThat(all.groups().get(0).inlinePolicies()).hasSize(1);
    assertThat(all.roles().get(0).attachedPolicies())
        .containsExactly(new AttachedPolicy("ReadOnlyAccess", READ_ONLY_ACCESS));
    assertThat(all.policies())
        .extracting(d -> d.policy().name())
        .containsExactly("p", "ReadOnlyAccess");
    assertThat(all.policies().get(1).policy().attachmentCount()).isEqualTo(1);

    AuthorizationDetails roles =
        iam.accounts()
            .getAccountAuthorizationDetails(ACCOUNT, Set.of(AuthorizationDetails.Filter.ROLE));
    assertThat(roles.users()).isEmpty();
    assertThat(roles.groups()).isEmpty();
    assertThat(roles.policies()).isEmpty();
    assertThat(roles.roles()).hasSize(1);
    assertThat(AuthorizationDetails.Filter.fromWireName("AWSManagedPolicy"))
        .contains(AuthorizationDetails.Filter.AWS_MANAGED_POLICY);
    assertThat(AuthorizationDetails.Filter.fromWireName("nope")).isEmpty();
    assertThat(AuthorizationDetails.Filter.USER.wireName()).isEqualTo("User");
  }
}
