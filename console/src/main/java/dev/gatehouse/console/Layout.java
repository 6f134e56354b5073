package dev.gatehouse.console;

import java.util.List;
import java.util.Optional;

/**
 * The page chrome every screen shares: skip link, header with the identity menu (role mode in the
 * role's colour with Switch Back), left navigation, breadcrumbs, the flash message, then the
 * screen's own content in {@code <main>}.
 */
final class Layout {
  private Layout() {}

  /** The left navigation: label and console path. Screens highlight the entry they belong to. */
  static final List<Crumb> NAV =
      List.of(
          new Crumb("Dashboard", "/console"),
          new Crumb("Users", "/console/users"),
          new Crumb("User groups", "/console/groups"),
          new Crumb("Roles", "/console/roles"),
          new Crumb("Policies", "/console/policies"),
          new Crumb("Policy simulator", "/console/simulator"),
          new Crumb("Identity providers", "/console/identity-providers"),
          new Crumb("S3", "/console/s3"),
          new Crumb("My grants", MyGrantsPage.PATH),
          new Crumb("Pending approvals", ApprovalsPage.PATH));

  /** A page of a signed-in session. */
  static Html page(Visit visit, String title, List<Crumb> crumbs, Html content) {
    Html body = new Html();
    body.open("a", "class", "skip", "href", "#main").text("Skip to content").close("a");
    header(visit, body);
    body.open("div", "class", "frame");
    nav(crumbs, body);
    body.open("main", "id", "main", "tabindex", "-1");
    breadcrumbs(crumbs, body);
    flash(visit.session().takeFlash(), body);
    body.add(content);
    body.close("main").close("div");
    return document(title, body);
  }

  /** A page without the navigation (sign-in, errors before sign-in). */
  static Html bare(String title, Optional<ConsoleSession.Flash> flash, Html content) {
    Html body = new Html();
    body.open("a", "class", "skip", "href", "#main").text("Skip to content").close("a");
    body.open("header", "class", "topbar")
        .open("a", "class", "brand", "href", "/console")
        .empty("img", "src", "/console/static/logo.svg", "alt", "", "width", "28", "height", "28")
        .text("Gatehouse")
        .close("a")
        .close("header");
    body.open("main", "id", "main", "class", "narrow", "tabindex", "-1");
    flash(flash, body);
    body.add(content);
    body.close("main");
    return document(title, body);
  }

  private static Html document(String title, Html body) {
    Html h = Html.constant("<!DOCTYPE html>\n");
    h.open("html", "lang", "en").open("head");
    h.empty("meta", "charset", "utf-8");
    h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    h.element("title", title + " | Gatehouse");
    h.empty("link", "rel", "stylesheet", "href", "/console/static/console.css");
    h.empty("link", "rel", "icon", "href", "/console/static/logo.svg", "type", "image/svg+xml");
    h.open("script", "src", "/console/static/console.js", "defer", "defer").close("script");
    h.close("head").open("body").add(body).close("body").close("html");
    return h;
  }

