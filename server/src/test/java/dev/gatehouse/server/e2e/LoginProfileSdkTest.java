package dev.gatehouse.server.e2e;

import static dev.gatehouse.server.e2e.IamSdkTest.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import dev.gatehouse.store.sql.SqliteStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.UpdateAccountPasswordPolicyRequest;

/**
 * Console-password actions through the AWS SDK for Java v2 over a real socket: login profiles,
 * ChangePassword and its authorization, the account password policy, and no password in the audit
 * log or the database.
 */
class LoginProfileSdkTest extends IamSdkServerTest {
  /** Every password this class sends: none may be stored or logged. */
  private static final List<String> SENT = new ArrayList<>();

  private static String pw(String password) {
    SENT.add(password);
    return password;
  }

  private static IamClient userWithKey(String name) {
    iam.createUser(r -> r.userName(name));
    AccessKey k = iam.createAccessKey(r -> r.userName(name)).accessKey();
    return server.client(k.accessKeyId(), k.secretAccessKey());
  }

  @Test
  void loginProfileLifecycle() {
    iam.createUser(r -> r.userName("lp-alice"));
    LoginProfile created =
        iam.createLoginProfile(
                r ->
                    r.userName("lp-alice").password(pw("Alice-pass-1")).passwordResetRequired(true))
            .loginProfile();
    assertThat(created.userName()).isEqualTo("lp-alice");
    assertThat(created.passwordResetRequired()).isTrue();
    assertThat(created.createDate()).isNotNull();
    LoginProfile got = iam.getLoginProfile(r -> r.userName("LP-ALICE")).loginProfile();
    assertThat(got.userName()).isEqualTo("lp-alice");
    assertThat(got.createDate()).isEqualTo(created.createDate());
    assertThat(got.passwordResetRequired()).isTrue();

    iam.updateLoginProfile(r -> r.userName("lp-alice").passwordResetRequired(false));
    assertThat(
            iam.getLoginProfile(r -> r.userName("lp-alice")).loginProfile().passwordResetRequired())
        .isFalse();
    iam.updateLoginProfile(r -> r.userName("lp-alice").password(pw("Alice-pass-2")));
    assertThat(iam.getLoginProfile(r -> r.userName("lp-alice")).loginProfile().createDate())
        .isEqualTo(created.createDate());

    AwsServiceException conflict = error(() -> iam.deleteUser(r -> r.userName("lp-alice")));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.awsErrorDetails().errorCode()).isEqualTo("DeleteConflict");
    assertThat(conflict.awsErrorDetails().errorMessage())
        .isEqualTo("Cannot delete entity, must delete login profile first.");

