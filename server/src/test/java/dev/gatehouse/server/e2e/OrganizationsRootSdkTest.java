package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.ChildNotFoundException;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.ListAwsServiceAccessForOrganizationResponse;
import software.amazon.awssdk.services.organizations.model.ListParentsResponse;
import software.amazon.awssdk.services.organizations.model.ListRootsResponse;
import software.amazon.awssdk.services.organizations.model.Parent;
import software.amazon.awssdk.services.organizations.model.ParentType;
import software.amazon.awssdk.services.organizations.model.Root;

/**
 * What Terraform reads of an organization's tree through the AWS SDK for Java v2: its one root
 * (ListRoots), every account's parent (ListParents) and the services with trusted access
 * (ListAWSServiceAccessForOrganization), in AWS's shapes, and their refusals.
 */
class OrganizationsRootSdkTest extends OrganizationsFixture {

  private static String rootId() {
    try (OrganizationsClient orgs = orgs(root)) {
      return orgs.listRoots(r -> {}).roots().get(0).id();
    }
  }

  @Test
  void listRootsAnswersTheOrganizationsOneRoot() {
    try (OrganizationsClient orgs = orgs(root)) {
      ListRootsResponse roots = orgs.listRoots(r -> {});
      assertThat(roots.nextToken()).isNull();
      assertThat(roots.roots()).hasSize(1);
      Root only = roots.roots().get(0);
      assertThat(only.id()).matches("r-[0-9a-z]{4,32}");
      assertThat(only.arn())
          .isEqualTo(
              "arn:aws:organizations::"
                  + MANAGEMENT
                  + ":root/"
                  + organization.id()
                  + "/"
                  + only.id());
      assertThat(only.name()).isEqualTo("Root");
      // The member is there, empty: Gatehouse enables no organization policy types.
      assertThat(only.hasPolicyTypes()).isTrue();
      assertThat(only.policyTypes()).isEmpty();
      // The same root on every call, and through the paginator.
      List<Root> paged = new ArrayList<>();
      orgs.listRootsPaginator(r -> r.maxResults(1)).forEach(page -> paged.addAll(page.roots()));
      assertThat(paged).containsExactly(only);
      assertThat(orgs.describeOrganization(r -> {}).organization().hasAvailablePolicyTypes())
          .isTrue();
    }
  }

  @Test
  void everyAccountsParentIsTheRoot() {
    String rootId = rootId();
    Parent parent = Parent.builder().id(rootId).type(ParentType.ROOT).build();
    try (OrganizationsClient orgs = orgs(root)) {
      ListParentsResponse parents = orgs.listParents(r -> r.childId(member));
      assertThat(parents.parents()).containsExactly(parent);
      assertThat(parents.nextToken()).isNull();
      assertThat(orgs.listParents(r -> r.childId(MANAGEMENT).maxResults(1)).parents())
          .containsExactly(parent);
      List<Parent> paged = new ArrayList<>();
      orgs.listParentsPaginator(r -> r.childId(member)).forEach(p -> paged.addAll(p.parents()));
      assertThat(paged).containsExactly(parent);
    }
  }

  @Test
  void noServiceHasTrustedAccess() {
    try (OrganizationsClient orgs = orgs(root)) {
      ListAwsServiceAccessForOrganizationResponse access =
          orgs.listAWSServiceAccessForOrganization(r -> {});
      assertThat(access.hasEnabledServicePrincipals()).isTrue();
      assertThat(access.enabledServicePrincipals()).isEmpty();
      assertThat(access.nextToken()).isNull();
    }
  }

  @Test
  void refusalsCarryAwsErrorCodes() {
    try (OrganizationsClient orgs = orgs(root)) {
      ChildNotFoundException unknown =
          (ChildNotFoundException) error(() -> orgs.listParents(r -> r.childId("999999999999")));
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(unknown.awsErrorDetails().errorMessage())
          .isEqualTo(
              "We can't find an organizational unit (OU) or Amazon Web Services account with the"
                  + " ChildId that you specified.");
      assertThat(error(() -> orgs.listParents(r -> r.childId("ou-ab12-abcdefgh"))))
          .isInstanceOf(ChildNotFoundException.class);
      InvalidInputException aRoot =
          (InvalidInputException) error(() -> orgs.listParents(r -> r.childId(rootId())));
      assertThat(aRoot.awsErrorDetails().errorMessage()).startsWith("ChildId: ");
      assertThat(error(() -> orgs.listRoots(r -> r.maxResults(21))))
          .isInstanceOf(InvalidInputException.class);
      assertThat(error(() -> orgs.listRoots(r -> r.nextToken("not-issued"))))
          .isInstanceOf(InvalidInputException.class);
      assertThat(
              error(() -> orgs.listAWSServiceAccessForOrganization(r -> r.nextToken("not-issued"))))
          .isInstanceOf(InvalidInputException.class);
    }
    // The member accounts see the organization but not its tree.
    AwsSessionCredentials session = assume(administrator(), roleArn(member, ACCESS_ROLE));
    try (OrganizationsClient orgs = orgs(session)) {
      AccessDeniedException roots = (AccessDeniedException) error(() -> orgs.listRoots(r -> {}));
      assertThat(roots.awsErrorDetails().errorMessage())
          .isEqualTo("You don't have permissions to access this resource.");
      assertThat(error(() -> orgs.listParents(r -> r.childId(member))))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(error(() -> orgs.listAWSServiceAccessForOrganization(r -> {})))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  @Test
  void eachIsAuthorizedByIdentityPoliciesOnItsResource() {
    String accountArn = "arn:aws:organizations::" + MANAGEMENT + ":account/" + organization.id();
    AwsBasicCredentials reader =
        user(root, "tree-reader", allow("organizations:ListParents", accountArn + "/" + member));
    try (OrganizationsClient orgs = orgs(reader)) {
      assertThat(orgs.listParents(r -> r.childId(member)).parents()).hasSize(1);
      AccessDeniedException other =
          (AccessDeniedException) error(() -> orgs.listParents(r -> r.childId(MANAGEMENT)));
      assertThat(other.awsErrorDetails().errorMessage())
          .isEqualTo(
              "User: arn:aws:iam::"
                  + MANAGEMENT
                  + ":user/tree-reader is not authorized to perform: organizations:ListParents on"
                  + " resource: "
                  + accountArn
                  + "/"
                  + MANAGEMENT
                  + " because no identity-based policy allows the organizations:ListParents"
                  + " action");
      assertThat(
              ((AccessDeniedException) error(() -> orgs.listRoots(r -> {})))
                  .awsErrorDetails()
                  .errorMessage())
          .contains("organizations:ListRoots on resource: *");
      assertThat(
              ((AccessDeniedException)
                      error(() -> orgs.listAWSServiceAccessForOrganization(r -> {})))
                  .awsErrorDetails()
                  .errorMessage())
          .contains("organizations:ListAWSServiceAccessForOrganization on resource: *");
    }
  }

  @Test
  void eachCallIsAuditedAsReadOnly() throws Exception {
    rootId();
    try (OrganizationsClient orgs = orgs(root)) {
      orgs.listParents(r -> r.childId(member));
      orgs.listAWSServiceAccessForOrganization(r -> {});
    }
    List<String> lines = server.auditLines();
    for (String action :
        List.of("ListRoots", "ListParents", "ListAWSServiceAccessForOrganization")) {
      assertThat(lines)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("\"eventSource\":\"organizations.amazonaws.com\"")
                      .contains("\"eventName\":\"" + action + "\"")
                      .contains("\"readOnly\":true"));
    }
  }
}