  private static void header(Visit visit, Html h) {
    Actor actor = visit.actor();
    h.open("header", "class", "topbar");
    h.open("a", "class", "brand", "href", "/console")
        .empty("img", "src", "/console/static/logo.svg", "alt", "", "width", "28", "height", "28")
        .text("Gatehouse")
        .close("a");
    h.open("details", "class", "identity");
    if (actor.role().isPresent()) {
      ConsoleSession.RoleChoice r = actor.role().get();
      h.open("summary", "class", "role-badge role-" + r.color(), "data-testid", "identity")
          .text(r.displayName() + " @ " + r.accountId())
          .close("summary");
    } else {
      h.open("summary", "data-testid", "identity")
          .text(actor.identity().displayName() + " @ " + actor.identity().accountLabel())
          .close("summary");
    }
    h.open("div", "class", "menu");
    h.open("dl")
        .element("dt", "Signed in as")
        .open("dd")
        .breakable(actor.identity().principal().arn())
        .close("dd")
        .element("dt", "Account")
        .element("dd", actor.identity().principal().accountId());
    if (actor.role().isPresent()) {
      h.element("dt", "Currently active as")
          .open("dd")
          .breakable(actor.caller().principal().arn())
          .close("dd");
    }
    h.close("dl");
    if (actor.role().isPresent()) {
      postButton(visit, h, "/console/switchback", "Switch back", "primary");
    }
    if (RootCredentialsPage.isRoot(visit)) {
      h.link(RootCredentialsPage.PATH, "Security credentials", "class", "button");
    }
    h.link("/console/switchrole", "Switch role", "class", "button");
    List<ConsoleSession.RoleChoice> recent = visit.session().recentRoles();
    if (!recent.isEmpty()) {
      h.element("p", "Role history", "class", "menu-title");
      h.open("ul", "class", "recent");
      for (ConsoleSession.RoleChoice r : recent) {
        h.open("li");
        h.open("form", "method", "post", "action", "/console/switchrole");
        csrf(visit, h);
        hidden(h, "account", r.accountId());
        hidden(h, "roleName", r.roleName());
        hidden(h, "displayName", r.displayName());
        hidden(h, "color", r.color());
        h.open("button", "type", "submit", "class", "link role-dot role-" + r.color())
            .text(r.displayName() + " @ " + r.accountId())
            .close("button");
        h.close("form").close("li");
      }
      h.close("ul");
    }
    postButton(visit, h, "/console/signout", "Sign out", "");
    h.close("div").close("details");
    h.close("header");
    if (actor.role().isPresent()) {
      h.open("div", "class", "role-banner role-" + actor.role().get().color(), "role", "status")
          .text(
              "You are working as role "
                  + actor.role().get().roleName()
                  + " in account "
                  + actor.role().get().accountId()
                  + ".");
      SwitchRoleGrants.banner(visit, h);
      h.close("div");
    }
  }

  private static void nav(List<Crumb> crumbs, Html h) {
    String section = crumbs.size() > 1 ? crumbs.get(1).label() : "Dashboard";
    h.open("nav", "class", "side", "aria-label", "Identity and Access Management");
    h.element("p", "IAM", "class", "nav-title");
    h.open("ul");
    for (Crumb item : NAV) {
      h.open("li");
      boolean current =
          item.label().equals(section) || (crumbs.size() <= 1 && item.label().equals("Dashboard"));
      h.link(item.href(), item.label(), "aria-current", current ? "page" : null);
      h.close("li");
    }
    h.close("ul").close("nav");
  }

  private static void breadcrumbs(List<Crumb> crumbs, Html h) {
    h.open("nav", "class", "crumbs", "aria-label", "Breadcrumb").open("ol");
    for (Crumb c : crumbs) {
      h.open("li");
      if (c.href().isEmpty()) {
        h.element("span", c.label(), "aria-current", "page");
      } else {
        h.link(c.href(), c.label());
      }
      h.close("li");
    }
    h.close("ol").close("nav");
  }

  private static void flash(Optional<ConsoleSession.Flash> flash, Html h) {
    if (flash.isEmpty()) {
      return;
    }
    ConsoleSession.Flash f = flash.get();
    String kind = f.kind().name().toLowerCase(java.util.Locale.ROOT);
    h.open(
            "div",
            "class",
            "flash flash-" + kind,
            "role",
            f.kind() == ConsoleSession.Flash.Kind.ERROR ? "alert" : "status",
            "data-testid",
            "flash")
        .text(f.text())
        .close("div");
  }

  /** The hidden CSRF field every form carries. */
  static void csrf(Visit visit, Html h) {
    hidden(h, Forms.CSRF_FIELD, visit.session().csrfToken());
  }

  static void hidden(Html h, String name, String value) {
    h.empty("input", "type", "hidden", "name", name, "value", value);
  }

  /** A one-button form that posts to {@code action}. */
  static void postButton(Visit visit, Html h, String action, String label, String cssClass) {
    h.open("form", "method", "post", "action", action, "class", "inline");
    csrf(visit, h);
    h.element("button", label, "type", "submit", "class", cssClass.isEmpty() ? null : cssClass);
    h.close("form");
  }
}
