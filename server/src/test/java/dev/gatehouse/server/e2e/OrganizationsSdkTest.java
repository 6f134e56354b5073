package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountJoinedMethod;
import software.amazon.awssdk.services.organizations.model.AccountNotFoundException;
import software.amazon.awssdk.services.organizations.model.AlreadyInOrganizationException;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.CreateAccountState;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatusNotFoundException;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.organizations.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * AWS Organizations through the AWS SDK for Java v2 over a real socket: the organization and its
 * accounts, the member account's access role assumed from the management account and used to manage
 * IAM there, and the refusals with AWS's error codes.
 */
class OrganizationsSdkTest extends OrganizationsFixture {

  @Test
  void theCallerOfCreateOrganizationIsTheManagementAccount() {
    assertThat(organization.id()).matches("o-[a-z0-9]{10}");
    assertThat(organization.featureSet()).isEqualTo(OrganizationFeatureSet.ALL);
    assertThat(organization.arn())
        .isEqualTo("arn:aws:organizations::" + MANAGEMENT + ":organization/" + organization.id());
    assertThat(organization.masterAccountId()).isEqualTo(MANAGEMENT);
    assertThat(organization.masterAccountArn())
        .isEqualTo(
            "arn:aws:organizations::"
                + MANAGEMENT
                + ":account/"
                + organization.id()
                + "/"
                + MANAGEMENT);
    try (OrganizationsClient orgs = orgs(root)) {
      assertThat(orgs.describeOrganization(r -> {}).organization()).isEqualTo(organization);
      AlreadyInOrganizationException again =
          (AlreadyInOrganizationException) error(() -> orgs.createOrganization(r -> {}));
      assertThat(again.statusCode()).isEqualTo(400);
      assertThat(again.awsErrorDetails().errorMessage())
          .isEqualTo(
              "This account is already a member of an organization. An account can belong to"
                  + " only one organization at a time.");
    }
  }

  @Test
  void createAccountAnswersWithTheFinishedRequest() {
    assertThat(created.state()).isEqualTo(CreateAccountState.SUCCEEDED);
    assertThat(created.id()).matches("car-[a-z0-9]{32}");
    assertThat(created.accountName()).isEqualTo("Production");
    assertThat(member).matches("[0-9]{12}").isNotEqualTo(MANAGEMENT);
    assertThat(created.requestedTimestamp()).isBefore(Instant.now().plusSeconds(1));
    try (OrganizationsClient orgs = orgs(root)) {
      CreateAccountStatus described =
          orgs.describeCreateAccountStatus(r -> r.createAccountRequestId(created.id()))
              .createAccountStatus();
      assertThat(described).isEqualTo(created);
      Account account = orgs.describeAccount(r -> r.accountId(member)).account();
      assertThat(account.email()).isEqualTo("production@example.com");
      assertThat(account.name()).isEqualTo("Production");
      assertThat(account.joinedMethod()).isEqualTo(AccountJoinedMethod.CREATED);
      assertThat(account.statusAsString()).isEqualTo("ACTIVE");
      assertThat(account.arn())
          .isEqualTo(
              "arn:aws:organizations::"
                  + MANAGEMENT
                  + ":account/"
                  + organization.id()
                  + "/"
                  + member);
      CreateAccountStatusNotFoundException unknown =
          (CreateAccountStatusNotFoundException)
              error(
                  () ->
                      orgs.describeCreateAccountStatus(
                          r -> r.createAccountRequestId("car-0123456789abcdef")));
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(error(() -> orgs.describeAccount(r -> r.accountId("999999999999"))))
          .isInstanceOf(AccountNotFoundException.class);

      // AWS reports a request that cannot complete as FAILED, with the reason.
      CreateAccountStatus duplicate =
          orgs.createAccount(
                  r ->
                      r.email("PRODUCTION@example.com")
                          .accountName("Again")
                          .tags(Tag.builder().key("team").value("core").build()))
              .createAccountStatus();
      assertThat(duplicate.state()).isEqualTo(CreateAccountState.FAILED);
      assertThat(duplicate.failureReasonAsString()).isEqualTo("EMAIL_ALREADY_EXISTS");
      assertThat(duplicate.accountId()).isNull();
    }
  }

