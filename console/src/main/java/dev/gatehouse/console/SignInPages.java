package dev.gatehouse.console;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.sts.MfaFacts;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sign-in ({@code /console/signin}: account id or alias, IAM user or root user, password), the MFA
 * code of a user or root user with a device, the new password of a user whose reset is required,
 * sign-out. Every refusal gives the one message of the {@link ConsoleBackend}, so the page never
 * tells which names exist; a source that failed too often is told how long to wait. A successful
 * sign-in starts a fresh session (new id, new CSRF token).
 */
final class SignInPages {
  private SignInPages() {}

  /** Wrong MFA codes allowed before the sign-in starts over. */
  static final int MFA_ATTEMPTS = 5;

  static void register(Routes routes) {
    routes
        .publicGet("/signin", SignInPages::form)
        .publicPost("/signin", SignInPages::signIn)
        .publicGet("/signin/mfa", v -> mfaForm(v, List.of()))
        .publicPost("/signin/mfa", SignInPages::mfa)
        .publicGet("/signin/password", v -> passwordForm(v, List.of()))
        .publicPost("/signin/password", SignInPages::newPassword)
        .post("/signout", SignInPages::signOut);
  }

  private static Reply form(Visit v) {
    if (v.session().identity().isPresent()) {
      return Reply.redirect(next(v));
    }
    ConsoleRequest r = v.request();
    return signInPage(
        v,
        r.param("account"),
        r.param("userName"),
        r.param("who"),
        List.of(),
        r.param("signedout").isEmpty()
            ? Optional.empty()
            : Optional.of(
                new ConsoleSession.Flash(ConsoleSession.Flash.Kind.SUCCESS, "You signed out.")));
  }

  private static Reply signInPage(
      Visit v,
      String account,
      String userName,
      String who,
      List<String> errors,
      Optional<ConsoleSession.Flash> extra) {
    Html h = new Html();
    h.element("h1", "Sign in");
    Forms.errors(h, errors);
    Forms.open(v, h, "/console/signin", "class", "card", "data-testid", "signin-form");
    Layout.hidden(h, "next", next(v));
    Forms.text(
        h,
        "account",
        "Account ID (12 digits) or account alias",
        account,
        "",
        "required",
        "",
        "autocomplete",
        "organization",
        "autofocus",
        account.isEmpty() ? "" : null);
    h.open("fieldset").element("legend", "Sign in as");
    boolean root = who.equals("root");
    Forms.radio(h, "who", "user", "IAM user", !root);
    Forms.radio(h, "who", "root", "Root user", root);
    h.close("fieldset");
    Forms.text(
        h,
        "userName",
        "IAM user name",
        userName,
        "Leave empty when signing in as the root user.",
        "autocomplete",
        "username",
        "autofocus",
        account.isEmpty() ? null : "");
    Forms.text(
        h,
        "password",
        "Password",
        "",
        "",
        "type",
        "password",
        "required",
        "",
        "autocomplete",
        "current-password");
    Forms.submit(h, "Sign in");
    Forms.close(h);
    Optional<ConsoleSession.Flash> flash = extra.isPresent() ? extra : v.session().takeFlash();
    return new Reply.Page(errors.isEmpty() ? 200 : 401, Layout.bare("Sign in", flash, h));
  }

  private static String next(Visit v) {
    return Reply.localPath(
        v.request().param("next").isEmpty() ? "/console" : v.request().param("next"));
  }

  private static Reply signIn(Visit v) {
    ConsoleRequest r = v.request();
    String account = r.param("account").trim();
    boolean root = r.param("who").equals("root");
    String userName = root ? "" : r.param("userName").trim();
    ConsoleBackend backend = v.console().backend();
    ConsoleBackend.SignIn outcome =
        backend.signIn(
            account,
            root ? Optional.empty() : Optional.of(userName),
            r.param("password"),
            r.sourceIp());
    if (outcome instanceof ConsoleBackend.SignIn.Refused refused) {
      return signInPage(
          v, account, userName, r.param("who"), List.of(refused.message()), Optional.empty());
    }
    ConsoleBackend.SignIn.SignedIn in = (ConsoleBackend.SignIn.SignedIn) outcome;
    // A fresh session: the one that carried the sign-in form is dropped (no session fixation).
    ConsoleSession fresh = v.console().sessions().create();
    v.console().sessions().remove(v.session());
    String label = account.equals(in.accountId()) ? in.accountId() : account;
    Optional<String> mfaDevice = backend.mfaDevice(in.accountId(), in.userName());
    ConsoleSession.Pending pending =
        new ConsoleSession.Pending(
            in.accountId(),
            in.userName(),
            label,
            mfaDevice.isPresent()
                ? ConsoleSession.Pending.Stage.MFA
                : ConsoleSession.Pending.Stage.NEW_PASSWORD,
            in.passwordResetRequired(),
            MfaFacts.absent(),
            0);
    String then = next(v);
    if (mfaDevice.isPresent()) {
      fresh.pending(Optional.of(pending));
      return new Reply.SessionChange(
          fresh.id(), Reply.redirect("/console/signin/mfa?next=" + Visit.segment(then)));
    }
    return new Reply.SessionChange(fresh.id(), proceed(v, fresh, pending, then));
  }

  /** After the password (and the code): the new password if required, else signed in. */
  private static Reply proceed(
      Visit v, ConsoleSession session, ConsoleSession.Pending p, String then) {
    if (p.resetRequired()) {
      session.pending(
          Optional.of(withStage(p, ConsoleSession.Pending.Stage.NEW_PASSWORD, p.mfa(), 0)));
      return Reply.redirect("/console/signin/password?next=" + Visit.segment(then));
    }
    Principal principal =
        p.userName().isPresent()
            ? v.console().backend().user(p.accountId(), p.userName().get())
            : new Principal.Root(p.accountId());
    session.signedIn(new ConsoleSession.Identity(principal, p.accountLabel(), p.mfa()));
    return Reply.redirect(then);
  }