    iam.deleteLoginProfile(r -> r.userName("lp-alice"));
    AwsServiceException gone = error(() -> iam.getLoginProfile(r -> r.userName("lp-alice")));
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
    assertThat(gone.awsErrorDetails().errorMessage())
        .isEqualTo("Login Profile for User lp-alice cannot be found.");
    iam.deleteUser(r -> r.userName("lp-alice"));
  }

  /** One refused call: what it does, the HTTP status, code and message AWS answers with. */
  private record Refusal(String what, Runnable call, int status, String code, String message) {}

  @Test
  void refusalsCarryAwsCodesAndMessages() {
    iam.createUser(r -> r.userName("lp-bob"));
    iam.createUser(r -> r.userName("lp-nopass"));
    iam.createLoginProfile(r -> r.userName("lp-bob").password(pw("Bobs-pass-1")));
    List<Refusal> refusals =
        List.of(
            new Refusal(
                "duplicate profile",
                () -> iam.createLoginProfile(r -> r.userName("lp-bob").password(pw("Bobs-pass-2"))),
                409,
                "EntityAlreadyExists",
                "Login Profile for user lp-bob already exists."),
            new Refusal(
                "unknown user",
                () ->
                    iam.createLoginProfile(
                        r -> r.userName("lp-ghost").password(pw("Ghost-pass-1"))),
                404,
                "NoSuchEntity",
                "The user with name lp-ghost cannot be found."),
            new Refusal(
                "default policy",
                () -> iam.createLoginProfile(r -> r.userName("lp-nopass").password(pw("weakpass"))),
                400,
                "PasswordPolicyViolation",
                "Password does not conform to the account password policy."),
            new Refusal(
                "empty password",
                () -> iam.createLoginProfile(r -> r.userName("lp-nopass").password("")),
                400,
                "ValidationError",
                "1 validation error detected: Value at 'password' failed to satisfy constraint:"
                    + " Member must have length greater than or equal to 1"),
            new Refusal(
                "missing password",
                () -> iam.createLoginProfile(r -> r.userName("lp-nopass")),
                400,
                "MissingParameter",
                "The request must contain the parameter Password"),
            new Refusal(
                "root must name the user",
                () -> iam.getLoginProfile(r -> {}),
                400,
                "MissingParameter",
                "The request must contain the parameter UserName"),
            new Refusal(
                "get without profile",
                () -> iam.getLoginProfile(r -> r.userName("lp-nopass")),
                404,
                "NoSuchEntity",
                "Login Profile for User lp-nopass cannot be found."),
            new Refusal(
                "update without profile",
                () ->
                    iam.updateLoginProfile(
                        r -> r.userName("lp-nopass").passwordResetRequired(true)),
                404,
                "NoSuchEntity",
                "Login Profile for User lp-nopass cannot be found."),
            new Refusal(
                "delete without profile",
                () -> iam.deleteLoginProfile(r -> r.userName("lp-nopass")),
                404,
                "NoSuchEntity",
                "Login Profile for User lp-nopass cannot be found."),
            new Refusal(
                "update breaks the default policy",
                () -> iam.updateLoginProfile(r -> r.userName("lp-bob").password(pw("short"))),
                400,
                "PasswordPolicyViolation",
                "Password does not conform to the account password policy."),
            new Refusal(
                "root cannot use ChangePassword",
                () ->
                    iam.changePassword(
                        r -> r.oldPassword(pw("Root-pass-1")).newPassword(pw("Root-pass-2"))),
                400,
                "InvalidUserType",
                "Only IAM users can change their own password with ChangePassword; the root"
                    + " user's password is not affected by this operation."),
            new Refusal(
                "user name too long",
                () -> iam.getLoginProfile(r -> r.userName("u".repeat(65))),
                400,
                "ValidationError",
                "1 validation error detected: Value '"
                    + "u".repeat(65)
                    + "' at 'userName' failed to satisfy constraint: Member must have length less"
                    + " than or equal to 64"));
    for (Refusal refusal : refusals) {
      AwsServiceException e = error(refusal.call()::run);
      assertThat(e.statusCode()).as(refusal.what()).isEqualTo(refusal.status());
      assertThat(e.awsErrorDetails().errorCode()).as(refusal.what()).isEqualTo(refusal.code());
      assertThat(e.awsErrorDetails().errorMessage())
          .as(refusal.what())
          .isEqualTo(refusal.message());
      assertThat(e.requestId()).isNotBlank();
    }
  }

  @Test
  void accountPasswordPolicyLifecycleAndLimits() {
    AwsServiceException none = error(() -> iam.getAccountPasswordPolicy());
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.awsErrorDetails().errorMessage())
        .isEqualTo("The Password Policy with domain name " + ACCOUNT + " cannot be found.");
    assertError(() -> iam.deleteAccountPasswordPolicy(), 404, "NoSuchEntity");

    iam.updateAccountPasswordPolicy(
        r ->
            r.minimumPasswordLength(14)
                .requireSymbols(true)
                .requireNumbers(true)
                .requireUppercaseCharacters(true)
                .requireLowercaseCharacters(true)
                .allowUsersToChangePassword(true)
                .maxPasswordAge(90)
                .passwordReusePrevention(24)
                .hardExpiry(true));
    PasswordPolicy p = iam.getAccountPasswordPolicy().passwordPolicy();
    assertThat(p.minimumPasswordLength()).isEqualTo(14);
    assertThat(p.requireSymbols()).isTrue();
    assertThat(p.requireNumbers()).isTrue();
    assertThat(p.requireUppercaseCharacters()).isTrue();
    assertThat(p.requireLowercaseCharacters()).isTrue();
    assertThat(p.allowUsersToChangePassword()).isTrue();
    assertThat(p.expirePasswords()).isTrue();
    assertThat(p.maxPasswordAge()).isEqualTo(90);
    assertThat(p.passwordReusePrevention()).isEqualTo(24);
    assertThat(p.hardExpiry()).isTrue();

    iam.createUser(r -> r.userName("lp-policy"));
    AwsServiceException weak =
        error(
            () ->
                iam.createLoginProfile(r -> r.userName("lp-policy").password(pw("Abcdefghijk1!"))));
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(weak.awsErrorDetails().errorCode()).isEqualTo("PasswordPolicyViolation");
    assertThat(weak.awsErrorDetails().errorMessage())
        .isEqualTo("Password should have a minimum length of 14");
    iam.createLoginProfile(r -> r.userName("lp-policy").password(pw("Abcdefghijk1!x")));
    iam.deleteLoginProfile(r -> r.userName("lp-policy"));

    // Omitted parameters take AWS's defaults: length 6, nothing required, no expiry.
    iam.updateAccountPasswordPolicy(r -> {});
    PasswordPolicy defaults = iam.getAccountPasswordPolicy().passwordPolicy();
    assertThat(defaults.minimumPasswordLength()).isEqualTo(6);
    assertThat(defaults.requireSymbols()).isFalse();
    assertThat(defaults.allowUsersToChangePassword()).isFalse();
    assertThat(defaults.expirePasswords()).isFalse();
    assertThat(defaults.maxPasswordAge()).isNull();
    assertThat(defaults.passwordReusePrevention()).isNull();

    Map<String, Consumer<UpdateAccountPasswordPolicyRequest.Builder>> outOfRange =
        Map.of(
            "minimumPasswordLength' failed to satisfy constraint: Member must have value greater"
                + " than or equal to 6",
            r -> r.minimumPasswordLength(5),
            "minimumPasswordLength' failed to satisfy constraint: Member must have value less"
                + " than or equal to 128",
            r -> r.minimumPasswordLength(129),
            "maxPasswordAge' failed to satisfy constraint: Member must have value greater than or"
                + " equal to 1",
            r -> r.maxPasswordAge(0),
            "maxPasswordAge' failed to satisfy constraint: Member must have value less than or"
                + " equal to 1095",
            r -> r.maxPasswordAge(1096),
            "passwordReusePrevention' failed to satisfy constraint: Member must have value"
                + " greater than or equal to 1",
            r -> r.passwordReusePrevention(0),
            "passwordReusePrevention' failed to satisfy constraint: Member must have value less"
                + " than or equal to 24",
            r -> r.passwordReusePrevention(25));
    outOfRange.forEach(
        (message, request) -> {
          AwsServiceException e = error(() -> iam.updateAccountPasswordPolicy(request));
          assertThat(e.statusCode()).as(message).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).as(message).isEqualTo("ValidationError");
          assertThat(e.awsErrorDetails().errorMessage()).as(message).endsWith(message);
        });
    // Nothing half-written: the last good policy is still there.
    assertThat(iam.getAccountPasswordPolicy().passwordPolicy().minimumPasswordLength())
        .isEqualTo(6);
    iam.deleteAccountPasswordPolicy();
    assertError(() -> iam.getAccountPasswordPolicy(), 404, "NoSuchEntity");
  }

  @Test
  void changePasswordIsAuthorizedOnTheCallersOwnUser() {
    try (IamClient carol = userWithKey("lp-carol");
        IamClient dave = userWithKey("lp-dave")) {
      iam.createLoginProfile(r -> r.userName("lp-carol").password(pw("Carol-pass-1")));
      iam.createLoginProfile(r -> r.userName("lp-dave").password(pw("Dave-pass-1")));

      // No policy allows it and the account does not let users change their password.
      AwsServiceException denied =
          error(
              () ->
                  carol.changePassword(
                      r -> r.oldPassword(pw("Carol-pass-1")).newPassword(pw("Carol-pass-2"))));
      assertThat(denied.statusCode()).isEqualTo(403);
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(denied.awsErrorDetails().errorMessage())
          .isEqualTo(
              "User: arn:aws:iam::"
                  + ACCOUNT
                  + ":user/lp-carol is not authorized to perform: iam:ChangePassword on resource:"
                  + " arn:aws:iam::"
                  + ACCOUNT
                  + ":user/lp-carol because no identity-based policy allows the"
                  + " iam:ChangePassword action");
      assertError(() -> carol.getAccountPasswordPolicy(), 403, "AccessDenied");

      // AllowUsersToChangePassword grants both, to every user, for their own user only.
      iam.updateAccountPasswordPolicy(r -> r.allowUsersToChangePassword(true));
      assertThat(carol.getAccountPasswordPolicy().passwordPolicy().allowUsersToChangePassword())
          .isTrue();
      AwsServiceException wrongOld =
          error(
              () ->
                  carol.changePassword(
                      r -> r.oldPassword(pw("Carol-pass-9")).newPassword(pw("Carol-pass-2"))));
      assertThat(wrongOld.statusCode()).isEqualTo(403);
      assertThat(wrongOld.awsErrorDetails().errorMessage())
          .isEqualTo("The old password is incorrect.");
      carol.changePassword(r -> r.oldPassword("Carol-pass-1").newPassword(pw("Carol-pass-2")));
      AwsServiceException weak =
          error(
              () -> carol.changePassword(r -> r.oldPassword("Carol-pass-2").newPassword(pw("ab"))));
      assertThat(weak.awsErrorDetails().errorCode()).isEqualTo("PasswordPolicyViolation");
      assertThat(weak.awsErrorDetails().errorMessage())
          .isEqualTo("Password should have a minimum length of 6");
      // Carol cannot use the grant on Dave's login profile.
      assertError(
          () -> carol.updateLoginProfile(r -> r.userName("lp-dave").password(pw("Dave-pass-9"))),
          403,
          "AccessDenied");

      // An explicit deny wins over the account-level grant.
      iam.putUserPolicy(
          r ->
              r.userName("lp-dave")
                  .policyName("no-password-change")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                          + "\"Action\":\"iam:ChangePassword\",\"Resource\":\"*\"}]}"));
      AwsServiceException explicit =
          error(
              () ->
                  dave.changePassword(
                      r -> r.oldPassword("Dave-pass-1").newPassword(pw("Dave-pass-2"))));
      assertThat(explicit.statusCode()).isEqualTo(403);
      assertThat(explicit.awsErrorDetails().errorMessage()).contains("with an explicit deny");
      iam.deleteUserPolicy(r -> r.userName("lp-dave").policyName("no-password-change"));

      // Without the grant, a policy like IAMUserChangePassword allows it for one's own user.
      iam.deleteAccountPasswordPolicy();
      iam.putUserPolicy(
          r ->
              r.userName("lp-dave")
                  .policyName("own-password")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                          + "\"Action\":\"iam:ChangePassword\","
                          + "\"Resource\":\"arn:aws:iam::*:user/${aws:username}\"}]}"));
      dave.changePassword(r -> r.oldPassword("Dave-pass-1").newPassword(pw("Dave-pass-2")));
      assertError(
          () ->
              carol.changePassword(r -> r.oldPassword("Carol-pass-2").newPassword("Carol-pass-3")),
          403,
          "AccessDenied");
    } finally {
      for (String name : List.of("lp-carol", "lp-dave")) {
        iam.listAccessKeys(r -> r.userName(name))
            .accessKeyMetadata()
            .forEach(k -> iam.deleteAccessKey(r -> r.userName(name).accessKeyId(k.accessKeyId())));
        iam.listUserPolicies(r -> r.userName(name))
            .policyNames()
            .forEach(p -> iam.deleteUserPolicy(r -> r.userName(name).policyName(p)));
        iam.deleteLoginProfile(r -> r.userName(name));
        iam.deleteUser(r -> r.userName(name));
      }
    }
  }

  @Test
  void loginProfileActionsAreAuthorizedAgainstTheUserArn() {
    try (IamClient erin = userWithKey("lp-erin")) {
      iam.createUser(r -> r.userName("lp-frank"));
      AwsServiceException e =
          error(
              () ->
                  erin.createLoginProfile(
                      r -> r.userName("lp-frank").password(pw("Frank-pass-1"))));
      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorMessage())
          .contains(
              "iam:CreateLoginProfile on resource: arn:aws:iam::" + ACCOUNT + ":user/lp-frank");
      iam.putUserPolicy(
          r ->
              r.userName("lp-erin")
                  .policyName("frank-only")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                          + "\"Action\":\"iam:*LoginProfile\","
                          + "\"Resource\":\"arn:aws:iam::*:user/lp-frank\"}]}"));
      erin.createLoginProfile(r -> r.userName("lp-frank").password(pw("Frank-pass-1")));
      assertThat(erin.getLoginProfile(r -> r.userName("lp-frank")).loginProfile().userName())
          .isEqualTo("lp-frank");
      assertError(() -> erin.getLoginProfile(r -> r.userName("lp-erin")), 403, "AccessDenied");
      erin.deleteLoginProfile(r -> r.userName("lp-frank"));
      assertError(() -> erin.getAccountPasswordPolicy(), 403, "AccessDenied");
      assertError(() -> erin.updateAccountPasswordPolicy(r -> {}), 403, "AccessDenied");
    }
  }

  @Test
  void noPasswordReachesTheAuditLogOrTheDatabase() throws Exception {
    iam.createUser(r -> r.userName("lp-secret"));
    iam.createLoginProfile(r -> r.userName("lp-secret").password(pw("Unmistakable-Pass-7")));
    iam.updateLoginProfile(r -> r.userName("lp-secret").password(pw("Unmistakable-Pass-8")));
    error(() -> iam.updateLoginProfile(r -> r.userName("lp-secret").password(pw("leakme"))));
    iam.deleteLoginProfile(r -> r.userName("lp-secret"));
    iam.deleteUser(r -> r.userName("lp-secret"));

    List<String> audit = server.auditLines();
    assertThat(String.join("\n", audit))
        .contains("CreateLoginProfile")
        .contains("UpdateLoginProfile")
        .contains("lp-secret");
    String rootPassword =
        LiveServer.credentialsFile(data.resolve("root-credentials")).get("console_password");
    assertThat(rootPassword).hasSize(24);
    // Short refused passwords ("ab") occur in any file by chance; the rest are distinctive.
    List<String> secrets = new ArrayList<>(SENT.stream().filter(p -> p.length() >= 8).toList());
    secrets.add(rootPassword);
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (file.getFileName().toString().equals("root-credentials")) {
          continue;
        }
        // ISO-8859-1 maps every byte to one character: text and binary files alike.
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          assertThat(content).as(file + " holds a password").doesNotContain(secret);
        }
      }
    }
  }

  @Test
  void theRootConsolePasswordInTheCredentialsFileMatchesTheStoredHash() throws Exception {
    String password =
        LiveServer.credentialsFile(data.resolve("root-credentials")).get("console_password");
    Path copy = Files.createTempDirectory("gatehouse-root-password");
    for (String name : List.of(SqliteStore.FILE_NAME, SqliteStore.FILE_NAME + "-wal")) {
      if (Files.exists(data.resolve(name))) {
        Files.copy(data.resolve(name), copy.resolve(name));
      }
    }
    try (Store store = SqliteStore.open(copy)) {
      String hash = store.read(tx -> tx.passwords().rootPasswordHash(ACCOUNT)).orElseThrow();
      PasswordHasher hasher = PasswordHasher.standard(new SecureRandom());
      // Generated, so hashed at the light cost until the root's first sign-in raises it.
      assertThat(hash)
          .matches(
              "pbkdf2-sha256\\$("
                  + PasswordHasher.GENERATED_PASSWORD_ITERATIONS
                  + "|"
                  + PasswordHasher.DEFAULT_ITERATIONS
                  + ")\\$.+");
      assertThat(hasher.verify(password, hash)).isTrue();
      assertThat(hasher.verify(password + "x", hash)).isFalse();
    }
  }

  @Test
  void theStartUpMessageNamesTheFileButNotThePassword(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ServerConfig config = ServerConfig.local(dir).withAccount("210987654321");
    try (Gatehouse g =
        Gatehouse.start(
            config,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            Clock.systemUTC(),
            Map.of())) {
      assertThat(g.accountId()).isEqualTo("210987654321");
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    Map<String, String> file = LiveServer.credentialsFile(dir.resolve("root-credentials"));
    assertThat(printed)
        .contains(
            "Created account 210987654321; its root access key and root console password are in "
                + dir.resolve("root-credentials")
                + " (mode 0600).")
        .doesNotContain(file.get("console_password"))
        .doesNotContain(file.get("aws_secret_access_key"));
  }
}
