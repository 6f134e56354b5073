package dev.gatehouse.console;

import dev.gatehouse.core.authz.Principal;
import java.util.List;

/**
 * The root user's Security credentials page (AWS's "My security credentials" of the root user): its
 * MFA devices ({@link MfaPages}). Only the root user acting as itself (not in a switched role)
 * reaches it and the pages below it.
 */
final class RootCredentialsPage {
  private RootCredentialsPage() {}

  /** The route below {@code /console}. */
  static final String SUBPATH = "/security-credentials";

  static final String PATH = "/console" + SUBPATH;

  static final List<Crumb> CRUMBS =
      List.of(new Crumb("IAM", "/console"), new Crumb("Security credentials", PATH));

  static void register(Routes routes) {
    routes.get(SUBPATH, RootCredentialsPage::show);
  }

  /** Whether the request acts as the root user itself. */
  static boolean isRoot(Visit v) {
    return v.actor().role().isEmpty() && v.actor().caller().principal() instanceof Principal.Root;
  }

  /** The answer to anyone else. */
  static Reply rootOnly() {
    return ErrorPages.page(
        403,
        "Root user only",
        "Only the root user, signed in as itself, manages the root user's security credentials.");
  }

  private static Reply show(Visit v) {
    if (!isRoot(v)) {
      return rootOnly();
    }
    Html h = new Html();
    h.element("h1", "Security credentials");
    h.open("section", "class", "card");
    h.open("dl", "class", "facts");
    h.element("dt", "Root user")
        .element("dd", v.actor().caller().principal().arn(), "data-testid", "root-arn");
    h.close("dl");
    h.element(
        "p",
        "The root user can do everything in the account. Give it an MFA device, and sign in with"
            + " it only for the tasks that need the root user.",
        "class",
        "hint");
    h.close("section");
    MfaPages.section(v, h, MfaPages.Holder.root());
    return v.page(
        "Security credentials", Screens.with(List.of(CRUMBS.get(0)), "Security credentials"), h);
  }
}
