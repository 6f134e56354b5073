package dev.gatehouse.cli;

import dev.gatehouse.sigv4.Header;
import dev.gatehouse.sigv4.SignedRequest;
import dev.gatehouse.sigv4.Signer;
import dev.gatehouse.sigv4.SignerOptions;
import dev.gatehouse.sigv4.SigningCredentials;
import dev.gatehouse.sigv4.SigningKeyCache;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code gatehouse access request|approve|deny|list|export|get|revoke|release|extend}: Gatehouse's
 * access-grant API for people, signed with the caller's credentials as the AWS CLI finds them
 * (environment, else the shared credentials file's profile), sent to {@code --endpoint-url} (or
 * {@code AWS_ENDPOINT_URL}).
 */
final class AccessCommand {
  static final String VERSION = "2026-11-01";

  private AccessCommand() {}

  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help")) {
      out.print(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    Map<String, String> options = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("--")) {
        if (i + 1 >= args.size()) {
          err.println("gatehouse access: " + a + " needs a value");
          return 2;
        }
        options.put(a.substring(2), args.get(++i));
      } else {
        positional.add(a);
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    String action;
    try {
      action = action(args.get(0), positional, options, params);
    } catch (IllegalArgumentException e) {
      err.println("gatehouse access: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    Optional<String> endpoint =
        Optional.ofNullable(options.get("endpoint-url"))
            .or(() -> Optional.ofNullable(env.get("AWS_ENDPOINT_URL")));
    if (endpoint.isEmpty()) {
      err.println("gatehouse access: give --endpoint-url URL (or set AWS_ENDPOINT_URL)");
      return 2;
    }
    Optional<SigningCredentials> credentials;
    try {
      credentials =
          credentials(
              env,
              Optional.ofNullable(options.get("profile"))
                  .orElse(env.getOrDefault("AWS_PROFILE", "default")));
    } catch (IOException e) {
      err.println("gatehouse access: cannot read the credentials file: " + e.getMessage());
      return 1;
    }
    if (credentials.isEmpty()) {
      err.println(
          "gatehouse access: no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
              + " or a profile in ~/.aws/credentials");
      return 2;
    }
    String region = options.getOrDefault("region", env.getOrDefault("AWS_REGION", "us-east-1"));
    try {
      if (args.get(0).equals("export")) {
        return export(
            URI.create(endpoint.get()),
            credentials.get(),
            region,
            params,
            options.getOrDefault("format", "json"),
            out,
            err);
      }
      HttpResponse<String> response =
          send(URI.create(endpoint.get()), credentials.get(), region, action, params);
      if (response.statusCode() / 100 != 2) {
        err.println(
            "gatehouse access: "
                + tag(response.body(), "Code").orElse("HTTP " + response.statusCode())
                + ": "
                + tag(response.body(), "Message").orElse(response.body()));
        return 1;
      }
      out.print(summary(response.body()));
      return 0;
    } catch (IOException e) {
      err.println("gatehouse access: cannot reach " + endpoint.get() + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** Every page of ListAccessRequests, rendered as JSON or CSV ({@link AccessExport}). */
  private static int export(
      URI endpoint,
      SigningCredentials credentials,
      String region,
      Map<String, String> filters,
      String format,
      PrintStream out,
      PrintStream err)
      throws IOException, InterruptedException {
    if (!format.equalsIgnoreCase("json") && !format.equalsIgnoreCase("csv")) {
      err.println("gatehouse access: --format must be json or csv, not " + format);
      return 2;
    }
    List<AccessExport.Request> all = new ArrayList<>();
    Map<String, String> params = new LinkedHashMap<>(filters);
    params.put("MaxItems", "1000");
    while (true) {
      HttpResponse<String> response =
          send(endpoint, credentials, region, "ListAccessRequests", params);
      if (response.statusCode() / 100 != 2) {
        err.println(
            "gatehouse access: "
                + tag(response.body(), "Code").orElse("HTTP " + response.statusCode())
                + ": "
                + tag(response.body(), "Message").orElse(response.body()));
        return 1;
      }
      all.addAll(AccessExport.parse(response.body()));
      Optional<String> marker = tag(response.body(), "Marker");
      if (marker.isEmpty()) {
        break;
      }
      params.put("Marker", marker.get());
    }
    out.print(AccessExport.render(all, format));
    return 0;
  }

  /** The API action and its parameters for a subcommand. */
  static String action(
      String command, List<String> positional, Map<String, String> o, Map<String, String> p) {
    switch (command) {
      case "request" -> {
        p.put("RoleArn", need(o, "role-arn"));
        p.put("DurationSeconds", o.getOrDefault("duration", "3600"));
        copy(o, "reason", p, "Reason");
        copy(o, "ticket", p, "TicketId");
        copy(o, "start-time", p, "StartTime");
        return "CreateAccessRequest";
      }
      case "approve", "deny", "get" -> {
        p.put("AccessRequestId", one(positional, "an access request id (ar-...)"));
        copy(o, "comment", p, "Comment");
        return command.equals("approve")
            ? "ApproveAccessRequest"
            : command.equals("deny") ? "DenyAccessRequest" : "GetAccessRequest";
      }
      case "list", "export" -> {
        copy(o, "role-arn", p, "RoleArn");
        copy(o, "requester", p, "Requester");
        copy(o, "status", p, "Status");
        copy(o, "since", p, "Since");
        return "ListAccessRequests";
      }
      case "revoke", "release" -> {
        p.put("GrantId", one(positional, "a grant id (ag-...)"));
        copy(o, "comment", p, "Comment");
        return command.equals("revoke") ? "RevokeAccessGrant" : "ReleaseAccessGrant";
      }
      case "extend" -> {
        p.put("GrantId", one(positional, "a grant id (ag-...)"));
        p.put("DurationSeconds", need(o, "duration"));
        copy(o, "comment", p, "Comment");
        return "ExtendAccessGrant";
      }
      default -> throw new IllegalArgumentException("unknown subcommand '" + command + "'");
    }
  }

  private static String need(Map<String, String> o, String name) {
    String v = o.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  private static String one(List<String> positional, String what) {
    if (positional.size() != 1) {
      throw new IllegalArgumentException("give " + what);
    }
    return positional.get(0);
  }

  private static void copy(Map<String, String> o, String name, Map<String, String> p, String as) {
    if (o.containsKey(name)) {
      p.put(as, o.get(name));
    }
  }

  /** As the AWS CLI: the environment's keys, else the profile of the shared credentials file. */
  static Optional<SigningCredentials> credentials(Map<String, String> env, String profile)
      throws IOException {
    String id = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (id != null && secret != null) {
      String token = env.get("AWS_SESSION_TOKEN");
      return Optional.of(
          token == null
              ? SigningCredentials.of(id, secret)
              : SigningCredentials.temporary(id, secret, token));
    }
    Path file =
        Path.of(
            env.getOrDefault(
                "AWS_SHARED_CREDENTIALS_FILE",
                env.getOrDefault("HOME", System.getProperty("user.home")) + "/.aws/credentials"));
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Map<String, String> section = new LinkedHashMap<>();
    String current = "";
    for (String raw : Files.readAllLines(file)) {
      String line = raw.trim();
      if (line.startsWith("[") && line.endsWith("]")) {
        current = line.substring(1, line.length() - 1).trim();
      } else if (current.equals(profile) && line.contains("=") && !line.startsWith("#")) {
        int eq = line.indexOf('=');
        section.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    String pid = section.get("aws_access_key_id");
    String psecret = section.get("aws_secret_access_key");
    if (pid == null || psecret == null) {
      return Optional.empty();
    }
    String token = section.get("aws_session_token");
    return Optional.of(
        token == null
            ? SigningCredentials.of(pid, psecret)
            : SigningCredentials.temporary(pid, psecret, token));
  }

  private static HttpResponse<String> send(
      URI endpoint,
      SigningCredentials credentials,
      String region,
      String action,
      Map<String, String> params)
      throws IOException, InterruptedException {
    StringBuilder form = new StringBuilder("Action=" + action + "&Version=" + VERSION);
    for (Map.Entry<String, String> e : params.entrySet()) {
      form.append('&')
          .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
    String host = endpoint.getHost() + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "");
    List<Header> headers =
        List.of(
            new Header("Host", host),
            new Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
    SignedRequest signed =
        new Signer(new SigningKeyCache(1))
            .signHeaders(
                SignedRequest.of("POST", "/", "", headers, body),
                credentials,
                region,
                "gatehouse",
                Instant.now(),
                SignerOptions.DEFAULT)
            .request();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.resolve("/"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (Header h : signed.headers()) {
      if (!h.is("Host")) {
        request.header(h.name(), h.value());
      }
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static final Pattern REQUEST =
      Pattern.compile(
          "<(?:AccessRequest|member)>\\s*<AccessRequestId>.*?</Status>", Pattern.DOTALL);

  /** One line per request: id, status, role, requester, grant and its end. */
  static String summary(String xml) {
    StringBuilder b = new StringBuilder();
    Matcher m = REQUEST.matcher(xml);
    while (m.find()) {
      int from = m.start();
      int to = xml.indexOf("</AccessRequestId>", m.end());
      String one = xml.substring(from, to < 0 ? xml.length() : to);
      b.append(tag(one, "AccessRequestId").orElse(""))
          .append('\t')
          .append(tag(one, "Status").orElse(""))
          .append('\t')
          .append(tag(one, "RoleArn").orElse(""))
          .append('\t')
          .append(tag(one, "Requester").orElse(""))
          .append('\t')
          .append(tag(one, "GrantId").orElse("-"))
          .append('\t')
          .append(tag(one, "EndTime").orElse("-"))
          .append('\t')
          .append(tag(one, "Reason").orElse(""))
          .append('\n');
    }
    return b.length() == 0 ? "ok\n" : b.toString();
  }

  static Optional<String> tag(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
    return m.find() ? Optional.of(unescape(m.group(1))) : Optional.empty();
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
  }

  static final String USAGE =
      """
      Usage: gatehouse access <subcommand> [options] [--endpoint-url URL] [--profile NAME]

      Temporary access with approval (credentials as the AWS CLI finds them):
        request --role-arn ARN --duration SECONDS --reason TEXT [--ticket ID] [--start-time ISO]
        approve ACCESS_REQUEST_ID [--comment TEXT]
        deny ACCESS_REQUEST_ID [--comment TEXT]
        get ACCESS_REQUEST_ID
        list [--role-arn ARN] [--requester ARN] [--status PENDING|ACTIVE|...] [--since ISO]
        export [--format json|csv] [the filters of list]: every request with its history
        revoke GRANT_ID [--comment TEXT]
        release GRANT_ID
        extend GRANT_ID --duration SECONDS [--comment TEXT]
      """;
}
