package dev.gatehouse.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.InProcessCalls;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a screen sees it: the parsed request, the browser's session, who acts (for
 * signed-in routes) and the way to call the APIs as that actor. Screens never reach the services
 * directly: every action goes through {@link #call}, that is through the same operations,
 * authorizer and audit log as an SDK request.
 */
public final class Visit {
  private final ConsoleRequest request;
  private final ConsoleSession session;
  private final Optional<Actor> actor;
  private final Console console;
  private final Optional<Multipart.Upload> upload;

  /** The console's shared collaborators. */
  record Console(InProcessCalls calls, ConsoleBackend backend, Sessions sessions, Clock clock) {}

  Visit(ConsoleRequest request, ConsoleSession session, Optional<Actor> actor, Console console) {
    this(request, session, actor, console, Optional.empty());
  }

  Visit(
      ConsoleRequest request,
      ConsoleSession session,
      Optional<Actor> actor,
      Console console,
      Optional<Multipart.Upload> upload) {
    this.request = request;
    this.session = session;
    this.actor = actor;
    this.console = console;
    this.upload = upload;
  }

  /** The file of a {@code multipart/form-data} form, streamed (read it once). */
  Optional<Multipart.Upload> upload() {
    return upload;
  }

  /**
   * An S3 request as the actor, through the same S3 operations, authorizer and audit record as over
   * HTTP.
   *
   * @throws InProcessCalls.Refused S3's error code, status and message
   */
  InProcessCalls.RestAnswer s3(InProcessCalls.RestCall call) {
    Actor a = actor();
    dev.gatehouse.api.Caller c = a.caller();
    dev.gatehouse.api.Caller s3 =
        new dev.gatehouse.api.Caller(
            c.principal(), c.accessKeyId(), c.region(), "s3", c.signInMfa());
    return console.calls().rest("s3", call, s3, a.origin());
  }

  public ConsoleRequest request() {
    return request;
  }

  public ConsoleSession session() {
    return session;
  }

  /** Who acts; only on signed-in routes. */
  public Actor actor() {
    return actor.orElseThrow(() -> new IllegalStateException("route is not signed in"));
  }

  Console console() {
    return console;
  }

  /** An IAM action as the actor. */
  public ObjectNode iam(String action, Map<String, String> params) {
    return call("iam", action, params);
  }

  /**
   * An action of any API on the endpoint ({@code iam}, {@code sts}, {@code gatehouse}) as the
   * actor.
   *
   * @throws dev.gatehouse.core.error.GatehouseException AWS's error, for the screen to show
   */
  public ObjectNode call(String service, String action, Map<String, String> params) {
    Actor a = actor();
    return console.calls().call(service, action, params, a.caller(), a.origin());
  }

  /** A page with the console chrome. */
  public Reply page(String title, List<Crumb> crumbs, Html content) {
    return new Reply.Page(200, Layout.page(this, title, crumbs, content));
  }

  /** Redirects with a success message. */
  public Reply done(String path, String message) {
    session.flash(ConsoleSession.Flash.Kind.SUCCESS, message);
    return Reply.redirect(path);
  }

  /** Redirects with an error message (AWS's error text). */
  public Reply failed(String path, String message) {
    session.flash(ConsoleSession.Flash.Kind.ERROR, message);
    return Reply.redirect(path);
  }

  /** A path segment for a link ({@code /console/roles/} + segment). */
  public static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
