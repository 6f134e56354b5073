package dev.gatehouse.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A form client whose requests leave from a chosen loopback address (127.0.0.2, ...), so tests can
 * play a second source address against the server; the JDK's HttpClient cannot bind one. Speaks
 * HTTP/1.0 (one request per connection, no chunking) and keeps the session cookie and CSRF token.
 */
final class BoundFormClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern COOKIE =
      Pattern.compile("(?im)^Set-Cookie:\\s*([^=;\\s]+=[^;\\r\\n]*)");

  /** One response: its status and body. */
  record Response(int status, String body) {}

  private final InetAddress local;
  private final int port;
  private String cookie = "";
  private String token = "";

  BoundFormClient(String localAddress, int port) throws IOException {
    this.local = InetAddress.getByName(localAddress);
    this.port = port;
  }

  Response get(String path) throws IOException {
    return send("GET " + path + " HTTP/1.0\r\n", "");
  }

  /** Posts a form with the CSRF token of the last page. */
  Response post(String path, Map<String, String> fields) throws IOException {
    List<String> pairs = new ArrayList<>();
    pairs.add("_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    for (Map.Entry<String, String> f : fields.entrySet()) {
      pairs.add(
          URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)
              + "="
              + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8));
    }
    String body = String.join("&", pairs);
    return send(
        "POST "
            + path
            + " HTTP/1.0\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length
            + "\r\n",
        body);
  }

  /** Fills in the sign-in form as the root user (an IAM user when {@code user} is given). */
  Response signIn(String account, String user, String password) throws IOException {
    get("/console/signin");
    return post(
        "/console/signin",
        Map.of(
            "account",
            account,
            "who",
            user.isEmpty() ? "root" : "user",
            "userName",
            user,
            "password",
            password));
  }

  private Response send(String head, String body) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(local, 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
      socket.setSoTimeout(30_000);
      StringBuilder request = new StringBuilder(head);
      request.append("Host: 127.0.0.1:").append(port).append("\r\n");
      request.append("Accept: text/html\r\n");
      if (!cookie.isEmpty()) {
        request.append("Cookie: ").append(cookie).append("\r\n");
      }
      request.append("\r\n").append(body);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String headers = split < 0 ? text : text.substring(0, split);
      String content = split < 0 ? "" : text.substring(split + 4);
      Matcher c = COOKIE.matcher(headers);
      if (c.find()) {
        cookie = c.group(1);
      }
      Matcher t = CSRF.matcher(content);
      if (t.find()) {
        token = t.group(1);
      }
      return new Response(Integer.parseInt(headers.split(" ", 3)[1]), content);
    }
  }
}
