package dev.gatehouse.server.console;

import java.util.List;

/**
 * The navigation entries whose screens this version does not have yet (user groups, policies, the
 * policy simulator): each says which API or CLI command does the job meanwhile.
 */
final class PendingPages {
  private PendingPages() {}

  static void register(Routes routes) {
    pending(
        routes, "/groups", "User groups", "aws iam list-groups / create-group / add-user-to-group");
    pending(
        routes,
        "/policies",
        "Policies",
        "aws iam list-policies / create-policy / create-policy-version");
    pending(
        routes,
        "/simulator",
        "Policy simulator",
        "aws iam simulate-principal-policy, or gatehouse policy simulate");
  }

  private static void pending(Routes routes, String path, String title, String commands) {
    routes.get(
        path,
        v -> {
          Html h = new Html();
          h.element("h1", title);
          h.element("p", "This screen is not in the console yet. Use the API meanwhile:");
          h.element("pre", commands, "class", "code");
          return v.page(title, List.of(new Crumb("IAM", "/console"), Crumb.here(title)), h);
        });
  }
}
