package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console is made by the first request for it, and a failed making is not kept. */
class ConsoleHandlerTest {
  @Test
  void theConsoleIsMadeByItsFirstRequestAndAFailureIsNotKept(@TempDir Path dir) throws Exception {
    AtomicInteger made = new AtomicInteger();
    DeferredHandler deferred = new DeferredHandler();
    HttpServer server = new HttpServer(ServerConfig.local(dir).withMaxBodyBytes(1024), deferred);
    server.start();
    try {
      deferred.install(
          new ConsoleHandler(
              () -> {
                made.incrementAndGet();
                throw new IllegalStateException("no console here");
              }));
      assertThat(made).hasValue(0);

      HttpClient client = HttpClient.newHttpClient();
      HttpRequest get =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/console"))
              .build();
      assertThat(client.send(get, HttpResponse.BodyHandlers.discarding()).statusCode())
          .isEqualTo(500);
      assertThat(made).hasValue(1);
      assertThat(client.send(get, HttpResponse.BodyHandlers.discarding()).statusCode())
          .isEqualTo(500);
      assertThat(made).hasValue(2);
    } finally {
      server.close();
    }
  }
}