  private static ConsoleSession.Pending withStage(
      ConsoleSession.Pending p, ConsoleSession.Pending.Stage stage, MfaFacts mfa, int failures) {
    return new ConsoleSession.Pending(
        p.accountId(), p.userName(), p.accountLabel(), stage, p.resetRequired(), mfa, failures);
  }

  private static Optional<ConsoleSession.Pending> pending(
      Visit v, ConsoleSession.Pending.Stage stage) {
    return v.session().pending().filter(p -> p.stage() == stage);
  }

  /** A step of the sign-in after the password check, shown as one card form. */
  private record Step(
      ConsoleSession.Pending.Stage stage,
      String path,
      String title,
      String heading,
      String lead,
      String button,
      int refusedStatus) {}

  private static final Step MFA_STEP =
      new Step(
          ConsoleSession.Pending.Stage.MFA,
          "/console/signin/mfa",
          "MFA code",
          "Multi-factor authentication",
          "Enter the six-digit code from the authenticator app of your MFA device.",
          "Submit",
          401);

  private static final Step PASSWORD_STEP =
      new Step(
          ConsoleSession.Pending.Stage.NEW_PASSWORD,
          "/console/signin/password",
          "Change password",
          "Change your password",
          "Your administrator requires you to set a new password before you continue.",
          "Change password",
          400);

  private static Reply stepForm(Visit v, Step step, List<String> errors, Consumer<Html> fields) {
    if (pending(v, step.stage()).isEmpty()) {
      return Reply.redirect("/console/signin");
    }
    Html h = new Html();
    h.element("h1", step.heading());
    h.element("p", step.lead());
    Forms.errors(h, errors);
    Forms.open(v, h, step.path(), "class", "card");
    Layout.hidden(h, "next", next(v));
    fields.accept(h);
    Forms.submit(h, step.button());
    Forms.close(h);
    return new Reply.Page(
        errors.isEmpty() ? 200 : step.refusedStatus(),
        Layout.bare(step.title(), Optional.empty(), h));
  }

  private static Reply mfaForm(Visit v, List<String> errors) {
    return stepForm(
        v,
        MFA_STEP,
        errors,
        h ->
            Forms.text(
                h,
                "code",
                "MFA code",
                "",
                "",
                "inputmode",
                "numeric",
                "autocomplete",
                "one-time-code",
                "pattern",
                "[0-9]{6}",
                "required",
                "",
                "autofocus",
                ""));
  }

  private static Reply mfa(Visit v) {
    Optional<ConsoleSession.Pending> pending = pending(v, ConsoleSession.Pending.Stage.MFA);
    if (pending.isEmpty()) {
      return Reply.redirect("/console/signin");
    }
    ConsoleSession.Pending p = pending.get();
    ConsoleBackend.CodeCheck check =
        v.console()
            .backend()
            .checkSignInCode(
                p.accountId(),
                p.userName(),
                v.request().param("code").trim(),
                v.request().sourceIp());
    if (check instanceof ConsoleBackend.CodeCheck.Refused refused) {
      if (p.failures() + 1 >= MFA_ATTEMPTS) {
        v.session().pending(Optional.empty());
        v.session().flash(ConsoleSession.Flash.Kind.ERROR, refused.message());
        return Reply.redirect("/console/signin");
      }
      v.session().pending(Optional.of(withStage(p, p.stage(), p.mfa(), p.failures() + 1)));
      return mfaForm(v, List.of(refused.message()));
    }
    MfaFacts facts = ((ConsoleBackend.CodeCheck.Accepted) check).mfa();
    return proceed(v, v.session(), withStage(p, p.stage(), facts, 0), next(v));
  }

  private static Reply passwordForm(Visit v, List<String> errors) {
    return stepForm(
        v,
        PASSWORD_STEP,
        errors,
        h -> {
          passwordField(h, "oldPassword", "Current password", "current-password");
          passwordField(h, "newPassword", "New password", "new-password");
          passwordField(h, "confirm", "Confirm new password", "new-password");
        });
  }

  private static void passwordField(Html h, String name, String label, String autocomplete) {
    Forms.text(
        h, name, label, "", "", "type", "password", "required", "", "autocomplete", autocomplete);
  }

  private static Reply newPassword(Visit v) {
    Optional<ConsoleSession.Pending> pending =
        pending(v, ConsoleSession.Pending.Stage.NEW_PASSWORD);
    if (pending.isEmpty()) {
      return Reply.redirect("/console/signin");
    }
    ConsoleSession.Pending p = pending.get();
    ConsoleRequest r = v.request();
    if (!r.param("newPassword").equals(r.param("confirm"))) {
      return passwordForm(v, List.of("The new password and its confirmation do not match."));
    }
    try {
      v.console()
          .backend()
          .changePassword(
              p.accountId(),
              p.userName().orElse(""),
              r.param("oldPassword"),
              r.param("newPassword"),
              r.sourceIp());
    } catch (GatehouseException e) {
      return passwordForm(v, List.of(e.getMessage()));
    }
    ConsoleSession.Pending done =
        new ConsoleSession.Pending(
            p.accountId(), p.userName(), p.accountLabel(), p.stage(), false, p.mfa(), 0);
    v.session().flash(ConsoleSession.Flash.Kind.SUCCESS, "Your password was changed.");
    return proceed(v, v.session(), done, next(v));
  }

  private static Reply signOut(Visit v) {
    v.console().sessions().remove(v.session());
    return new Reply.SessionChange("", Reply.redirect("/console/signin?signedout=1"));
  }
}
