package dev.gatehouse.console;

import dev.gatehouse.api.InProcessCalls;
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
    h.element("h1", code(e));
    aws(h, e);
    h.open("p").link("/console", "Back to the dashboard").close("p");
    if (v.session().identity().isEmpty()) {
      return new Reply.Page(status(e), Layout.bare(code(e), Optional.empty(), h));
    }
    return new Reply.Page(
        status(e),
        Layout.page(v, code(e), List.of(new Crumb("IAM", "/console"), Crumb.here("Error")), h));
  }

  /** The alert box of an AWS error inside a screen. */
  static void aws(Html h, GatehouseException e) {
    h.open("div", "class", "flash flash-error", "role", "alert", "data-testid", "aws-error")
        .element("strong", code(e))
        .text(": " + e.getMessage())
        .close("div");
  }

  /** AWS's error code: the API's own for S3 ({@code NoSuchBucket}), else the error table's. */
  static String code(GatehouseException e) {
    return e instanceof InProcessCalls.Refused r ? r.awsCode() : e.code().awsCode();
  }

  /** The HTTP status the API answers the error with. */
  static int status(GatehouseException e) {
    return e instanceof InProcessCalls.Refused r ? r.status() : e.code().httpStatus();
  }
}
