package dev.gatehouse.console;

import dev.gatehouse.core.error.GatehouseException;
import java.util.List;
import java.util.Optional;

/** Error pages: HTTP errors of the console itself, and AWS errors a screen did not handle. */
final class ErrorPages {
  private ErrorPages() {}

  static Reply page(int status, String title, String text) {
    Html h = new Html();
    h.element("h1", title);
    h.element("p", text, "data-testid", "error-text");
    h.open("p").link("/console", "Back to the console").close("p");
    return new Reply.Page(status, Layout.bare(title, Optional.empty(), h));
  }

  /** AWS's error code and message (AccessDenied shows who was refused what), in the chrome. */
  static Reply apiError(Visit v, GatehouseException e) {
    Html h = new Html();
    h.element("h1", e.code().awsCode());
    aws(h, e);
    h.open("p").link("/console", "Back to the dashboard").close("p");
    if (v.session().identity().isEmpty()) {
      return new Reply.Page(
          e.code().httpStatus(), Layout.bare(e.code().awsCode(), Optional.empty(), h));
    }
    return new Reply.Page(
        e.code().httpStatus(),
        Layout.page(
            v, e.code().awsCode(), List.of(new Crumb("IAM", "/console"), Crumb.here("Error")), h));
  }

  /** The alert box of an AWS error inside a screen. */
  static void aws(Html h, GatehouseException e) {
    h.open("div", "class", "flash flash-error", "role", "alert", "data-testid", "aws-error")
        .element("strong", e.code().awsCode())
        .text(": " + e.getMessage())
        .close("div");
  }
}
