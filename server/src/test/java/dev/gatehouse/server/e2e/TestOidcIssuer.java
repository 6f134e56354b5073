package dev.gatehouse.server.e2e;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.gatehouse.core.oidc.JwtSignatures;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real OpenID Connect issuer for tests: an HTTPS server on a free port with a self-signed
 * certificate for {@code localhost} (made with keytool), serving the discovery document and the
 * JWKS, and signing tokens with RSA and EC keys it generates. Keys can be rotated.
 */
final class TestOidcIssuer implements AutoCloseable {
  static final String PASSWORD = "changeit";

  private final HttpsServer server;
  private final Path caPem;
  private final Map<String, KeyPair> keys = new LinkedHashMap<>();

  TestOidcIssuer(Path dir) throws Exception {
    Path store = dir.resolve("issuer.p12");
    caPem = dir.resolve("issuer-ca.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "issuer",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "issuer",
        "-keystore",
        store.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        caPem.toString());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(store.toFile())) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server =
        HttpsServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/.well-known/openid-configuration",
        x ->
            send(
                x,
                "{\"issuer\":\""
                    + url()
                    + "\",\"jwks_uri\":\""
                    + url()
                    + "/jwks\",\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"]}"));
    server.createContext("/jwks", x -> send(x, jwks()));
    server.start();
    addRsa("rsa-1");
    addEc("ec-1");
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + out);
    }
  }

  private static void send(com.sun.net.httpserver.HttpExchange x, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** {@code https://localhost:PORT}: the issuer, and the provider URL to register. */
  String url() {
    return "https://localhost:" + server.getAddress().getPort();
  }

  /** The provider URL without scheme, as the ARN and the condition keys carry it. */
  String host() {
    return "localhost:" + server.getAddress().getPort();
  }

  Path caPem() {
    return caPem;
  }

  synchronized void addRsa(String kid) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    keys.put(kid, g.generateKeyPair());
  }

  synchronized void addEc(String kid) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    keys.put(kid, g.generateKeyPair());
  }

  /** Drops every key but {@code kid}s given (rotation). */
  synchronized void keepOnly(String... kids) {
    keys.keySet().retainAll(List.of(kids));
  }

  private synchronized String jwks() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, KeyPair> e : keys.entrySet()) {
      if (e.getValue().getPublic() instanceof RSAPublicKey rsa) {
        out.add(
            "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\""
                + e.getKey()
                + "\",\"n\":\""
                + b64(unsigned(rsa.getModulus()))
                + "\",\"e\":\""
                + b64(unsigned(rsa.getPublicExponent()))
                + "\"}");
      } else {
        ECPublicKey ec = (ECPublicKey) e.getValue().getPublic();
        out.add(
            "{\"kty\":\"EC\",\"use\":\"sig\",\"crv\":\"P-256\",\"kid\":\""
                + e.getKey()
                + "\",\"x\":\""
                + b64(fixed(ec.getW().getAffineX(), 32))
                + "\",\"y\":\""
                + b64(fixed(ec.getW().getAffineY(), 32))
                + "\"}");
      }
    }
    return "{\"keys\":[" + String.join(",", out) + "]}";
  }

  /** A token signed with key {@code kid}: RS256 for RSA keys, ES256 for EC ones. */
  synchronized String token(String kid, String claimsJson) throws Exception {
    KeyPair pair = keys.get(kid);
    boolean rsa = pair.getPublic() instanceof RSAPublicKey;
    String header =
        "{\"alg\":\"" + (rsa ? "RS256" : "ES256") + "\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
    String input =
        b64(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64(claimsJson.getBytes(StandardCharsets.UTF_8));
    Signature s = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
    s.initSign(pair.getPrivate());
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    byte[] sig = s.sign();
    return input + "." + b64(rsa ? sig : JwtSignatures.raw(sig, 32));
  }

  /** Claims for a token of this issuer, valid now for ten minutes. */
  String claims(String sub, String aud) {
    long now = System.currentTimeMillis() / 1000;
    return claims(sub, "\"" + aud + "\"", now - 5, now + 600);
  }

  String claims(String sub, String audJson, long iat, long exp) {
    return "{\"iss\":\""
        + url()
        + "\",\"sub\":\""
        + sub
        + "\",\"aud\":"
        + audJson
        + ",\"iat\":"
        + iat
        + ",\"nbf\":"
        + iat
        + ",\"exp\":"
        + exp
        + "}";
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] unsigned(BigInteger n) {
    byte[] b = n.toByteArray();
    return b[0] == 0 && b.length > 1 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static byte[] fixed(BigInteger n, int length) {
    byte[] b = unsigned(n);
    byte[] out = new byte[length];
    System.arraycopy(b, 0, out, length - b.length, b.length);
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
