package dev.gatehouse.cli;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import dev.gatehouse.server.ServerConfig.AccountChoice;
import dev.gatehouse.server.ServerConfig.StoreChoice;
import dev.gatehouse.server.ServerConfig.TlsChoice;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code gatehouse serve}: parses the options, starts the server and waits for it to stop. */
public final class ServeCommand {
  private ServeCommand() {}

  private static final Set<String> VALUED =
      Set.of(
          "--port",
          "--bind",
          "--data-dir",
          "--account-id",
          "--tls-cert",
          "--tls-key",
          "--store",
          "--s3-domain",
          "--s3-backend",
          "--audit-retention-days",
          OperationsOptions.METRICS_PORT,
          OperationsOptions.METRICS,
          OperationsOptions.SHUTDOWN_GRACE,
          FederationOptions.OIDC_CA_FILE,
          FederationOptions.SAML_AUDIENCES);

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv());
  }

  /**
   * @param processEnvironment the process environment, read for the options' fallbacks
   */
  static int run(
      List<String> args, PrintStream out, PrintStream err, Map<String, String> processEnvironment) {
    ServerConfig config;
    dev.gatehouse.server.Operations operations;
    Map<String, String> environment;
    try {
      Optional<ServerConfig> parsed = parse(args, processEnvironment);
      if (parsed.isEmpty()) {
        out.print(USAGE);
        return 0;
      }
      config = parsed.get();
      operations = OperationsOptions.parse(args);
      environment = new HashMap<>(FederationOptions.environment(args, processEnvironment));
    } catch (IllegalArgumentException e) {
      err.println("gatehouse serve: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    retention(args).ifPresent(days -> environment.put(Gatehouse.AUDIT_RETENTION_ENV, days));
    try (Gatehouse server =
        Gatehouse.start(config, operations, err, Clock.systemUTC(), environment)) {
      // SIGTERM/Ctrl-C: stop taking requests, let those in flight complete (--shutdown-grace),
      // then close the store and the audit log cleanly.
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "gatehouse-shutdown"));
      out.println(server.readyLine());
      server
          .metricsPort()
          .ifPresent(p -> out.println("Metrics on http://127.0.0.1:" + p + "/metrics"));
      out.flush();
      server.join();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (Gatehouse.StartupException e) {
      err.println("gatehouse serve: " + e.getMessage());
      return 1;
    }
  }

  /** {@code --audit-retention-days N}, checked, as the server's environment carries it. */
  static Optional<String> retention(List<String> args) {
    Optional<String> out = Optional.empty();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("--audit-retention-days=")) {
        out = Optional.of(arg.substring(arg.indexOf('=') + 1));
      } else if (arg.equals("--audit-retention-days") && i + 1 < args.size()) {
        out = Optional.of(args.get(i + 1));
      }
    }
    return out.map(v -> Integer.toString(Options.retentionDays(v)));
  }

  /** The options as a config, or empty for {@code --help}. */
  public static Optional<ServerConfig> parse(List<String> args) {
    return parse(args, System.getenv());
  }

  /**
   * @param environment the process environment ({@code GATEHOUSE_STORE} and its user and password)
   */
  public static Optional<ServerConfig> parse(List<String> args, Map<String, String> environment) {
    Map<String, String> values = new HashMap<>();
    boolean dev = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (name.equals("--help") || name.equals("-h")) {
        return Optional.empty();
      } else if (name.equals("--dev")) {
        dev = true;
      } else if (VALUED.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
          }
          value = args.get(++i);
        }
        values.put(name, value);
      } else {
        throw new IllegalArgumentException("unknown option '" + arg + "'");
      }
    }
    if (values.containsKey("--audit-retention-days")) {
      Options.retentionDays(values.get("--audit-retention-days"));
    }
    int port = ServerConfig.DEFAULT_PORT;
    if (values.containsKey("--port")) {
      try {
        port = Integer.parseInt(values.get("--port"));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--port must be a number, got '" + values.get("--port") + "'");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be 0-65535, got " + port);
      }
    }
    AccountChoice account = new AccountChoice.Stored();
    if (values.containsKey("--account-id")) {
      String id = values.get("--account-id");
      if (!id.matches("[0-9]{12}")) {
        throw new IllegalArgumentException("--account-id must be 12 digits, got '" + id + "'");
      }
      account = new AccountChoice.Given(id);
    }
    TlsChoice tls = new TlsChoice.Plain();
    boolean cert = values.containsKey("--tls-cert");
    boolean key = values.containsKey("--tls-key");
    if (cert != key) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    if (cert) {
      tls = new TlsChoice.Pem(Path.of(values.get("--tls-cert")), Path.of(values.get("--tls-key")));
    }
    StoreChoice store = new StoreChoice.Embedded();
    String storeUrl =
        values.getOrDefault("--store", environment.getOrDefault(StoreUrl.ENV_URL, ""));
    if (!storeUrl.isBlank()) {
      store =
          StoreUrl.parse(
              storeUrl.trim(),
              values.containsKey("--store") ? "--store" : StoreUrl.ENV_URL,
              environment);
      if (dev) {
        // The reset deletes the embedded store's files; it cannot start a shared database over.
        throw new IllegalArgumentException("--dev works with the embedded store only, not --store");
      }
    }
    return Optional.of(
        new ServerConfig(
            values.getOrDefault("--bind", ServerConfig.DEFAULT_BIND),
            port,
            Path.of(values.getOrDefault("--data-dir", "gatehouse-data")),
            account,
            tls,
            dev,
            ServerConfig.DEFAULT_MAX_BODY_BYTES,
            store,
            s3Domain(values.getOrDefault("--s3-domain", "")),
            s3Backend(values.getOrDefault("--s3-backend", ""))));
  }

  /** {@code --s3-domain}: a DNS name (letters, digits, hyphens, dots), lower-cased. */
  private static String s3Domain(String value) {
    String domain = value.trim().toLowerCase(java.util.Locale.ROOT);
    if (!domain.isEmpty()
        && !domain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
      throw new IllegalArgumentException("--s3-domain must be a DNS name, got '" + value + "'");
    }
    return domain;
  }

  /** {@code --s3-backend}: an http or https URL without credentials in it. */
  private static String s3Backend(String value) {
    String url = value.trim();
    if (url.isEmpty()) {
      return url;
    }
    java.net.URI uri;
    try {
      uri = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("--s3-backend must be a URL, got '" + value + "'", e);
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("--s3-backend must be an http or https URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "--s3-backend takes no credentials: set GATEHOUSE_S3_BACKEND_ACCESS_KEY_ID and"
              + " GATEHOUSE_S3_BACKEND_SECRET_ACCESS_KEY");
    }
    return url;
  }

  private static final String USAGE =
      """
      Usage: gatehouse serve [options]

      Runs the IAM API (AWS Query protocol, SigV4) on an embedded store, or on a
      PostgreSQL store shared by several nodes.

      Options:
        --port N             TCP port (default 7440; 0 picks a free one)
        --bind ADDRESS       address to listen on (default 127.0.0.1)
        --data-dir DIR       where the store, master key and audit log live (default ./gatehouse-data)
        --account-id ID      12-digit id of the default account (first start; default: random)
        --s3-domain DOMAIN   also serve S3 virtual-hosted: BUCKET.s3.DOMAIN (path style always)
        --s3-backend URL     keep S3 objects in this S3-compatible store (credentials from
                             GATEHOUSE_S3_BACKEND_ACCESS_KEY_ID, _SECRET_ACCESS_KEY, _REGION)
        --store URL          PostgreSQL store shared by several nodes instead of the embedded
                             one: jdbc:postgresql://HOST[:PORT]/DB or
                             postgresql://[USER@]HOST[:PORT]/DB
                             (default: GATEHOUSE_STORE, else SQLite in the data dir)
        --audit-retention-days N
                             keep N days of audit files (today's included), delete older ones
        --tls-cert FILE      PEM certificate chain: serve HTTPS directly (with --tls-key)
        --tls-key FILE       PEM private key (PKCS#8 or PKCS#1 RSA)
        --metrics-port N     serve /metrics (Prometheus) and /health/* on 127.0.0.1:N, a
                             listener of its own (default: metrics off)
        --metrics public     serve GET /metrics on the API port instead, to SigV4-signed
                             requests IAM allows gatehouse:GetMetrics (resource *)
        --shutdown-grace S   on SIGTERM, wait up to S seconds for requests in flight (default 10)
        --oidc-ca-file FILE  PEM bundle of CAs trusted for OIDC issuers (AssumeRoleWithWebIdentity)
                             besides the JVM's (default: GATEHOUSE_OIDC_CA_FILE)
        --saml-audiences URLS
                             comma-separated URLs this deployment accepts as a SAML assertion's
                             Audience and Recipient besides AWS's sign-in endpoint
                             (default: GATEHOUSE_SAML_AUDIENCES)
        --dev                development mode: unknown access keys act as the default account's
                             root, and POST /_gatehouse/reset starts the store over.
                             Never use it outside a test machine.
        --help               this text

      The root credentials of the default account are written to DATA_DIR/root-credentials
      (mode 0600) on first start.

      With --store: the user comes from the URL or GATEHOUSE_STORE_USER, the password from
      GATEHOUSE_STORE_PASSWORD only (never on the command line). Every node must share the
      keys: set GATEHOUSE_MASTER_KEY and GATEHOUSE_SESSION_KEYS, the same on all nodes.
      """;
}
