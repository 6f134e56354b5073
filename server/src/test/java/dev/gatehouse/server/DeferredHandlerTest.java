package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Before the pipeline is installed, requests get ServiceUnavailable in AWS's envelope. */
class DeferredHandlerTest {
  @Test
  void answersServiceUnavailableUntilInstalled(@TempDir Path dir) throws Exception {
    ServerConfig config = config(dir);
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

  /**
   * Jetty calls a tree on its selector only if every handler on the path declares itself
   * non-blocking; the serving tree does, and a blocking handler installed behind it still answers
   * (from the pool).
   */
  @Test
  void theServingTreeIsNonBlockingAndABlockingTargetStillAnswers(@TempDir Path dir)
      throws Exception {
    ServerConfig config = config(dir);
    DeferredHandler deferred = new DeferredHandler();
    HttpServer server =
        new HttpServer(config, new HealthHandler(deferred, new Readiness(), Optional.empty()));
    server.start();
    try {
      assertThat(server.invocationType()).isEqualTo(Invocable.InvocationType.NON_BLOCKING);
      deferred.install(
          new Handler.Abstract() { // blocking, as Handler.Abstract is by default
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
              response.write(
                  true, ByteBuffer.wrap("blocking".getBytes(StandardCharsets.UTF_8)), callback);
              return true;
            }
          });
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).isEqualTo("blocking");
    } finally {
      server.close();
    }
  }

  private static ServerConfig config(Path dir) {
    return ServerConfig.local(dir).withMaxBodyBytes(1024);
  }
}
