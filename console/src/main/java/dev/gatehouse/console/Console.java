package dev.gatehouse.console;

import dev.gatehouse.api.InProcessCalls;
import dev.gatehouse.core.error.GatehouseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console under {@code /console}, readable in {@link #serve}: static files, session from
 * the cookie, the route, the CSRF check of every POST, sign-in required or not, who acts (the
 * identity or its role session, whose token is opened again here), the screen, then the reply with
 * the security headers. It knows no HTTP server: an adapter hands it a {@link ConsoleHttp.Incoming}
 * and writes the {@link ConsoleHttp.Outgoing} it answers.
 */
public final class Console {
  private static final Logger LOG = LoggerFactory.getLogger(Console.class);

  static final String COOKIE = "gatehouse_console";

  /** spec: the console's content security policy: nothing inline, nothing from elsewhere. */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

  private final Visit.Console console;
  private final Routes routes = new Routes();
  private final Acting acting;
  private final long maxBodyBytes;
  private final long maxUploadBytes;

  /** The largest file the console uploads unless configured: S3's limit of one PutObject. */
  public static final long DEFAULT_MAX_UPLOAD = 5L << 30;

  public Console(ConsoleBackend backend, InProcessCalls calls, Clock clock, long maxBodyBytes) {
    this(backend, calls, clock, maxBodyBytes, DEFAULT_MAX_UPLOAD);
  }

  /**
   * @param maxUploadBytes the largest file the S3 page uploads (streamed, never held in memory)
   */
  public Console(
      ConsoleBackend backend,
      InProcessCalls calls,
      Clock clock,
      long maxBodyBytes,
      long maxUploadBytes) {
    this.maxUploadBytes = maxUploadBytes;
    this.console =
        new Visit.Console(
            calls, backend, new Sessions(new SecureRandom(), clock, backend.idleTimeout()), clock);
    this.acting = new Acting(backend, clock);
    this.maxBodyBytes = maxBodyBytes;
    SignInPages.register(routes);
    SwitchRolePages.register(routes);
    DashboardPage.register(routes);
    RolesPages.register(routes);
    RoleWizard.register(routes);
    RolePage.register(routes);
    RoleEditors.register(routes);
    UserCreatePage.register(routes);
    UserPages.register(routes);
    UserTabs.register(routes);
    UserCredentialsPage.register(routes);
    MfaPages.register(routes);
    RootCredentialsPage.register(routes);
    PolicyAttachPage.register(routes);
    GroupsPages.register(routes);
    GroupPage.register(routes);
    PoliciesPages.register(routes);
    PolicyPage.register(routes);
    SimulatorPage.register(routes);
    IdentityProvidersPage.register(routes);
    S3Pages.register(routes);
    S3ObjectBrowser.register(routes);
    S3PolicyPage.register(routes);
    MyGrantsPage.register(routes);
    RequestAccessPage.register(routes);
    RequestPolicyPage.register(routes);
    ApprovalsPage.register(routes);
  }

  /** Answers one request; never throws. */
  public ConsoleHttp.Outgoing handle(ConsoleHttp.Incoming request) {
    CookieChange out = new CookieChange();
    Reply reply;
    try {
      reply = serve(request, out);
    } catch (RuntimeException e) {
      // Internal text never reaches the browser.
      LOG.error("console request failed", e);
      reply =
          ErrorPages.page(
              500,
              "Something went wrong",
              "The console could not complete the request. Try again.");
    }
    return write(reply, out, request.secure());
  }

  /** What the reply adds besides the body: a new session cookie, or clearing it. */
  private static final class CookieChange {
    String setCookie;
  }

  private Reply serve(ConsoleHttp.Incoming incoming, CookieChange out) {
    String path = incoming.decodedPath();
    path = path == null ? "/" : path.substring(Math.min(path.length(), "/console".length()));
    if (path.isEmpty()) {
      path = "/";
    }
    String method = incoming.method();
    if (method.equals("GET") && path.startsWith("/static/")) {
      return Assets.get(path.substring("/static/".length()));
    }
    if (!method.equals("GET") && !method.equals("POST")) {
      return ErrorPages.page(405, "Method not allowed", "The console answers GET and POST only.");
    }
    ConsoleRequest request;
    Optional<Multipart.Upload> upload = Optional.empty();
    try {
      Optional<String> boundary =
          method.equals("POST") ? Multipart.boundary(incoming.contentType()) : Optional.empty();
      if (boundary.isPresent()) {
        Multipart.Form form =
            Multipart.read(
                incoming.body(), boundary.get(), incoming.declaredLength(), maxBodyBytes);
        upload = form.upload();
        if (upload.isPresent() && upload.get().length() > maxUploadBytes) {
          return ErrorPages.page(
              413,
              "File too large",
              "The file "
                  + upload.get().fileName()
                  + " is "
                  + upload.get().length()
                  + " bytes; the console uploads files of up to "
                  + maxUploadBytes
                  + " bytes. Use the AWS CLI or an SDK for larger objects.");
        }
        request = request(incoming, method, path, form.fields());
      } else {
        request = read(incoming, method, path);
      }
    } catch (BodyTooLarge e) {
      return ErrorPages.page(
          413, "Request too large", "The form was larger than " + maxBodyBytes + " bytes.");
    } catch (Multipart.Malformed e) {
      return ErrorPages.page(400, "Bad form", e.getMessage());
    }
    String cookieId = request.cookie(COOKIE);
    boolean timedOut = console.sessions().timedOut(cookieId);
    Optional<ConsoleSession> found = console.sessions().find(cookieId);
    Optional<Routes.Match> match = routes.match(method, path);
    if (match.isEmpty()) {
      return routes.knowsPath(path)
          ? ErrorPages.page(405, "Method not allowed", "This page does not accept that request.")
          : ErrorPages.page(404, "Page not found", "There is no console page at this address.");
    }
    request = request.withPathParams(match.get().params());
    if (method.equals("POST")
        && (found.isEmpty()
            || !Sessions.sameToken(found.get().csrfToken(), request.param(Forms.CSRF_FIELD)))) {
      // spec: every POST carries the form's token; a missing or foreign one is refused.
      return ErrorPages.page(
          403,
          "Request refused",
          "The form has expired or did not come from this console. Reload the page and try again.");
    }
    ConsoleSession session;
    if (found.isPresent()) {
      session = found.get();
    } else {
      session = console.sessions().create();
      out.setCookie = session.id();
      if (timedOut) {
        session.flash(ConsoleSession.Flash.Kind.INFO, "Your session timed out. Sign in again.");
      }
    }
    Optional<Actor> actor = Optional.empty();
    if (match.get().entry().signedIn()) {
      if (session.identity().isEmpty()) {
        String next = method.equals("GET") ? fullPath(incoming) : "/console";
        return Reply.redirect(
            "/console/signin" + (next.equals("/console") ? "" : "?next=" + Visit.segment(next)));
      }
      Acting.Outcome acted = acting.actor(session, request);
      if (acted instanceof Acting.Outcome.Ended ended) {
        session.flash(ConsoleSession.Flash.Kind.ERROR, ended.message());
        return Reply.redirect("/console");
      }
      actor = Optional.of(((Acting.Outcome.Acts) acted).actor());
    }
    Visit visit = new Visit(request, session, actor, console, upload);
    try {
      Reply reply = match.get().entry().route().handle(visit);
      if (reply instanceof Reply.SessionChange change) {
        out.setCookie = change.cookieValue();
        return change.then();
      }
      return reply;
    } catch (GatehouseException e) {
      return ErrorPages.apiError(visit, e);
    }
  }

  private static String fullPath(ConsoleHttp.Incoming incoming) {
    String q = incoming.rawQuery();
    return incoming.rawPath() + (q == null || q.isEmpty() ? "" : "?" + q);
  }

  private static final class BodyTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private ConsoleRequest read(ConsoleHttp.Incoming incoming, String method, String path) {
    Map<String, List<String>> form = Map.of();
    if (method.equals("POST")) {
      if (incoming.contentType().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
        throw new Multipart.Malformed("The console reads multipart/form-data forms only.");
      }
      long declared = incoming.declaredLength();
      if (declared > maxBodyBytes) {
        throw new BodyTooLarge();
      }
      byte[] body;
      try (InputStream in = incoming.body()) {
        body = in.readNBytes((int) maxBodyBytes + 1);
      } catch (IOException e) {
        body = new byte[0];
      }
      if (body.length > maxBodyBytes) {
        throw new BodyTooLarge();
      }
      form = ConsoleRequest.parseForm(new String(body, StandardCharsets.UTF_8));
    }
    return request(incoming, method, path, form);
  }

  private static ConsoleRequest request(
      ConsoleHttp.Incoming incoming, String method, String path, Map<String, List<String>> form) {
    return new ConsoleRequest(
        method,
        path,
        ConsoleRequest.parseForm(incoming.rawQuery()),
        form,
        Map.of(),
        incoming.sourceIp(),
        incoming.secure(),
        incoming.cookieHeader(),
        incoming.host());
  }

  private static ConsoleHttp.Outgoing write(Reply reply, CookieChange out, boolean secure) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("Content-Security-Policy", CSP);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "same-origin");
    headers.put("X-Frame-Options", "DENY");
    if (out.setCookie != null) {
      headers.put("Set-Cookie", cookie(out.setCookie, secure));
    }
    int status;
    byte[] body;
    if (reply instanceof Reply.Asset asset) {
      status = 200;
      headers.put("Content-Type", asset.contentType());
      headers.put("Cache-Control", "public, max-age=300");
      body = asset.body();
    } else if (reply instanceof Reply.Download download) {
      headers.put("Content-Type", download.contentType());
      headers.put("Content-Length", Long.toString(download.length()));
      headers.put("Content-Disposition", S3Calls.attachment(download.fileName()));
      headers.put("Cache-Control", "no-store");
      return new ConsoleHttp.Outgoing(200, headers, new byte[0], Optional.of(download.body()));
    } else if (reply instanceof Reply.Redirect redirect) {
      status = 303;
      headers.put("Location", Reply.localPath(redirect.location()));
      headers.put("Cache-Control", "no-store");
      body = new byte[0];
    } else {
      Reply.Page page = (Reply.Page) reply;
      status = page.status();
      headers.put("Content-Type", "text/html; charset=utf-8");
      headers.put("Cache-Control", "no-store");
      body = page.document().toString().getBytes(StandardCharsets.UTF_8);
    }
    return new ConsoleHttp.Outgoing(status, headers, body);
  }

  /** The session cookie: server-side id only, never readable by scripts, never sent cross-site. */
  static String cookie(String value, boolean secure) {
    String base =
        COOKIE
            + "="
            + value
            + "; Path=/console; HttpOnly; SameSite=Strict"
            + (secure ? "; Secure" : "");
    return value.isEmpty() ? base + "; Max-Age=0" : base;
  }
}
