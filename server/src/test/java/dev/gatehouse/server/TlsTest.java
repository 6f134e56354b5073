package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
  @TempDir Path dir;

  Path copy(String name) throws Exception {
    try (InputStream in =
        Objects.requireNonNull(getClass().getResourceAsStream("/tls/" + name), name)) {
      Path p = dir.resolve(name);
      Files.copy(in, p);
      return p;
    }
  }

  @Test
  void pkcs8AndPkcs1KeysLoad() throws Exception {
    Path cert = copy("cert.pem");
    for (String key : new String[] {"key-pkcs8.pem", "key-pkcs1.pem"}) {
      KeyStore store = PemKeyStore.load(cert, copy(key), "pw".toCharArray());
      assertThat(store.getKey(PemKeyStore.ALIAS, "pw".toCharArray()).getAlgorithm())
          .isEqualTo("RSA");
    }
  }

  @Test
  void filesWithoutPemBlocksAreRefused() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not pem");
    Path cert = copy("cert.pem");
    assertThatThrownBy(() -> PemKeyStore.load(junk, junk, "pw".toCharArray()))
        .hasMessageContaining("no CERTIFICATE block");
    assertThatThrownBy(() -> PemKeyStore.load(cert, junk, "pw".toCharArray()))
        .hasMessageContaining("no PRIVATE KEY");
  }

  @Test
  void serverSpeaksHttpsWithTheGivenCertificate() throws Exception {
    ServerConfig config =
        ServerConfig.local(dir)
            .withTls(new ServerConfig.TlsChoice.Pem(copy("cert.pem"), copy("key-pkcs1.pem")))
            .withMaxBodyBytes(1024);
    HttpServer server =
        new HttpServer(
            config,
            new org.eclipse.jetty.server.Handler.Abstract() {
              @Override
              public boolean handle(
                  org.eclipse.jetty.server.Request request,
                  org.eclipse.jetty.server.Response response,
                  org.eclipse.jetty.util.Callback callback) {
                response.setStatus(204);
                callback.succeeded();
                return true;
              }
            });
    server.start();
    try {
      X509Certificate cert;
      try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
        cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", cert);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      try (SSLSocket socket =
          (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", server.port())) {
        socket.startHandshake();
        assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(cert);
      }
    } finally {
      server.close();
    }
  }
}
