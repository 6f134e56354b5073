package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The README's console-password flow with the Debian AWS CLI. Skipped (visibly) only when
 * /usr/bin/aws is absent; CI installs it.
 */
class LoginProfileCliTest extends AwsCliServerTest {
  private static final String PASSWORD = "Cli-pass-1!x";

  static String fails(String... args) throws Exception {
    AwsCli.Result r = aws(args);
    assertThat(r.exit()).as("aws %s", String.join(" ", args)).isNotZero();
    return r.err();
  }

  @Test
  void givesAUserAConsolePassword() throws Exception {
    ok("iam", "create-user", "--user-name", "Pat");
    JsonNode created =
        ok(
            "iam",
            "create-login-profile",
            "--user-name",
            "Pat",
            "--password",
            PASSWORD,
            "--password-reset-required");
    assertThat(created.at("/LoginProfile/UserName").asText()).isEqualTo("Pat");
    assertThat(created.at("/LoginProfile/PasswordResetRequired").asBoolean()).isTrue();
    assertThat(created.at("/LoginProfile/CreateDate").asText()).isNotBlank();
    assertThat(fails("iam", "create-login-profile", "--user-name", "Pat", "--password", PASSWORD))
        .contains("EntityAlreadyExists")
        .contains("Login Profile for user Pat already exists.");

    ok("iam", "update-login-profile", "--user-name", "Pat", "--no-password-reset-required");
    JsonNode got = ok("iam", "get-login-profile", "--user-name", "Pat");
    assertThat(got.at("/LoginProfile/PasswordResetRequired").asBoolean()).isFalse();

    ok(
        "iam",
        "update-account-password-policy",
        "--minimum-password-length",
        "12",
        "--require-numbers",
        "--allow-users-to-change-password",
        "--max-password-age",
        "90");
    JsonNode policy = ok("iam", "get-account-password-policy");
    assertThat(policy.at("/PasswordPolicy/MinimumPasswordLength").asInt()).isEqualTo(12);
    assertThat(policy.at("/PasswordPolicy/RequireNumbers").asBoolean()).isTrue();
    assertThat(policy.at("/PasswordPolicy/ExpirePasswords").asBoolean()).isTrue();
    assertThat(policy.at("/PasswordPolicy/MaxPasswordAge").asInt()).isEqualTo(90);
    assertThat(
            fails("iam", "update-login-profile", "--user-name", "Pat", "--password", "Too-short1"))
        .contains("PasswordPolicyViolation")
        .contains("Password should have a minimum length of 12");
    // The CLI checks minimums itself; maximums are the server's to refuse.
    assertThat(fails("iam", "update-account-password-policy", "--minimum-password-length", "129"))
        .contains("ValidationError")
        .contains("Member must have value less than or equal to 128");

    assertThat(fails("iam", "delete-user", "--user-name", "Pat")).contains("DeleteConflict");
    ok("iam", "delete-login-profile", "--user-name", "Pat");
    assertThat(fails("iam", "get-login-profile", "--user-name", "Pat"))
        .contains("NoSuchEntity")
        .contains("Login Profile for User Pat cannot be found.");
    ok("iam", "delete-account-password-policy");
    assertThat(fails("iam", "get-account-password-policy")).contains("NoSuchEntity");
    ok("iam", "delete-user", "--user-name", "Pat");

    assertThat(String.join("\n", server.auditLines()))
        .contains("CreateLoginProfile")
        .doesNotContain(PASSWORD)
        .doesNotContain("Too-short1");
  }
}
