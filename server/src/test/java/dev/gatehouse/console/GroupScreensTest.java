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

/** The user group screens over HTTP: list, create, members, permissions, delete, refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupScreensTest {
  @TempDir static Path dir;
  ConsoleFixture fx;

  static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

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

  @Test
  void createAGroupWithAMemberThenManageItsMembers() throws Exception {
    fx.root.createUser(r -> r.userName("Ann"));
    fx.root.createUser(r -> r.userName("Ben"));
    FormClient c = root();
    assertThat(c.get("/console/groups").body()).contains("href=\"/console/groups/create\"");
    HttpResponse<String> form = c.get("/console/groups/create");
    assertThat(form.body()).contains("<label for=\"f-user-Ann\">Ann</label>");
    HttpResponse<String> created =
        c.follow(
            c.post(
                "/console/groups/create",
                Map.of("groupName", "Devs", "path", "/team/", "user", "Ann")));
    assertThat(testId(created.body(), "flash")).isEqualTo("Group Devs created with Ann.");
    assertThat(testId(created.body(), "group-arn"))
        .isEqualTo("arn:aws:iam::" + ConsoleFixture.ACCOUNT + ":group/team/Devs");
    assertThat(c.get("/console/groups").body()).contains("href=\"/console/groups/Devs\"");
    assertThat(fx.root.getGroup(r -> r.groupName("Devs")).users())
        .extracting(u -> u.userName())
        .containsExactly("Ann");
    c.follow(c.post("/console/groups/Devs/users/add", Map.of("user", "Ben")));
    assertThat(fx.root.getGroup(r -> r.groupName("Devs")).users()).hasSize(2);
    HttpResponse<String> removed =
        c.follow(c.post("/console/groups/Devs/users/remove", Map.of("user", "Ann")));
    assertThat(testId(removed.body(), "flash")).isEqualTo("Ann removed from Devs.");
    assertThat(fx.root.getGroup(r -> r.groupName("Devs")).users())
        .extracting(u -> u.userName())
        .containsExactly("Ben");
    HttpResponse<String> none = c.follow(c.post("/console/groups/Devs/users/add", Map.of()));
    assertThat(testId(none.body(), "flash")).isEqualTo("Choose at least one user.");
  }

  @Test
  void createRefusesAnEmptyNameAndAnExistingGroup() throws Exception {
    FormClient c = root();
    c.get("/console/groups/create");
    assertThat(c.post("/console/groups/create", Map.of("groupName", "")).body())
        .contains("Enter a user group name.");
    fx.root.createGroup(r -> r.groupName("Twice"));
    assertThat(c.post("/console/groups/create", Map.of("groupName", "Twice")).body())
        .contains("EntityAlreadyExists");
  }

  @Test
  void attachedAndInlinePoliciesOfAGroup() throws Exception {
    fx.root.createGroup(r -> r.groupName("Ops"));
    FormClient c = root();
    HttpResponse<String> tab = c.get("/console/groups/Ops?tab=permissions");
    assertThat(tab.body())
        .contains("href=\"/console/groups/Ops/attach\"")
        .contains("href=\"/console/groups/Ops/inline\"");
    assertThat(c.get("/console/groups/Ops/attach?q=readonlyaccess").body())
        .contains("value=\"" + READ_ONLY + "\"");
    c.follow(c.post("/console/groups/Ops/attach", Map.of("policy", READ_ONLY)));
    assertThat(fx.root.listAttachedGroupPolicies(r -> r.groupName("Ops")).attachedPolicies())
        .hasSize(1);
    // The inline policy editor: a bad document shows the finding and stores nothing.
    c.get("/console/groups/Ops/inline");
    HttpResponse<String> bad =
        c.post(
            "/console/groups/Ops/inline",
            Map.of(
                "policyName", "Broken", "document", "{\"Version\":\"2012-10-17\"", "step", "save"));
    assertThat(bad.body()).contains("data-testid=\"findings\"").contains("MalformedPolicyDocument");
    assertThat(fx.root.listGroupPolicies(r -> r.groupName("Ops")).policyNames()).isEmpty();
    c.post(
        "/console/groups/Ops/inline",
        Map.of(
            "policyName",
            "Logs",
            "step",
            "save",
            "document",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"logs:GetLogEvents\",\"Resource\":\"*\"}]}"));
    assertThat(fx.root.listGroupPolicies(r -> r.groupName("Ops")).policyNames())
        .containsExactly("Logs");
    assertThat(c.get("/console/groups/Ops?tab=permissions").body())
        .contains("href=\"/console/groups/Ops/inline/Logs\"")
        .contains("aria-label=\"Detach ReadOnlyAccess\"");
    HttpResponse<String> detached =
        c.follow(c.post("/console/groups/Ops/detach", Map.of("policyArn", READ_ONLY)));
    assertThat(testId(detached.body(), "flash")).isEqualTo("Policy " + READ_ONLY + " detached.");
    assertThat(fx.root.listAttachedGroupPolicies(r -> r.groupName("Ops")).attachedPolicies())
        .isEmpty();
  }

  @Test
  void deletingAGroupEmptiesItFirstAfterConfirmation() throws Exception {
    fx.root.createGroup(r -> r.groupName("Gone"));
    fx.root.createUser(r -> r.userName("Member"));
    fx.root.addUserToGroup(r -> r.groupName("Gone").userName("Member"));
    fx.root.attachGroupPolicy(r -> r.groupName("Gone").policyArn(READ_ONLY));
    fx.root.putGroupPolicy(
        r ->
            r.groupName("Gone")
                .policyName("Own")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}"));
    FormClient c = root();
    assertThat(c.get("/console/groups/Gone/delete").body()).contains("To confirm, type Gone");
    assertThat(c.post("/console/groups/Gone/delete", Map.of("confirm", "gone")).body())
        .contains("Type the group name Gone to confirm.");
    assertThat(fx.root.getGroup(r -> r.groupName("Gone")).users()).hasSize(1);
    HttpResponse<String> done =
        c.follow(c.post("/console/groups/Gone/delete", Map.of("confirm", "Gone")));
    assertThat(testId(done.body(), "flash")).isEqualTo("Group Gone deleted.");
    assertThatThrownBy(() -> fx.root.getGroup(r -> r.groupName("Gone")))
        .isInstanceOf(NoSuchEntityException.class);
    assertThat(fx.root.getUser(r -> r.userName("Member")).user()).isNotNull();
  }

  @Test
  void aUserWithoutPermissionIsRefusedAndCsrfIsChecked() throws Exception {
    FormClient c = new FormClient(fx.base());
    c.signIn(ConsoleFixture.ACCOUNT, "Reader", "reader-Pa55word!");
    assertThat(c.get("/console/groups").body()).contains("AccessDenied").contains("iam:ListGroups");
    c.get("/console/groups/create");
    assertThat(c.post("/console/groups/create", Map.of("groupName", "Nope")).body())
        .contains("AccessDenied")
        .contains("iam:CreateGroup");
    assertThat(c.postRaw("/console/groups/create", Map.of("groupName", "Nope")).statusCode())
        .isEqualTo(403);
    assertThatThrownBy(() -> fx.root.getGroup(r -> r.groupName("Nope")))
        .isInstanceOf(NoSuchEntityException.class);
    assertThat(c.get("/console/groups/Nope").statusCode()).isEqualTo(403);
  }
}
