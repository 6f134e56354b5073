package dev.gatehouse.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code gatehouse serve} was asked to do. Port 0 picks a free port (tests).
 *
 * @param tls the PEM certificate chain and private key when HTTPS is served directly
 * @param accountId the default account's id; absent means "the stored one, or a new random one"
 * @param store the embedded SQLite store in the data dir, or a PostgreSQL store shared by nodes
 * @param s3Domain with {@code --s3-domain}: S3 answers virtual-hosted requests to {@code
 *     BUCKET.s3.DOMAIN}; empty for path-style only
 * @param s3Backend with {@code --s3-backend URL}: objects are kept in that S3-compatible store (its
 *     credentials from the environment only); empty for the embedded store
 */
public record ServerConfig(
    String bind,
    int port,
    Path dataDir,
    AccountChoice accountId,
    TlsChoice tls,
    boolean dev,
    long maxBodyBytes,
    StoreChoice store,
    String s3Domain,
    String s3Backend) {

  /** Default port: not claimed by common developer services (LocalStack 4566, 8080, 9000...). */
  public static final int DEFAULT_PORT = 7440;

  public static final String DEFAULT_BIND = "127.0.0.1";

  /** AWS Query requests are small; the largest legal one is a 131,072-character policy, encoded. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  public ServerConfig {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(s3Domain, "s3Domain");
    Objects.requireNonNull(s3Backend, "s3Backend");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (dev && !isLoopback(bind)) {
      // In --dev unknown keys act as root without a signature: reachable beyond this machine,
      // anyone on the network would be root.
      throw new IllegalArgumentException(
          "--dev listens on loopback only (127.0.0.1, ::1 or localhost), not on '"
              + bind
              + "': in development mode unknown access keys act as root without a signature");
    }
  }

  /** True when {@code bind} names only this machine's loopback interface. */
  static boolean isLoopback(String bind) {
    try {
      InetAddress[] all = InetAddress.getAllByName(bind);
      for (InetAddress address : all) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * A node on this machine only: loopback, a free port (the server reports the one it took), the
   * stored account (a random id on first start), plain HTTP, not in development mode, the default
   * body limit, the embedded store in {@code dataDir}, path-style S3 on the embedded object store.
   * The {@code with...} methods change one choice each.
   */
  public static ServerConfig local(Path dataDir) {
    return new ServerConfig(
        DEFAULT_BIND,
        0,
        dataDir,
        new AccountChoice.Stored(),
        new TlsChoice.Plain(),
        false,
        DEFAULT_MAX_BODY_BYTES,
        new StoreChoice.Embedded(),
        "",
        "");
  }

  /** The virtual-hosting domain of S3, when configured. */
  public Optional<String> s3DomainName() {
    return s3Domain.isEmpty() ? Optional.empty() : Optional.of(s3Domain);
  }

  /** The same configuration, with S3 also virtual-hosted under {@code domain}. */
  public ServerConfig withS3Domain(String domain) {
    return new ServerConfig(
        bind, port, dataDir, accountId, tls, dev, maxBodyBytes, store, domain, s3Backend);
  }

  /** The S3-compatible store objects are kept in, when configured. */
  public Optional<String> s3BackendUrl() {
    return s3Backend.isEmpty() ? Optional.empty() : Optional.of(s3Backend);
  }

  /** The same configuration, keeping objects in the S3-compatible store at {@code url}. */
  public ServerConfig withS3Backend(String url) {
    return new ServerConfig(
        bind, port, dataDir, accountId, tls, dev, maxBodyBytes, store, s3Domain, url);
  }

  /** The account id to create on first start, or to check the stored one against. */
  public sealed interface AccountChoice {
    /** Use the stored account, creating one with a random id on first start. */
    record Stored() implements AccountChoice {}

    /** Use exactly this 12-digit id. */
    record Given(String id) implements AccountChoice {}

    default Optional<String> given() {
      return this instanceof Given g ? Optional.of(g.id()) : Optional.empty();
    }
  }

  /** Plain HTTP or HTTPS with PEM files. */
  public sealed interface TlsChoice {
    record Plain() implements TlsChoice {}

    record Pem(Path certificateChain, Path privateKey) implements TlsChoice {}
  }

  /** Where IAM state lives. */
  public sealed interface StoreChoice {
    /** SQLite in the data dir: one node. */
    record Embedded() implements StoreChoice {}

    /**
     * PostgreSQL, shared by several nodes.
     *
     * @param jdbcUrl a {@code jdbc:postgresql:} URL without credentials
     * @param password from {@code GATEHOUSE_STORE_PASSWORD} only; empty for none
     */
    record Postgres(String jdbcUrl, String user, String password) implements StoreChoice {
      public Postgres {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
      }

      /** Never the password: configs end up in logs and error messages. */
      @Override
      public String toString() {
        return "Postgres[" + jdbcUrl + ", user=" + user + "]";
      }
    }
  }

  public String scheme() {
    return tls instanceof TlsChoice.Pem ? "https" : "http";
  }

  /** The same configuration, pinned to the account {@code id}. */
  public ServerConfig withAccount(String id) {
    return withAccount(new AccountChoice.Given(id));
  }

  /** The same configuration with {@code account} as its account choice. */
  public ServerConfig withAccount(AccountChoice account) {
    return new ServerConfig(
        bind, port, dataDir, account, tls, dev, maxBodyBytes, store, s3Domain, s3Backend);
  }

  /** The same configuration, serving HTTPS with {@code tls}. */
  public ServerConfig withTls(TlsChoice tls) {
    return new ServerConfig(
        bind, port, dataDir, accountId, tls, dev, maxBodyBytes, store, s3Domain, s3Backend);
  }

  /** The same configuration in development mode (unknown keys act as root, loopback only). */
  public ServerConfig withDev(boolean dev) {
    return new ServerConfig(
        bind, port, dataDir, accountId, tls, dev, maxBodyBytes, store, s3Domain, s3Backend);
  }

  /** The same configuration, refusing API bodies longer than {@code bytes}. */
  public ServerConfig withMaxBodyBytes(long bytes) {
    return new ServerConfig(
        bind, port, dataDir, accountId, tls, dev, bytes, store, s3Domain, s3Backend);
  }

  /** The same configuration, keeping IAM state in {@code store}. */
  public ServerConfig withStore(StoreChoice store) {
    return new ServerConfig(
        bind, port, dataDir, accountId, tls, dev, maxBodyBytes, store, s3Domain, s3Backend);
  }
}
