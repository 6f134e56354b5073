package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's cross-account walk-through with the Debian AWS CLI: create the organization and a
 * member account, follow the request, list and describe (the root and the account's parent too),
 * then assume the member's OrganizationAccountAccessRole and create a user there. Skipped (visibly)
 * only when /usr/bin/aws is absent.
 */
class OrganizationsCliTest extends AwsCliServerTest {
  static final String MANAGEMENT = "123456789012";

  static AwsCli.Result fails(Map<String, String> credentials, String... args) throws Exception {
    AwsCli.Result r = aws(credentials, args);
    assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.out()).isNotZero();
    return r;
  }

  @Test
  void createAnAccountAndManageItFromTheManagementAccount() throws Exception {
    Map<String, String> admin = AwsCli.keys(server.rootKeyId, server.rootSecret);
    assertThat(fails(admin, "organizations", "describe-organization").err())
        .contains(
            "An error occurred (AWSOrganizationsNotInUseException) when calling the"
                + " DescribeOrganization operation: Your account is not a member of an"
                + " organization.");

    JsonNode org = ok(admin, "organizations", "create-organization", "--feature-set", "ALL");
    assertThat(org.at("/Organization/MasterAccountId").asText()).isEqualTo(MANAGEMENT);
    assertThat(fails(admin, "organizations", "create-organization").err())
        .contains("(AlreadyInOrganizationException)");

    JsonNode status =
        ok(
            admin,
            "organizations",
            "create-account",
            "--email",
            "dev@example.com",
            "--account-name",
            "Development",
            "--tags",
            "Key=team,Value=platform");
    String requestId = status.at("/CreateAccountStatus/Id").asText();
    JsonNode described =
        ok(
            admin,
            "organizations",
            "describe-create-account-status",
            "--create-account-request-id",
            requestId);
    assertThat(described.at("/CreateAccountStatus/State").asText()).isEqualTo("SUCCEEDED");
    String member = described.at("/CreateAccountStatus/AccountId").asText();
    assertThat(member).matches("[0-9]{12}");

    JsonNode list = ok(admin, "organizations", "list-accounts");
    assertThat(list.get("Accounts").findValuesAsText("Id")).contains(MANAGEMENT, member);
    JsonNode account = ok(admin, "organizations", "describe-account", "--account-id", member);
    assertThat(account.at("/Account/Name").asText()).isEqualTo("Development");
    assertThat(account.at("/Account/JoinedMethod").asText()).isEqualTo("CREATED");
    JsonNode roots = ok(admin, "organizations", "list-roots");
    String rootId = roots.at("/Roots/0/Id").asText();
    assertThat(rootId).matches("r-[0-9a-z]{4,32}");
    assertThat(roots.get("Roots")).hasSize(1);
    assertThat(roots.at("/Roots/0/Arn").asText())
        .isEqualTo(
            "arn:aws:organizations::"
                + MANAGEMENT
                + ":root/"
                + org.at("/Organization/Id").asText()
                + "/"
                + rootId);
    assertThat(roots.at("/Roots/0/Name").asText()).isEqualTo("Root");
    assertThat(roots.at("/Roots/0/PolicyTypes").isArray()).isTrue();
    JsonNode parents = ok(admin, "organizations", "list-parents", "--child-id", member);
    assertThat(parents.get("Parents")).hasSize(1);
    assertThat(parents.at("/Parents/0/Id").asText()).isEqualTo(rootId);
    assertThat(parents.at("/Parents/0/Type").asText()).isEqualTo("ROOT");
    assertThat(fails(admin, "organizations", "list-parents", "--child-id", "999999999999").err())
        .contains(
            "An error occurred (ChildNotFoundException) when calling the ListParents operation:"
                + " We can't find an organizational unit (OU) or Amazon Web Services account with"
                + " the ChildId that you specified.");
    assertThat(fails(admin, "organizations", "list-parents", "--child-id", rootId).err())
        .contains("An error occurred (InvalidInputException) when calling the ListParents");

    JsonNode tags = ok(admin, "organizations", "list-tags-for-resource", "--resource-id", member);
    assertThat(tags.at("/Tags/0/Key").asText()).isEqualTo("team");
    assertThat(tags.at("/Tags/0/Value").asText()).isEqualTo("platform");
    assertThat(
            fails(admin, "organizations", "list-tags-for-resource", "--resource-id", "r-ab12")
                .err())
        .contains(
            "An error occurred (TargetNotFoundException) when calling the ListTagsForResource"
                + " operation: We can't find a root, OU, account, or policy with the TargetId"
                + " that you specified.");

    String roleArn = "arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole";
    // The root user may not assume roles; an administrator of the management account does.
    assertThat(
            fails(
                    admin,
                    "sts",
                    "assume-role",
                    "--role-arn",
                    roleArn,
                    "--role-session-name",
                    "as-root")
                .err())
        .contains(
            "An error occurred (AccessDenied) when calling the AssumeRole operation: Roles may"
                + " not be assumed by root accounts.");
    ok(admin, "iam", "create-user", "--user-name", "operator");
    ok(
        admin,
        "iam",
        "attach-user-policy",
        "--user-name",
        "operator",
        "--policy-arn",
        "arn:aws:iam::aws:policy/AdministratorAccess");
    JsonNode operatorKey = ok(admin, "iam", "create-access-key", "--user-name", "operator");
    Map<String, String> operator =
        AwsCli.keys(
            operatorKey.at("/AccessKey/AccessKeyId").asText(),
            operatorKey.at("/AccessKey/SecretAccessKey").asText());
    JsonNode assumed =
        ok(operator, "sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "setup");
    Map<String, String> session =
        Map.of(
            "AWS_ACCESS_KEY_ID", assumed.at("/Credentials/AccessKeyId").asText(),
            "AWS_SECRET_ACCESS_KEY", assumed.at("/Credentials/SecretAccessKey").asText(),
            "AWS_SESSION_TOKEN", assumed.at("/Credentials/SessionToken").asText());
    assertThat(ok(session, "sts", "get-caller-identity").get("Account").asText()).isEqualTo(member);
    JsonNode user = ok(session, "iam", "create-user", "--user-name", "deployer");
    assertThat(user.at("/User/Arn").asText())
        .isEqualTo("arn:aws:iam::" + member + ":user/deployer");

    // The member account cannot manage the organization.
    assertThat(
            fails(
                    session,
                    "organizations",
                    "create-account",
                    "--email",
                    "x@example.com",
                    "--account-name",
                    "X")
                .err())
        .contains(
            "An error occurred (AccessDeniedException) when calling the CreateAccount operation:"
                + " You don't have permissions to access this resource.");
    assertThat(fails(session, "organizations", "list-roots").err())
        .contains(
            "An error occurred (AccessDeniedException) when calling the ListRoots operation:"
                + " You don't have permissions to access this resource.");
  }
}
