package dev.gatehouse.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A cookie-keeping HTTP client that fills forms like a browser without scripts. */
final class FormClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http;
  private String token = "";

  FormClient(String base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return remember(
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  /** Follows redirects of GETs (303 after a POST included) to the final page. */
  HttpResponse<String> follow(HttpResponse<String> response)
      throws IOException, InterruptedException {
    HttpResponse<String> r = response;
    for (int i = 0; i < 5 && (r.statusCode() == 302 || r.statusCode() == 303); i++) {
      r = get(r.headers().firstValue("Location").orElseThrow());
    }
    return r;
  }

  /** Posts a form with the CSRF token of the last page. */
  HttpResponse<String> post(String path, Map<String, String> fields)
      throws IOException, InterruptedException {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("_csrf", csrf());
    all.putAll(fields);
    return postRaw(path, all);
  }

  /** Posts exactly these fields (no token added). */
  HttpResponse<String> postRaw(String path, Map<String, String> fields)
      throws IOException, InterruptedException {
    List<String> pairs = new ArrayList<>();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      pairs.add(
          URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)
              + "="
              + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8));
    }
    return remember(
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  /**
   * Posts a {@code multipart/form-data} form as a browser does: the CSRF token and {@code fields}
   * first, then the file.
   */
  HttpResponse<String> postFile(
      String path, Map<String, String> fields, String fileName, String type, byte[] content)
      throws IOException, InterruptedException {
    String boundary = "----FormBoundary7MA4YWxkTrZu0gW";
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Map<String, String> all = new LinkedHashMap<>();
    all.put("_csrf", csrf());
    all.putAll(fields);
    for (Map.Entry<String, String> f : all.entrySet()) {
      out.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + f.getKey()
                  + "\"\r\n\r\n"
                  + f.getValue()
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: "
                + type
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return remember(
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  /** A GET whose body is kept as bytes (a download). */
  HttpResponse<byte[]> download(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  String csrf() {
    return token;
  }

  /** Signs in (root when {@code user} is empty) and returns the page reached. */
  HttpResponse<String> signIn(String account, String user, String password)
      throws IOException, InterruptedException {
    get("/console/signin");
    return follow(
        post(
            "/console/signin",
            Map.of(
                "account",
                account,
                "who",
                user.isEmpty() ? "root" : "user",
                "userName",
                user,
                "password",
                password)));
  }

  private HttpResponse<String> remember(HttpResponse<String> r) {
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      token = m.group(1);
    }
    return r;
  }
}
