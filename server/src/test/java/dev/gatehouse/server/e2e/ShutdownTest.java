package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.Operations;
import dev.gatehouse.server.ServerConfig;
import dev.gatehouse.sigv4.Header;
import dev.gatehouse.sigv4.SignedRequest;
import dev.gatehouse.sigv4.Signer;
import dev.gatehouse.sigv4.SignerOptions;
import dev.gatehouse.sigv4.SigningCredentials;
import dev.gatehouse.sigv4.SigningKeyCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful shutdown: a write in flight when it begins (its body half sent) completes and is
 * audited; the listener refuses new connections meanwhile; the audit log closes after.
 */
class ShutdownTest {
  @Test
  void aWriteInFlightCompletesAndIsAuditedWhileNewConnectionsAreRefused(@TempDir Path dir)
      throws Exception {
    Gatehouse server =
        OpsServer.start(
            ServerConfig.local(dir).withAccount("123456789012"),
            new Operations(new Operations.MetricsExposure.Off(), Duration.ofSeconds(20)),
            Map.of());
    int port = server.port();
    Map<String, String> creds = LiveServer.credentialsFile(dir.resolve("root-credentials"));
    byte[] body =
        "Action=CreateUser&UserName=in-flight&Version=2010-05-08".getBytes(StandardCharsets.UTF_8);
    SignedRequest signed =
        new Signer(new SigningKeyCache(4))
            .signHeaders(
                SignedRequest.of(
                    "POST",
                    "/",
                    "",
                    List.of(
                        new Header("Host", "127.0.0.1:" + port),
                        new Header(
                            "Content-Type", "application/x-www-form-urlencoded; charset=utf-8")),
                    body),
                SigningCredentials.of(
                    creds.get("aws_access_key_id"), creds.get("aws_secret_access_key")),
                "us-east-1",
                "iam",
                Instant.now(),
                SignerOptions.DEFAULT)
            .request();
    CompletableFuture<Void> closed;
    String answer;
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\n");
      for (Header h : signed.headers()) {
        head.append(h.name()).append(": ").append(h.value()).append("\r\n");
      }
      head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(body, 0, 10); // the request is in flight: its body is half sent
      out.flush();
      Thread.sleep(300);

      closed = CompletableFuture.runAsync(server::close);
      awaitRefused(port);
      assertThat(closed).isNotDone(); // the shutdown waits for the request in flight

      out.write(body, 10, body.length - 10);
      out.flush();
      answer = readResponse(socket.getInputStream());
    }
    assertThat(answer).startsWith("HTTP/1.1 200").contains("<UserName>in-flight</UserName>");
    closed.get(30, TimeUnit.SECONDS);

    List<String> audit = new ArrayList<>();
    try (var files = Files.list(dir.resolve("audit"))) {
      for (Path p : files.toList()) {
        audit.addAll(Files.readAllLines(p));
      }
    }
    assertThat(audit)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("\"eventName\":\"CreateUser\"")
                    .contains("\"userName\":\"in-flight\"")
                    .doesNotContain("errorCode"));
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(ConnectException.class);
  }

  /** Waits until the listener refuses new connections (the shutdown stopped accepting). */
  private static void awaitRefused(int port) throws Exception {
    Instant end = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(end)) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      } catch (ConnectException refused) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the listener still accepts connections");
  }

  /** One HTTP/1.1 response: its head and a body of Content-Length bytes. */
  private static String readResponse(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    int length = -1;
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        return text.toString();
      }
      text.append((char) c);
      if (c != '\n') {
        line.append((char) c);
        continue;
      }
      String l = line.toString().trim();
      line.setLength(0);
      if (l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(l.substring(l.indexOf(':') + 1).trim());
      }
      if (l.isEmpty()) {
        break;
      }
    }
    if (length > 0) {
      text.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }
    return text.toString();
  }
}
