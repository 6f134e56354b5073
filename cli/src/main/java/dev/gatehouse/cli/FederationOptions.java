package dev.gatehouse.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code serve}'s federation options, each with its environment variable as fallback: {@code
 * --oidc-ca-file FILE} ({@code GATEHOUSE_OIDC_CA_FILE}), a PEM bundle of CAs trusted for OIDC
 * issuers besides the JVM's, and {@code --saml-audiences URLS} ({@code GATEHOUSE_SAML_AUDIENCES}),
 * the deployment's own SAML audiences and recipients. The server reads both from its environment;
 * the option, when given, replaces the variable there. The CA bundle is read before the server
 * starts, so a wrong path stops {@code serve} with the reason rather than with the first token.
 */
final class FederationOptions {
  private FederationOptions() {}

  static final String OIDC_CA_FILE = "--oidc-ca-file";
  static final String SAML_AUDIENCES = "--saml-audiences";

  /** The server's variables (dev.gatehouse.server.OidcHttpsFetcher, SamlAssembly). */
  static final String OIDC_CA_FILE_ENV = "GATEHOUSE_OIDC_CA_FILE";

  static final String SAML_AUDIENCES_ENV = "GATEHOUSE_SAML_AUDIENCES";

  /**
   * The server's environment: {@code environment} with the options' values in place of the
   * variables, both checked.
   *
   * @throws IllegalArgumentException naming the option (or variable) and what is wrong with it
   */
  static Map<String, String> environment(List<String> args, Map<String, String> environment) {
    Map<String, String> out = new HashMap<>(environment);
    Optional<String> caFile = value(args, OIDC_CA_FILE);
    caFile.ifPresent(f -> out.put(OIDC_CA_FILE_ENV, f));
    Optional<String> audiences = value(args, SAML_AUDIENCES);
    if (audiences.isPresent()) {
      out.put(SAML_AUDIENCES_ENV, String.join(",", audiences(audiences.get(), SAML_AUDIENCES)));
    } else if (!out.getOrDefault(SAML_AUDIENCES_ENV, "").isBlank()) {
      audiences(out.get(SAML_AUDIENCES_ENV), SAML_AUDIENCES_ENV);
    }
    String bundle = out.getOrDefault(OIDC_CA_FILE_ENV, "");
    if (!bundle.isBlank()) {
      caBundle(Path.of(bundle), caFile.isPresent() ? OIDC_CA_FILE : OIDC_CA_FILE_ENV);
    }
    return out;
  }

  /** The last value of option {@code name} in {@code args} (already checked by serve's parser). */
  private static Optional<String> value(List<String> args, String name) {
    Optional<String> out = Optional.empty();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith(name + "=")) {
        out = Optional.of(arg.substring(name.length() + 1));
      } else if (arg.equals(name) && i + 1 < args.size()) {
        out = Optional.of(args.get(++i));
      }
    }
    return out;
  }

  /** Comma-separated absolute URIs ({@code https://...} or {@code urn:...}), at least one. */
  static List<String> audiences(String value, String source) {
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String a = part.trim();
      if (a.isEmpty()) {
        continue;
      }
      boolean absolute;
      try {
        absolute = new URI(a).isAbsolute();
      } catch (URISyntaxException e) {
        absolute = false;
      }
      if (!absolute) {
        throw new IllegalArgumentException(
            source
                + " takes comma-separated URLs or URNs (say https://gatehouse.example.com/saml),"
                + " got '"
                + a
                + "'");
      }
      out.add(a);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(source + " names no audience");
    }
    return out;
  }

  /** The bundle must be a readable file of PEM certificates, at least one. */
  static void caBundle(Path file, String source) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(source + ": " + file + " is a directory, not a PEM file");
    }
    int count;
    try (InputStream in = Files.newInputStream(file)) {
      count = CertificateFactory.getInstance("X.509").generateCertificates(in).size();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(source + ": no such file " + file, e);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": cannot read " + file + ": " + e, e);
    } catch (CertificateException e) {
      count = 0;
    }
    if (count == 0) {
      throw new IllegalArgumentException(
          source + ": " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
  }
}
