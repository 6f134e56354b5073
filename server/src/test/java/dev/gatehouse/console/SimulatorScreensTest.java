package dev.gatehouse.console;

import static dev.gatehouse.console.ScreenPages.testIds;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The policy simulator over HTTP: decisions, matched statements, missing context, refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatorScreensTest {
  @TempDir static Path dir;
  ConsoleFixture fx;
  String userArn;

  @BeforeAll
  void start() throws Exception {
    fx =
        new ConsoleFixture(
            dir, List.of(new ConsoleFixture.Login("Reader", "reader-Pa55word!", false)));
    userArn = fx.root.createUser(r -> r.userName("Sim")).user().arn();
    fx.root.putUserPolicy(
        r ->
            r.userName("Sim")
                .policyName("Mixed")
                .policyDocument(
                    """
                    {
                      "Version": "2012-10-17",
                      "Statement": [
                        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                        {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"},
                        {"Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "*",
                         "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}
                      ]
                    }
                    """));
  }

  @AfterAll
  void stop() throws Exception {
    fx.close();
  }

  @Test
  void showsEachDecisionWithTheStatementsAndMissingContext() throws Exception {
    FormClient c = new FormClient(fx.base());
    c.signIn(ConsoleFixture.ACCOUNT, "", fx.rootPassword());
    HttpResponse<String> form = c.get("/console/simulator");
    assertThat(form.body())
        .contains("<option value=\"" + userArn + "\">User: Sim</option>")
        .contains("<label for=\"f-actions\">Actions</label>");
    HttpResponse<String> r =
        c.post(
            "/console/simulator",
            Map.of(
                "principal",
                userArn,
                "actions",
                "s3:GetObject\ns3:DeleteBucket\niam:ListUsers\nec2:StartInstances"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(testIds(r.body(), "decision"))
        .containsExactly(
            "Allowed",
            "Denied (explicit deny)",
            "Denied (implicit deny: no statement allows it)",
            "Denied (implicit deny: no statement allows it)");
    assertThat(r.body())
        .contains("Mixed (user), statement at line 4")
        .contains("Mixed (user), statement at line 5")
        .contains("aws:MultiFactorAuthPresent");
    // The chosen principal and actions stay in the form.
    assertThat(r.body()).contains("selected>User: Sim</option>");
  }

  @Test
  void aResourceArnIsSimulatedAndEmptyInputIsRefused() throws Exception {
    FormClient c = new FormClient(fx.base());
    c.signIn(ConsoleFixture.ACCOUNT, "", fx.rootPassword());
    c.get("/console/simulator");
    HttpResponse<String> r =
        c.post(
            "/console/simulator",
            Map.of(
                "principal",
                userArn,
                "actions",
                "s3:GetObject",
                "resource",
                "arn:aws:s3:::bucket/key"));
    assertThat(testIds(r.body(), "decision")).containsExactly("Allowed");
    assertThat(r.body()).contains("arn:aws:s3:::bucket/key");
    HttpResponse<String> empty =
        c.post("/console/simulator", Map.of("principal", "", "actions", " \n "));
    assertThat(empty.body())
        .contains("Choose a user or role.")
        .contains("Enter at least one action.")
        .doesNotContain("data-testid=\"simulation-results\"");
    HttpResponse<String> unknown =
        c.post(
            "/console/simulator",
            Map.of(
                "principal",
                "arn:aws:iam::" + ConsoleFixture.ACCOUNT + ":user/Ghost",
                "actions",
                "s3:GetObject"));
    assertThat(unknown.body()).contains("NoSuchEntity");
  }

  @Test
  void aUserWithoutPermissionIsRefusedAndCsrfIsChecked() throws Exception {
    FormClient c = new FormClient(fx.base());
    c.signIn(ConsoleFixture.ACCOUNT, "Reader", "reader-Pa55word!");
    HttpResponse<String> form = c.get("/console/simulator");
    assertThat(form.body()).contains("AccessDenied");
    HttpResponse<String> refused =
        c.post("/console/simulator", Map.of("principal", userArn, "actions", "s3:GetObject"));
    assertThat(refused.body())
        .contains("AccessDenied")
        .contains("iam:SimulatePrincipalPolicy")
        .doesNotContain("data-testid=\"simulation-results\"");
    assertThat(
            c.postRaw("/console/simulator", Map.of("principal", userArn, "actions", "s3:GetObject"))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void actionsAreSplitOnLinesCommasAndSpaces() {
    assertThat(SimulatorPage.actions(" s3:GetObject,s3:PutObject\n\ns3:GetObject  iam:GetUser "))
        .containsExactly("s3:GetObject", "s3:PutObject", "iam:GetUser");
  }
}
