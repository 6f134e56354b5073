package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OIDC fetcher makes nothing TLS until its first fetch, and reads a CA bundle at start. */
class OidcHttpsFetcherTest {
  @TempDir Path dir;

  private Path copy(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(getClass().getResourceAsStream("/tls/" + name), name)) {
      Path p = dir.resolve(name);
      Files.copy(in, p);
      return p;
    }
  }

  @Test
  void nothingTlsBeforeTheFirstFetch() {
    OidcHttpsFetcher fetcher = OidcHttpsFetcher.fromEnvironment(Map.of());
    assertThat(fetcher.started()).isFalse();
    assertThatThrownBy(() -> fetcher.get(URI.create("http://127.0.0.1:1/keys")))
        .isInstanceOf(IOException.class)
        .hasMessage("not https: http://127.0.0.1:1/keys");
    assertThat(fetcher.started()).isFalse();
  }

  @Test
  void aBadBundleStopsTheStart() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
    assertThatThrownBy(
            () ->
                OidcHttpsFetcher.fromEnvironment(
                    Map.of(OidcHttpsFetcher.CA_FILE_ENV, junk.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            OidcHttpsFetcher.CA_FILE_ENV + ": cannot read the CA bundle " + junk + ": ");
  }

  @Test
  void firstFetchesTrustTheBundleAndOnlyTheJvmWithoutIt() throws Exception {
    Path cert = copy("cert.pem");
    KeyStore keys = PemKeyStore.load(cert, copy("key-pkcs1.pem"), "pw".toCharArray());
    KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    km.init(keys, "pw".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(km.getKeyManagers(), null, null);
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/jwks",
        exchange -> {
          byte[] body = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    ExecutorService pool = Executors.newFixedThreadPool(4);
    // Handshakes on their own threads: the default runs them one at a time on the dispatcher.
    ExecutorService handlers = Executors.newFixedThreadPool(2);
    server.setExecutor(handlers);
    server.start();
    try {
      URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
      OidcHttpsFetcher trusting =
          OidcHttpsFetcher.fromEnvironment(Map.of(OidcHttpsFetcher.CA_FILE_ENV, cert.toString()));
      assertThat(trusting.started()).isFalse();
      List<Future<String>> bodies = new ArrayList<>();
      Callable<String> fetch = () -> trusting.get(uri);
      for (int i = 0; i < 2; i++) {
        bodies.add(pool.submit(fetch));
      }
      for (Future<String> body : bodies) {
        assertThat(body.get(30, TimeUnit.SECONDS)).isEqualTo("{\"keys\":[]}");
      }
      assertThat(trusting.started()).isTrue();

      OidcHttpsFetcher jvmOnly = OidcHttpsFetcher.fromEnvironment(Map.of());
      assertThatThrownBy(() -> jvmOnly.get(uri)).isInstanceOf(IOException.class);
      assertThat(jvmOnly.started()).isTrue();
    } finally {
      pool.shutdownNow();
      server.stop(0);
      handlers.shutdownNow();
    }
  }
}