  @Test
  void listAccountsPagesThroughTheOrganization() {
    try (OrganizationsClient orgs = orgs(root)) {
      orgs.createAccount(r -> r.email("staging@example.com").accountName("Staging"));
      List<String> all = orgs.listAccounts(r -> {}).accounts().stream().map(Account::id).toList();
      assertThat(all).contains(MANAGEMENT, member).isSorted();
      List<String> paged = new ArrayList<>();
      orgs.listAccountsPaginator(r -> r.maxResults(1))
          .forEach(
              page -> {
                assertThat(page.accounts()).hasSize(1);
                page.accounts().forEach(a -> paged.add(a.id()));
              });
      assertThat(paged).isEqualTo(all);
      ListAccountsResponse first = orgs.listAccounts(r -> r.maxResults(1));
      assertThat(first.nextToken()).isNotBlank();
      InvalidInputException tampered =
          (InvalidInputException)
              error(() -> orgs.listAccounts(r -> r.nextToken(first.nextToken() + "x")));
      assertThat(tampered.awsErrorDetails().errorCode()).isEqualTo("InvalidInputException");
    }
  }

  @Test
  void aManagementAdministratorAssumesTheAccessRoleAndManagesIamInTheMemberAccount() {
    // The root user may not assume roles (STS refuses root credentials): an administrator does.
    AwsServiceException asRoot = error(() -> assume(root, roleArn(member, ACCESS_ROLE)));
    assertThat(asRoot.awsErrorDetails().errorMessage())
        .isEqualTo("Roles may not be assumed by root accounts.");
    AwsSessionCredentials session = assume(administrator(), roleArn(member, ACCESS_ROLE));
    try (StsClient sts = sts(session);
        IamClient memberIam = iam(session);
        IamClient managementIam = iam(root)) {
      GetCallerIdentityResponse who = sts.getCallerIdentity();
      assertThat(who.account()).isEqualTo(member);
      assertThat(who.arn())
          .isEqualTo("arn:aws:sts::" + member + ":assumed-role/" + ACCESS_ROLE + "/e2e");
      User alice = memberIam.createUser(r -> r.userName("alice")).user();
      assertThat(alice.arn()).isEqualTo("arn:aws:iam::" + member + ":user/alice");
      assertThat(memberIam.listUsers().users()).extracting(User::userName).contains("alice");
      assertThat(managementIam.listUsers().users())
          .extracting(User::userName)
          .doesNotContain("alice");
      assertThat(
              memberIam
                  .listAttachedRolePolicies(r -> r.roleName(ACCESS_ROLE))
                  .attachedPolicies()
                  .get(0)
                  .policyArn())
          .isEqualTo("arn:aws:iam::aws:policy/AdministratorAccess");
    }
  }

