package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Before the pipeline is installed, requests get ServiceUnavailable in AWS's envelope. */
class DeferredHandlerTest {
  @Test
  void answersServiceUnavailableUntilInstalled(@TempDir Path dir) throws Exception {
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1",
            0,
            dir,
            new ServerConfig.AccountChoice.Stored(),
            new ServerConfig.TlsChoice.Plain(),
            false,
            1024);
    DeferredHandler deferred = new DeferredHandler();
    HttpServer server = new HttpServer(config, deferred);
    server.start();
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                      .POST(HttpRequest.BodyPublishers.ofString("Action=ListUsers"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body())
          .contains("<Type>Receiver</Type><Code>ServiceUnavailable</Code>")
          .contains(r.headers().firstValue("x-amzn-RequestId").orElseThrow());
    } finally {
      server.close();
    }
  }
}
