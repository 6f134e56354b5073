package dev.gatehouse.console;

import static dev.gatehouse.console.ScreenPages.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;

/** The policy screens over HTTP: list by type and name in pages, create, versions, delete. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyScreensTest {
  @TempDir static Path dir;
  ConsoleFixture fx;

  static final String DOC =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

  @BeforeAll
  void start() throws Exception {
    fx =
        new ConsoleFixture(
            dir, List.of(new ConsoleFixture.Login("Reader", "reader-Pa55word!", false)));
  }

  @AfterAll
  void stop() throws Exception {
    fx.close();
  }

  private FormClient root() throws Exception {
    FormClient c = new FormClient(fx.base());
    c.signIn(ConsoleFixture.ACCOUNT, "", fx.rootPassword());
    return c;
  }

  private String arn(String name) {
    return "arn:aws:iam::" + ConsoleFixture.ACCOUNT + ":policy/" + name;
  }

  @Test
  void awsManagedPoliciesAreListedInPagesAndFilteredByName() throws Exception {
    FormClient c = root();
    int total = 0;
    for (var page : fx.root.listPoliciesPaginator(r -> r.scope(PolicyScopeType.AWS))) {
      total += page.policies().size();
    }
    int pages = (total + PoliciesPages.PAGE_SIZE - 1) / PoliciesPages.PAGE_SIZE;
    HttpResponse<String> first = c.get("/console/policies?scope=AWS");
    assertThat(testId(first.body(), "policy-count"))
        .isEqualTo(total + " policies, showing 1 to " + PoliciesPages.PAGE_SIZE);
    assertThat(testId(first.body(), "page-of")).isEqualTo("Page 1 of " + pages);
    assertThat(first.body()).contains("rel=\"next\"").doesNotContain("rel=\"prev\"");
    HttpResponse<String> last = c.get("/console/policies?scope=AWS&page=" + pages);
    assertThat(testId(last.body(), "page-of")).isEqualTo("Page " + pages + " of " + pages);
    assertThat(last.body()).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
    HttpResponse<String> found = c.get("/console/policies?scope=AWS&q=administratoraccess");
    assertThat(found.body())
        .contains(">AdministratorAccess</a>")
        .doesNotContain(">ReadOnlyAccess</a>");
    fx.root.createPolicy(r -> r.policyName("OnlyMine").policyDocument(DOC));
    HttpResponse<String> local = c.get("/console/policies?scope=Local&q=onlymine");
    assertThat(testId(local.body(), "policy-count")).isEqualTo("1 policy, showing 1 to 1");
    assertThat(local.body()).contains(">OnlyMine</a>").contains("Customer managed");
    assertThat(c.get("/console/policies?scope=AWS&q=onlymine").body())
        .contains("No policy matches.");
  }

  @Test
  void aBadDocumentShowsFindingsAndStoresNothingThenTheFixedOneIsCreated() throws Exception {
    FormClient c = root();
    c.get("/console/policies/create");
    HttpResponse<String> bad =
        c.post(
            "/console/policies/create",
            Map.of(
                "policyName",
                "Broken",
                "step",
                "save",
                "document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"}]}"));
    assertThat(bad.statusCode()).isEqualTo(200);
    assertThat(bad.body()).contains("data-testid=\"findings\"").contains("MalformedPolicyDocument");
    assertThatThrownBy(() -> fx.root.getPolicy(r -> r.policyArn(arn("Broken"))))
        .isInstanceOf(NoSuchEntityException.class);
    HttpResponse<String> checked =
        c.post(
            "/console/policies/create",
            Map.of("policyName", "Fixed", "step", "validate", "document", DOC));
    assertThat(checked.body()).contains("name=\"policyName\"");
    assertThatThrownBy(() -> fx.root.getPolicy(r -> r.policyArn(arn("Fixed"))))
        .isInstanceOf(NoSuchEntityException.class);
    HttpResponse<String> created =
        c.follow(
            c.post(
                "/console/policies/create",
                Map.of(
                    "policyName",
                    "Fixed",
                    "description",
                    "Reads",
                    "step",
                    "save",
                    "document",
                    DOC)));
    assertThat(testId(created.body(), "flash")).isEqualTo("Policy Fixed created.");
    assertThat(testId(created.body(), "policy-arn")).isEqualTo(arn("Fixed"));
    assertThat(created.body()).contains("s3:GetObject");
    HttpResponse<String> twice =
        c.post(
            "/console/policies/create",
            Map.of("policyName", "Fixed", "step", "save", "document", DOC));
    assertThat(twice.body()).contains("EntityAlreadyExists");
  }

  @Test
  void editingAddsADefaultVersionAndVersionsAreManaged() throws Exception {
    String arn =
        fx.root.createPolicy(r -> r.policyName("Versioned").policyDocument(DOC)).policy().arn();
    FormClient c = root();
    HttpResponse<String> edit = c.get("/console/policies/edit?arn=" + arn);
    assertThat(edit.body()).contains("s3:GetObject");
    HttpResponse<String> bad =
        c.post(
            "/console/policies/edit",
            Map.of("arn", arn, "step", "save", "document", "{\"Version\":"));
    assertThat(bad.body()).contains("MalformedPolicyDocument");
    assertThat(fx.root.listPolicyVersions(r -> r.policyArn(arn)).versions()).hasSize(1);
    String v2 = DOC.replace("s3:GetObject", "s3:PutObject");
    HttpResponse<String> saved =
        c.follow(
            c.post("/console/policies/edit", Map.of("arn", arn, "step", "save", "document", v2)));
    assertThat(testId(saved.body(), "flash")).isEqualTo("Version v2 saved as the default.");
    assertThat(testId(saved.body(), "default-version")).isEqualTo("v2");
    assertThat(saved.body()).contains("s3:PutObject").contains("aria-label=\"Delete version v1\"");
    HttpResponse<String> back =
        c.follow(
            c.post("/console/policies/versions/default", Map.of("arn", arn, "versionId", "v1")));
    assertThat(testId(back.body(), "default-version")).isEqualTo("v1");
    assertThat(c.get("/console/policies/detail?arn=" + arn + "&version=v2").body())
        .contains("s3:PutObject");
    c.follow(c.post("/console/policies/versions/delete", Map.of("arn", arn, "versionId", "v2")));
    assertThat(fx.root.listPolicyVersions(r -> r.policyArn(arn)).versions()).hasSize(1);
    // The default version cannot be deleted: AWS's error is shown.
    HttpResponse<String> refused =
        c.follow(
            c.post("/console/policies/versions/delete", Map.of("arn", arn, "versionId", "v1")));
    assertThat(testId(refused.body(), "flash")).startsWith("DeleteConflict");
  }

  @Test
  void aCustomerPolicyIsDetachedAndDeletedAfterConfirmationButAnAwsOneIsNot() throws Exception {
    String arn =
        fx.root.createPolicy(r -> r.policyName("Doomed").policyDocument(DOC)).policy().arn();
    fx.root.createUser(r -> r.userName("Holder"));
    fx.root.attachUserPolicy(r -> r.userName("Holder").policyArn(arn));
    fx.root.createGroup(r -> r.groupName("Holders"));
    fx.root.attachGroupPolicy(r -> r.groupName("Holders").policyArn(arn));
    fx.role("Holding", "arn:aws:iam::" + ConsoleFixture.ACCOUNT + ":root", "");
    fx.root.attachRolePolicy(r -> r.roleName("Holding").policyArn(arn));
    fx.root.createPolicyVersion(r -> r.policyArn(arn).policyDocument(DOC));
    FormClient c = root();
    HttpResponse<String> page = c.get("/console/policies/detail?arn=" + arn);
    assertThat(page.body())
        .contains("href=\"/console/users/Holder\"")
        .contains("href=\"/console/groups/Holders\"")
        .contains("href=\"/console/roles/Holding\"");
    assertThat(c.get("/console/policies/delete?arn=" + arn).body())
        .contains("To confirm, type Doomed");
    assertThat(c.post("/console/policies/delete", Map.of("arn", arn, "confirm", "x")).body())
        .contains("Type the policy name Doomed to confirm.");
    assertThat(fx.root.getPolicy(r -> r.policyArn(arn)).policy()).isNotNull();
    HttpResponse<String> gone =
        c.follow(c.post("/console/policies/delete", Map.of("arn", arn, "confirm", "Doomed")));
    assertThat(testId(gone.body(), "flash")).isEqualTo("Policy Doomed deleted.");
    assertThat(fx.root.listAttachedRolePolicies(r -> r.roleName("Holding")).attachedPolicies())
        .extracting(p -> p.policyName())
        .containsExactly("AmazonS3FullAccess");
    assertThat(fx.root.listAttachedGroupPolicies(r -> r.groupName("Holders")).attachedPolicies())
        .isEmpty();
    assertThatThrownBy(() -> fx.root.getPolicy(r -> r.policyArn(arn)))
        .isInstanceOf(NoSuchEntityException.class);
    String aws = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    assertThat(c.get("/console/policies/detail?arn=" + aws).body())
        .doesNotContain("/console/policies/delete?")
        .doesNotContain("/console/policies/edit?");
    HttpResponse<String> refused =
        c.follow(
            c.post("/console/policies/delete", Map.of("arn", aws, "confirm", "ReadOnlyAccess")));
    assertThat(testId(refused.body(), "flash"))
        .isEqualTo("AWS managed policies cannot be deleted.");
  }

  @Test
  void aUserWithoutPermissionIsRefusedAndCsrfIsChecked() throws Exception {
    FormClient c = new FormClient(fx.base());
    c.signIn(ConsoleFixture.ACCOUNT, "Reader", "reader-Pa55word!");
    assertThat(c.get("/console/policies").body())
        .contains("AccessDenied")
        .contains("iam:ListPolicies");
    c.get("/console/policies/create");
    HttpResponse<String> refused =
        c.post(
            "/console/policies/create",
            Map.of("policyName", "Nope", "step", "save", "document", DOC));
    assertThat(refused.body()).contains("AccessDenied").contains("iam:CreatePolicy");
    assertThat(
            c.postRaw(
                    "/console/policies/create",
                    Map.of("policyName", "Nope", "step", "save", "document", DOC))
                .statusCode())
        .isEqualTo(403);
    assertThatThrownBy(() -> fx.root.getPolicy(r -> r.policyArn(arn("Nope"))))
        .isInstanceOf(NoSuchEntityException.class);
  }
}