  @Test
  void aManagementUserNeedsAnIdentityPolicyToAssumeTheAccessRole() {
    AwsBasicCredentials ops =
        user(root, "ops", allow("sts:AssumeRole", "arn:aws:iam::*:role/" + ACCESS_ROLE));
    AwsBasicCredentials intern = user(root, "intern", "");
    AwsSessionCredentials session = assume(ops, roleArn(member, ACCESS_ROLE));
    try (IamClient memberIam = iam(session)) {
      assertThat(memberIam.createUser(r -> r.userName("carol")).user().arn())
          .isEqualTo("arn:aws:iam::" + member + ":user/carol");
    }
    AwsServiceException denied = error(() -> assume(intern, roleArn(member, ACCESS_ROLE)));
    assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.awsErrorDetails().errorMessage())
        .isEqualTo(
            "User: arn:aws:iam::"
                + MANAGEMENT
                + ":user/intern is not authorized to perform: sts:AssumeRole on resource: "
                + roleArn(member, ACCESS_ROLE));
  }

  @Test
  void memberAccountsSeeTheOrganizationButCannotManageIt() {
    AwsSessionCredentials session = assume(administrator(), roleArn(member, ACCESS_ROLE));
    try (OrganizationsClient orgs = orgs(session)) {
      assertThat(orgs.describeOrganization(r -> {}).organization().masterAccountId())
          .isEqualTo(MANAGEMENT);
      AccessDeniedException denied =
          (AccessDeniedException)
              error(() -> orgs.createAccount(r -> r.email("x@example.com").accountName("X")));
      assertThat(denied.statusCode()).isEqualTo(400);
      assertThat(denied.awsErrorDetails().errorMessage())
          .isEqualTo("You don't have permissions to access this resource.");
      assertThat(error(() -> orgs.listAccounts(r -> {}))).isInstanceOf(AccessDeniedException.class);
      assertThat(error(() -> orgs.createOrganization(r -> {})))
          .isInstanceOf(AlreadyInOrganizationException.class);
    }
  }

  @Test
  void organizationsActionsAreAuthorizedByIdentityPolicies() {
    String memberArn =
        "arn:aws:organizations::" + MANAGEMENT + ":account/" + organization.id() + "/" + member;
    AwsBasicCredentials reader =
        user(
            root,
            "reader",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"organizations:DescribeAccount\",\"Resource\":\""
                + memberArn
                + "\"},{\"Effect\":\"Allow\",\"Action\":\"organizations:ListAccounts\","
                + "\"Resource\":\"*\"}]}");
    try (OrganizationsClient orgs = orgs(reader)) {
      assertThat(orgs.describeAccount(r -> r.accountId(member)).account().id()).isEqualTo(member);
      assertThat(orgs.listAccounts(r -> {}).accounts()).isNotEmpty();
      AccessDeniedException other =
          (AccessDeniedException) error(() -> orgs.describeAccount(r -> r.accountId(MANAGEMENT)));
      assertThat(other.awsErrorDetails().errorMessage())
          .isEqualTo(
              "User: arn:aws:iam::"
                  + MANAGEMENT
                  + ":user/reader is not authorized to perform: organizations:DescribeAccount on"
                  + " resource: arn:aws:organizations::"
                  + MANAGEMENT
                  + ":account/"
                  + organization.id()
                  + "/"
                  + MANAGEMENT
                  + " because no identity-based policy allows the organizations:DescribeAccount"
                  + " action");
      AccessDeniedException create =
          (AccessDeniedException)
              error(() -> orgs.createAccount(r -> r.email("y@example.com").accountName("Y")));
      assertThat(create.awsErrorDetails().errorMessage())
          .contains("organizations:CreateAccount on resource: *");
    }
  }

  @Test
  void everyCallIsAuditedWithTheSensitiveMembersHidden() throws Exception {
    List<String> lines = server.auditLines();
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("\"eventSource\":\"organizations.amazonaws.com\"")
                    .contains("\"eventName\":\"CreateAccount\"")
                    .contains("\"email\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"")
                    .contains("\"state\":\"SUCCEEDED\"")
                    .doesNotContain("production@example.com"));
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("\"eventName\":\"CreateOrganization\"")
                    .contains("\"readOnly\":false"));
  }

  @Test
  void beforeCreateOrganizationNothingIsInUse(@TempDir Path fresh) throws Exception {
    try (LiveServer other = new LiveServer(fresh);
        OrganizationsClient orgs =
            OrganizationsClient.builder()
                .endpointOverride(other.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(
                    software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(other.rootKeyId, other.rootSecret)))
                .httpClient(
                    software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build()) {
      AwsOrganizationsNotInUseException none =
          (AwsOrganizationsNotInUseException) error(() -> orgs.describeOrganization(r -> {}));
      assertThat(none.statusCode()).isEqualTo(400);
      assertThat(none.awsErrorDetails().errorMessage())
          .isEqualTo("Your account is not a member of an organization.");
      assertThat(error(() -> orgs.listAccounts(r -> {})))
          .isInstanceOf(AwsOrganizationsNotInUseException.class);
      String self = MANAGEMENT;
      assertThat(error(() -> orgs.listTagsForResource(r -> r.resourceId(self))))
          .isInstanceOf(AwsOrganizationsNotInUseException.class);
      assertThat(error(() -> orgs.tagResource(r -> r.resourceId(self).tags(List.of()))))
          .isInstanceOf(AwsOrganizationsNotInUseException.class);
      assertThat(error(() -> orgs.untagResource(r -> r.resourceId(self).tagKeys("a"))))
          .isInstanceOf(AwsOrganizationsNotInUseException.class);
    }
  }
}
