package dev.gatehouse.server;

import dev.gatehouse.core.Once;
import dev.gatehouse.core.oidc.HttpsFetcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Fetches OIDC discovery documents and key sets with the JDK HttpClient: HTTPS only, bounded
 * connect and read time-outs, bodies of at most {@link #MAX_BODY} bytes, no redirects followed; the
 * server certificate must chain to a CA the JVM trusts or to one of an optional PEM bundle ({@link
 * #CA_FILE_ENV}, or {@code serve --oidc-ca-file}), for self-hosted issuers with a private CA.
 */
final class OidcHttpsFetcher implements HttpsFetcher {
  /** The environment variable naming a PEM bundle of further CAs to trust for OIDC issuers. */
  static final String CA_FILE_ENV = "GATEHOUSE_OIDC_CA_FILE";

  static final int MAX_BODY = 1 << 20;
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  /** The bundle's CAs, read at start so that a bad bundle stops the start; empty without one. */
  private final Optional<KeyStore> extra;

  /** The client, made by the first fetch; concurrent first fetches share one. */
  private final Once<HttpClient, IOException> client;

  private OidcHttpsFetcher(Optional<KeyStore> extra) {
    this.extra = extra;
    this.client = new Once<>(this::newClient);
  }

  /**
   * The fetcher of a node. Its TLS context (the JVM's CA certificates) and client are made on the
   * first fetch: most nodes never fetch, and loading the trust store cost start-up a fifth of a
   * second of CPU.
   *
   * @throws IllegalArgumentException when the CA bundle {@link #CA_FILE_ENV} names cannot be read
   */
  static OidcHttpsFetcher fromEnvironment(Map<String, String> environment) {
    Optional<Path> bundle =
        Optional.ofNullable(environment.get(CA_FILE_ENV)).filter(s -> !s.isBlank()).map(Path::of);
    try {
      return new OidcHttpsFetcher(
          bundle.isPresent() ? Optional.of(bundleStore(bundle.get())) : Optional.empty());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          CA_FILE_ENV + ": cannot read the CA bundle " + bundle.orElseThrow() + ": " + e, e);
    }
  }

  /** Whether the client exists yet (tests: nothing TLS is made before the first fetch). */
  boolean started() {
    return client.made();
  }

  private HttpClient newClient() throws IOException {
    try {
      return HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .sslContext(sslContext(extra))
          .build();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e, e);
    }
  }

  @Override
  public String get(URI uri) throws IOException {
    if (!"https".equals(uri.getScheme())) {
      throw new IOException("not https: " + uri);
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(READ_TIMEOUT)
            .header("Accept", "application/json")
            .build();
    HttpResponse<InputStream> response;
    try {
      response = client.get().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(uri + " answered " + response.statusCode());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = body.read(buffer)) >= 0) {
        if (out.size() + n > MAX_BODY) {
          throw new IOException(uri + " sent more than " + MAX_BODY + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** The certificates of a PEM bundle, as a key store of trusted entries. */
  static KeyStore bundleStore(Path bundle) throws IOException, GeneralSecurityException {
    KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
    extra.load(null, null);
    Collection<? extends Certificate> certs;
    try (InputStream in = Files.newInputStream(bundle)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    if (certs.isEmpty()) {
      throw new GeneralSecurityException("no certificate in the bundle");
    }
    int i = 0;
    for (Certificate c : certs) {
      extra.setCertificateEntry("oidc-ca-" + i++, c);
    }
    return extra;
  }

  /** The JVM's trust, plus the bundle's certificates when one is given. */
  static SSLContext sslContext(Optional<KeyStore> extra) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    if (extra.isEmpty()) {
      context.init(null, null, null);
      return context;
    }
    X509TrustManager jvm = trustManager(null);
    X509TrustManager added = trustManager(extra.get());
    context.init(null, new TrustManager[] {new EitherTrustManager(jvm, added)}, null);
    return context;
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(store);
    for (TrustManager t : f.getTrustManagers()) {
      if (t instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager");
  }

  /** Trusts a server chain that either trust manager trusts. */
  private static final class EitherTrustManager implements X509TrustManager {
    private final X509TrustManager first;
    private final X509TrustManager second;

    EitherTrustManager(X509TrustManager first, X509TrustManager second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException("no client certificates here");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (java.security.cert.CertificateException e) {
        second.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
      all.addAll(List.of(second.getAcceptedIssuers()));
      return all.toArray(new X509Certificate[0]);
    }
  }
}
