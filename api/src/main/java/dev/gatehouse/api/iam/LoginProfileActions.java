package dev.gatehouse.api.iam;

import static dev.gatehouse.api.iam.Ops.account;
import static dev.gatehouse.api.iam.Ops.any;
import static dev.gatehouse.api.iam.Ops.command;
import static dev.gatehouse.api.iam.Ops.op;

import dev.gatehouse.api.Caller;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Operation.Aim;
import dev.gatehouse.api.QueryParameters;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.domain.PasswordPolicy;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.LoginProfiles;
import java.util.List;
import java.util.Optional;

/**
 * Console passwords: login profiles, ChangePassword and the account password policy. spec: IAM API
 * Reference, CreateLoginProfile, GetLoginProfile, UpdateLoginProfile, DeleteLoginProfile,
 * ChangePassword, GetAccountPasswordPolicy, UpdateAccountPasswordPolicy,
 * DeleteAccountPasswordPolicy.
 *
 * <p>Login-profile actions and ChangePassword are authorized against the user's ARN, the password
 * policy actions against {@code *} (Service Authorization Reference). Passwords are never part of a
 * result; the audit log leaves them out ({@code AuditParameters.SECRET}).
 */
final class LoginProfileActions {
  private LoginProfileActions() {}

  record NewProfile(String userName, String password, boolean resetRequired) {}

  record ProfileUpdate(String userName, Optional<String> password, Optional<Boolean> reset) {}

  record UserRef(String userName) {}

  record PasswordChange(String oldPassword, String newPassword) {}

  record Nothing() {}

  static List<Operation<?, ?>> table(IamServices iam) {
    LoginProfiles profiles = iam.loginProfiles();
    return List.of(
        op(
            "CreateLoginProfile",
            p ->
                new NewProfile(
                    opt(p, "UserName"),
                    p.required("Password"),
                    p.bool("PasswordResetRequired").orElse(false)),
            (c, in) -> Ops.user(userName(c, in.userName())),
            (c, in) ->
                profiles.create(
                    account(c), userName(c, in.userName()), in.password(), in.resetRequired()),
            LoginProfileActions::profile),
        op(
            "GetLoginProfile",
            p -> new UserRef(opt(p, "UserName")),
            (c, in) -> Ops.user(userName(c, in.userName())),
            (c, in) -> profiles.get(account(c), userName(c, in.userName())),
            LoginProfileActions::profile),
        command(
            "UpdateLoginProfile",
            p ->
                new ProfileUpdate(
                    opt(p, "UserName"), p.get("Password"), p.bool("PasswordResetRequired")),
            (c, in) -> Ops.user(userName(c, in.userName())),
            (c, in) ->
                profiles.update(account(c), userName(c, in.userName()), in.password(), in.reset())),
        command(
            "DeleteLoginProfile",
            p -> new UserRef(opt(p, "UserName")),
            (c, in) -> Ops.user(userName(c, in.userName())),
            (c, in) -> profiles.delete(account(c), userName(c, in.userName()))),
        command(
            "ChangePassword",
            p -> new PasswordChange(p.required("OldPassword"), p.required("NewPassword")),
            (c, in) -> self(c),
            (c, in) ->
                iam.consoleSignIn()
                    .changePassword(
                        account(c),
                        callingUser(c),
                        in.oldPassword(),
                        in.newPassword(),
                        // Failures are counted per signing key: a stolen key slows down itself.
                        "access-key:" + c.accessKeyId())),
        op(
            "GetAccountPasswordPolicy",
            p -> new Nothing(),
            (c, in) -> any(),
            (c, in) -> profiles.getAccountPasswordPolicy(account(c)),
            LoginProfileActions::policy),
        command(
            "UpdateAccountPasswordPolicy",
            p -> request(p),
            (c, in) -> any(),
            (c, in) -> profiles.updateAccountPasswordPolicy(account(c), in)),
        command(
            "DeleteAccountPasswordPolicy",
            p -> new Nothing(),
            (c, in) -> any(),
            (c, in) -> profiles.deleteAccountPasswordPolicy(account(c))));
  }

  private static String opt(QueryParameters p, String name) {
    return p.get(name).orElse("");
  }

  /**
   * spec: CreateLoginProfile/GetLoginProfile... UserName: "If no user name is included, it defaults
   * to the principal making the request" (an IAM user; the root user must name one).
   */
  private static String userName(Caller caller, String given) {
    if (!given.isEmpty()) {
      return given;
    }
    if (caller.principal() instanceof Principal.User u) {
      return u.userName();
    }
    throw new GatehouseException(
        ErrorCode.MISSING_PARAMETER, "The request must contain the parameter UserName");
  }

  /** ChangePassword acts on the calling IAM user; anyone else is the wrong type of user. */
  private static Aim self(Caller caller) {
    if (caller.principal() instanceof Principal.User u) {
      return Ops.user(u.userName());
    }
    return Ops.arn(caller.principal().arn());
  }

  private static String callingUser(Caller caller) {
    if (caller.principal() instanceof Principal.User u) {
      return u.userName();
    }
    // spec: ChangePassword InvalidUserType; "The Amazon Web Services account root user password
    // is not affected by this operation."
    throw new GatehouseException(
        ErrorCode.INVALID_USER_TYPE,
        "Only IAM users can change their own password with ChangePassword; the root user's"
            + " password is not affected by this operation.");
  }

  private static LoginProfiles.PolicyRequest request(QueryParameters p) {
    return new LoginProfiles.PolicyRequest(
        p.integer("MinimumPasswordLength"),
        p.bool("RequireSymbols").orElse(false),
        p.bool("RequireNumbers").orElse(false),
        p.bool("RequireUppercaseCharacters").orElse(false),
        p.bool("RequireLowercaseCharacters").orElse(false),
        p.bool("AllowUsersToChangePassword").orElse(false),
        p.integer("MaxPasswordAge"),
        p.integer("PasswordReusePrevention"),
        p.bool("HardExpiry").orElse(false));
  }

  private static void profile(LoginProfiles.LoginProfileView view, Shape out) {
    out.start("LoginProfile")
        .field("UserName", view.userName())
        .field("CreateDate", view.createDate())
        .field("PasswordResetRequired", view.passwordResetRequired())
        .end();
  }

  /** spec: PasswordPolicy shape, members in model order; absent ages are left out. */
  private static void policy(PasswordPolicy p, Shape out) {
    out.start("PasswordPolicy")
        .field("MinimumPasswordLength", p.minimumPasswordLength())
        .field("RequireSymbols", p.requireSymbols())
        .field("RequireNumbers", p.requireNumbers())
        .field("RequireUppercaseCharacters", p.requireUppercaseCharacters())
        .field("RequireLowercaseCharacters", p.requireLowercaseCharacters())
        .field("AllowUsersToChangePassword", p.allowUsersToChangePassword())
        .field("ExpirePasswords", p.expirePasswords());
    if (p.maxPasswordAge() > 0) {
      out.field("MaxPasswordAge", p.maxPasswordAge());
    }
    if (p.passwordReusePrevention() > 0) {
      out.field("PasswordReusePrevention", p.passwordReusePrevention());
    }
    out.field("HardExpiry", p.hardExpiry()).end();
  }
}
