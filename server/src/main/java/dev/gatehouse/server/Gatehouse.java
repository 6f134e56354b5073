package dev.gatehouse.server;

import dev.gatehouse.api.ApiRoute;
import dev.gatehouse.api.AuditLog;
import dev.gatehouse.api.Authenticator;
import dev.gatehouse.api.CachedCredentials;
import dev.gatehouse.api.Credentials;
import dev.gatehouse.api.InProcessCalls;
import dev.gatehouse.api.JsonApi;
import dev.gatehouse.api.JsonCodec;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Pipeline;
import dev.gatehouse.api.QueryApi;
import dev.gatehouse.api.QueryCodec;
import dev.gatehouse.api.SessionTokens;
import dev.gatehouse.api.SigV4Authenticator;
import dev.gatehouse.api.iam.IamApi;
import dev.gatehouse.api.iam.SimulationActions;
import dev.gatehouse.api.org.OrganizationsApi;
import dev.gatehouse.api.s3.S3Actions;
import dev.gatehouse.api.s3.S3Api;
import dev.gatehouse.api.s3.S3Authenticator;
import dev.gatehouse.api.s3.S3Gate;
import dev.gatehouse.api.sts.MfaActions;
import dev.gatehouse.api.sts.RevocationApi;
import dev.gatehouse.api.sts.SealedSessionTokens;
import dev.gatehouse.api.sts.StsApi;
import dev.gatehouse.console.Console;
import dev.gatehouse.console.ConsoleBackend;
import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.IamAuthorizer;
import dev.gatehouse.core.authz.PasswordPolicyGrant;
import dev.gatehouse.core.authz.ResourcePolicyAuthorizer;
import dev.gatehouse.core.authz.ServiceReference;
import dev.gatehouse.core.authz.SnapshotViews;
import dev.gatehouse.core.authz.TrustAuthorizer;
import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.iam.AccessKeyResolver;
import dev.gatehouse.core.iam.Bootstrap;
import dev.gatehouse.core.iam.Change;
import dev.gatehouse.core.iam.EnginePolicyValidator;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.LastUse;
import dev.gatehouse.core.iam.StoredTrustPolicies;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.objects.ObjectStore;
import dev.gatehouse.core.org.Organizations;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.s3.Buckets;
import dev.gatehouse.core.s3.S3Authorizer;
import dev.gatehouse.core.snapshot.CompiledPolicies;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.sts.ManagedSessionPolicies;
import dev.gatehouse.core.sts.MfaDevices;
import dev.gatehouse.core.sts.RevocationAuthorizer;
import dev.gatehouse.core.sts.Revocations;
import dev.gatehouse.core.sts.SessionIssuer;
import dev.gatehouse.core.sts.SessionKeyStore;
import dev.gatehouse.core.sts.SessionLimits;
import dev.gatehouse.core.sts.SessionRevoker;
import dev.gatehouse.core.sts.SessionTokenSealer;
import dev.gatehouse.core.sts.StsAuthorizer;
import dev.gatehouse.objects.FileObjectStore;
import dev.gatehouse.objects.S3Backend;
import dev.gatehouse.objects.S3BackendStore;
import dev.gatehouse.sigv4.S3SigV4Verifier;
import dev.gatehouse.sigv4.SigV4Verifier;
import dev.gatehouse.sigv4.SigningKeyCache;
import dev.gatehouse.sigv4.VerificationPolicy;
import dev.gatehouse.store.sql.PostgresChangeFeed;
import dev.gatehouse.store.sql.PostgresStore;
import dev.gatehouse.store.sql.SqlBucketStore;
import dev.gatehouse.store.sql.SqlObjectCatalog;
import dev.gatehouse.store.sql.SqlStore;
import dev.gatehouse.store.sql.SqliteStore;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place where the server is wired, read top to bottom. {@link #start}
 * starts the server (HTTP listener, audit log, request path); {@link #node} builds a node's parts
 * (store, keys, services, authentication, APIs), each once and by constructor, in an order that
 * needs no late wiring; {@link #handler} puts the request path over them. In {@code --dev} mode a
 * reset builds the node again from the same {@link Setup}.
 */
public final class Gatehouse implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gatehouse.class);

  /** Connections per node to a shared PostgreSQL store; reads mostly hit memory snapshots. */
  static final int POOL_SIZE = 8;

  /** Derived SigV4 signing keys each authenticator remembers. */
  static final int SIGNING_KEYS = 4096;

  private final ServerConfig config;
  private final String accountId;
  private final HttpServer http;
  private final List<AutoCloseable> resources;
  private final Map<String, Set<String>> actions;

  /** Thrown when the server cannot start; the message is for the operator. */
  public static final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * What the server was started with; a {@code --dev} reset builds the node again from the same,
   * not from the process environment.
   *
   * @param err where start-up messages go (the first-start credentials file)
   * @param clock the time of every decision (SigV4 skew, session expiry, dates); tests move it
   * @param environment the keys and first-start credentials (the process environment; tests give
   *     each server its own)
   */
  private record Setup(
      ServerConfig config, PrintStream err, Clock clock, Map<String, String> environment) {
    Setup {
      environment = Map.copyOf(environment);
    }

    /** The same, pinned to the account the store held (a reset bootstraps it again). */
    Setup withAccount(String accountId) {
      return new Setup(config.withAccount(accountId), err, clock, environment);
    }
  }

  /**
   * One node's parts over its store: what the request path needs, and what closes with the node.
   */
  record Node(
      String accountId,
      Authenticator authenticator,
      Authorizer authorizer,
      QueryApi iam,
      List<ApiRoute> others,
      List<JsonApi> json,
      ConsoleBackend console,
      Optional<S3Api> s3,
      List<AutoCloseable> resources) {
    /** The console's in-process entry to the Query APIs, through {@code pipeline}. */
    InProcessCalls inProcess(Pipeline pipeline, Clock clock) {
      return new InProcessCalls(iam, authorizer, others, pipeline, clock);
    }

    /** The actions each API answers, by signing service. */
    Map<String, Set<String>> actions() {
      Map<String, Set<String>> out = new HashMap<>();
      out.put(iam.signingName(), iam.actions());
      for (ApiRoute route : others) {
        out.put(route.signingName(), route.api().actions());
      }
      for (JsonApi api : json) {
        out.put(api.signingName(), api.operations().keySet());
      }
      return Map.copyOf(out);
    }
  }

  private Gatehouse(
      ServerConfig config,
      String accountId,
      HttpServer http,
      List<AutoCloseable> resources,
      Map<String, Set<String>> actions) {
    this.config = config;
    this.accountId = accountId;
    this.http = http;
    this.resources = resources;
    this.actions = actions;
  }

  /**
   * Starts the server: production ({@code serve}) and tests come in here.
   *
   * @param err where start-up messages go
   * @param clock the time of every decision; tests give one they move
   * @param environment the process environment (keys, first-start credentials); tests give their
   *     own
   */
  public static Gatehouse start(
      ServerConfig config, PrintStream err, Clock clock, Map<String, String> environment)
      throws StartupException {
    if (config.dev()) {
      err.println(
          "WARNING: --dev mode: unknown access keys act as the default account's root."
              + " Never use it outside a test machine.");
    }
    Setup setup = new Setup(config, err, clock, environment);
    // Jetty starts on another core while the store and catalogues load; until the pipeline is
    // installed it answers ServiceUnavailable, and the ready line waits for both.
    DeferredHandler deferred = new DeferredHandler();
    CompletableFuture<HttpServer> http = HttpServer.startOn(Gatehouse::daemon, config, deferred);
    Node node;
    try {
      Files.createDirectories(config.dataDir());
      node = node(setup);
    } catch (Exception e) {
      HttpServer.closeWhenStarted(http);
      throw cannotStart(config, e);
    }
    List<AutoCloseable> resources = new ArrayList<>();
    Serving serving = null;
    try {
      AuditLog audit = new AuditLog(config.dataDir().resolve("audit"));
      resources.add(audit);
      serving = new Serving(setup, deferred, audit, node);
      resources.add(serving);
      serving.install();
      if (config.dev()) {
        deferred.enableReset(serving::reset);
      }
      HttpServer server = http.join();
      resources.add(server);
      Gatehouse gatehouse =
          new Gatehouse(config, node.accountId(), server, resources, node.actions());
      LOG.info(
          "{} (ready {} ms after the JVM started)",
          gatehouse.readyLine(),
          ManagementFactory.getRuntimeMXBean().getUptime());
      return gatehouse;
    } catch (Exception e) {
      HttpServer.closeWhenStarted(http);
      if (serving == null) {
        closeAll(node.resources());
      }
      closeAll(resources);
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      throw new StartupException("cannot start: " + cause.getMessage(), cause);
    }
  }

  /** Builds a node's parts; a failed build leaves no pool, listener thread or open file behind. */
  private static Node node(Setup setup) throws SQLException {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      return node(setup, resources);
    } catch (SQLException | RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  /**
   * The node, top to bottom: the store and keys; what the node keeps in memory and the change
   * listener that keeps it current; the IAM services reporting to that listener; the account;
   * authorization; STS; SigV4 authentication; the APIs and the console.
   */
  private static Node node(Setup setup, List<AutoCloseable> resources) throws SQLException {
    ServerConfig config = setup.config();
    Optional<ServerConfig.StoreChoice.Postgres> shared =
        config.store() instanceof ServerConfig.StoreChoice.Postgres pg
            ? Optional.of(pg)
            : Optional.empty();
    if (shared.isPresent()) {
      requireSharedKeys(setup.environment());
    }
    // The AWS managed-policy catalogue is the largest thing to load: parse it on another core while
    // this thread opens (and migrates) the store.
    CompletableFuture<ManagedPolicyCatalogue> catalogueLoad =
        CompletableFuture.supplyAsync(ManagedPolicyCatalogue::bundled, Gatehouse::daemon);
    SecureRandom random = new SecureRandom();
    Store store =
        shared.isPresent()
            ? PostgresStore.open(
                shared.get().jdbcUrl(), shared.get().user(), shared.get().password(), POOL_SIZE)
            : SqliteStore.open(config.dataDir());
    resources.add(store);
    return node(
        setup, store, PasswordHasher.standard(random), random, catalogueLoad.join(), resources);
  }

  /**
   * A node over a store the caller opened, hashing console passwords with {@code hasher}: how tests
   * run the IAM case corpora through the server's own action tables, decoders and authorizers on
   * every store adapter. The store closes with the node's resources.
   */
  static Node node(
      ServerConfig config,
      PrintStream err,
      Clock clock,
      Map<String, String> environment,
      Store store,
      PasswordHasher hasher)
      throws SQLException {
    List<AutoCloseable> resources = new ArrayList<>(List.of(store));
    try {
      return node(
          new Setup(config, err, clock, environment),
          store,
          hasher,
          new SecureRandom(),
          ManagedPolicyCatalogue.bundled(),
          resources);
    } catch (SQLException | RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  private static Node node(
      Setup setup,
      Store store,
      PasswordHasher hasher,
      SecureRandom random,
      ManagedPolicyCatalogue catalogue,
      List<AutoCloseable> resources)
      throws SQLException {
    ServerConfig config = setup.config();
    Clock clock = setup.clock();
    Optional<ServerConfig.StoreChoice.Postgres> shared =
        config.store() instanceof ServerConfig.StoreChoice.Postgres pg
            ? Optional.of(pg)
            : Optional.empty();
    KeyRing keyRing = KeyRing.load(config.dataDir(), setup.environment(), random);

    // What this node keeps in memory needs only the store (and keys) to build, so it exists before
    // the services that report their writes to it.
    Snapshots snapshots =
        new Snapshots(
            store,
            catalogue,
            compiledPolicies(setup.environment()),
            !"full".equals(setup.environment().get(SNAPSHOT_REBUILD_ENV)));
    AccessKeyResolver accessKeys = new AccessKeyResolver(store, keyRing);
    CachedCredentials keyCache =
        new CachedCredentials(id -> accessKeys.resolve(id).map(Credentials.Credential::of));
    Revocations revocations = new Revocations(store, config.dataDir());
    IamChangeListener local = new LocalChanges(List.of(snapshots, keyCache, revocations));
    IamChangeListener changes = local;
    if (shared.isPresent()) {
      // Writes here tell the local listener first, then the other nodes through the feed.
      PostgresChangeFeed feed =
          PostgresChangeFeed.start(
              shared.get().jdbcUrl(), shared.get().user(), shared.get().password(), local);
      resources.add(feed);
      changes = feed;
    }

    // GetUser, GetRole and ListPolicies answer from the snapshots the listener keeps current.
    IamServices iam =
        IamServices.builder(
                store,
                clock,
                new Ids(random),
                keyRing,
                new EnginePolicyValidator(),
                catalogue,
                changes)
            .reads(snapshots)
            .hasher(hasher)
            .build();
    String accountId = bootstrap(iam, setup);

    // Authorization: identity policies, boundaries and session policies for other services'
    // actions (Organizations); with the limits of session credentials in front for IAM and STS.
    SnapshotViews views = new SnapshotViews(snapshots);
    ManagedSessionPolicies withManaged = new ManagedSessionPolicies(views, iam);
    Authorizer servicesAuthorizer = new IamAuthorizer(withManaged, ServiceReference.bundled());
    Authorizer iamAuthorizer = new SessionLimits(servicesAuthorizer);

    // STS: sessions sealed with the session keys, MFA devices, revocations.
    SessionTokenSealer sealer =
        new SessionTokenSealer(
            SessionKeyStore.loadOrCreate(config.dataDir(), setup.environment(), random), random);
    SessionIssuer issuer = new SessionIssuer(snapshots, sealer, random, clock);
    MfaActions mfa =
        new MfaActions(iam, new MfaDevices(store, config.dataDir(), keyRing, random, clock));
    SessionTokens tokens = new SealedSessionTokens(sealer, revocations);
    ApiRoute sts =
        StsApi.route(
            iam,
            issuer,
            mfa::verify,
            withManaged,
            new LastUse(StsApi.roleUse(iam), clock),
            new StsAuthorizer(iamAuthorizer, new TrustAuthorizer(withManaged), issuer));
    ApiRoute revocation =
        RevocationApi.route(
            iam,
            new SessionRevoker(store, changes, clock),
            clock,
            new RevocationAuthorizer(iamAuthorizer));

    // SigV4 authentication, one per endpoint protocol: they differ only in the signing services
    // they accept.
    LastUse keyUse = new LastUse(iam.accessKeys()::recordUse, clock);
    Optional<String> devAccount = config.dev() ? Optional.of(accountId) : Optional.empty();
    Function<Set<String>, Authenticator> sigV4 =
        services ->
            new SigV4Authenticator(
                new SigV4Verifier(
                    VerificationPolicy.of(SigV4Authenticator.REGIONS, services),
                    new SigningKeyCache(SIGNING_KEYS)),
                keyCache,
                clock,
                devAccount,
                tokens,
                keyUse);

    // The APIs: IAM (with the virtual-MFA and simulation actions), STS and Gatehouse's revocation
    // API on the Query protocol; Organizations on the JSON protocol; the console.
    List<Operation<?, ?>> iamActions =
        new ArrayList<>(IamApi.operations(iam, id -> accountCreated(store, id)));
    iamActions.addAll(mfa.operations());
    iamActions.addAll(SimulationActions.table(iam, snapshots));
    JsonApi organizations =
        OrganizationsApi.api(
            new Organizations(store, clock, random, changes),
            sigV4.apply(Set.of(OrganizationsApi.SIGNING_NAME)),
            servicesAuthorizer);
    ConsoleBackend console =
        new CoreConsoleBackend(iam, mfa, tokens, List.of(accountId), ConsoleBackend.DEFAULT_IDLE);

    // S3: buckets and the object catalog beside IAM's tables, the objects' bytes encrypted in the
    // data dir; authenticated with the same keys and session tokens, authorized with the bucket's
    // policy as a resource policy beside the caller's identity policies.
    Optional<S3Api> s3 = Optional.empty();
    if (shared.isPresent() && config.s3BackendUrl().isEmpty()) {
      // The embedded object store keeps bytes in this node's data dir: nodes sharing PostgreSQL
      // would disagree about objects. They serve S3 only over a shared backend.
      LOG.warn(
          "S3 is not served: nodes sharing a PostgreSQL store need --s3-backend URL for their"
              + " objects (the embedded object store serves one node)");
    } else if (store instanceof SqlStore sql) {
      ObjectStore objects =
          config.s3BackendUrl().isPresent()
              ? backendStore(config.s3BackendUrl().get(), setup.environment(), config, clock)
              : FileObjectStore.open(
                  config.dataDir().resolve("objects"),
                  keyRing,
                  new SqlObjectCatalog(sql),
                  clock,
                  random);
      Buckets buckets =
          new Buckets(
              new SqlBucketStore(sql),
              new ObjectBucketStorage(objects),
              clock,
              SigV4Authenticator.REGIONS,
              Buckets.DEFAULT_QUOTA);
      s3 =
          Optional.of(
              new S3Api(
                  new S3Authenticator(
                      new S3SigV4Verifier(
                          S3SigV4Verifier.policy(SigV4Authenticator.REGIONS),
                          new SigningKeyCache(SIGNING_KEYS)),
                      keyCache,
                      tokens,
                      keyUse,
                      clock,
                      devAccount),
                  new S3Gate(
                      new S3Authorizer(new ResourcePolicyAuthorizer(withManaged)), buckets::find),
                  new S3Actions(buckets, objects),
                  config.s3DomainName()));
    }
    return new Node(
        accountId,
        sigV4.apply(Set.of("iam", StsApi.SIGNING_NAME, RevocationApi.SIGNING_NAME)),
        new PasswordPolicyGrant(iamAuthorizer, iam.loginProfiles()::passwordPolicy),
        QueryApi.of("iam", IamApi.VERSION, IamApi.NAMESPACE, IamApi.EVENT_SOURCE, iamActions),
        List.of(sts, revocation),
        List.of(organizations),
        console,
        s3,
        resources);
  }

  /**
   * The S3-compatible store behind {@code --s3-backend}: its endpoint from the option, its
   * credentials from the environment only ({@link S3Backend#fromEnvironment}).
   */
  private static ObjectStore backendStore(
      String url, Map<String, String> environment, ServerConfig config, Clock clock) {
    Map<String, String> env = new HashMap<>(environment);
    env.put(S3Backend.ENV_ENDPOINT, url);
    return new S3BackendStore(
        S3Backend.fromEnvironment(env),
        java.net.http.HttpClient.newHttpClient(),
        config.dataDir().resolve("spool"),
        clock);
  }

  /**
   * The request path over a node: the Query and JSON protocols through one pipeline (audited), and
   * the console, whose calls run through the same pipeline in process.
   */
  private static Handler handler(Node node, AuditLog audit, Setup setup) {
    ServerConfig config = setup.config();
    Pipeline pipeline = new Pipeline(audit);
    return new Mounts(
        new ApiHandler(
            pipeline,
            new QueryCodec(node.authenticator(), node.iam(), node.authorizer(), node.others()),
            new JsonCodec(node.json()),
            setup.clock(),
            config.maxBodyBytes(),
            node.s3().map(s3 -> new S3Handler(pipeline, s3, setup.clock()))),
        Optional.of(
            new ConsoleHandler(
                new Console(
                    node.console(),
                    node.inProcess(pipeline, setup.clock()),
                    setup.clock(),
                    config.maxBodyBytes()))));
  }

  /**
   * The node in service behind the deferred handler. In {@code --dev} mode a reset ({@code POST
   * /_gatehouse/reset}) closes it, deletes the embedded store and builds the node again from the
   * same setup with the same account id, as emulator-based test suites expect between runs;
   * requests arriving meanwhile get ServiceUnavailable.
   */
  private static final class Serving implements AutoCloseable {
    /** The files of the embedded store and the first-start credentials (see the store adapter). */
    static final List<String> STORE_FILES =
        List.of(
            "gatehouse.db",
            "gatehouse.db-wal",
            "gatehouse.db-shm",
            "root-credentials",
            // Where earlier versions kept STS state (now in the store, imported once at start-up).
            "mfa-devices",
            "session-revocations");

    private final Setup setup;
    private final DeferredHandler deferred;
    private final AuditLog audit;
    private Node node;

    Serving(Setup setup, DeferredHandler deferred, AuditLog audit, Node node) {
      this.setup = setup;
      this.deferred = deferred;
      this.audit = audit;
      this.node = node;
    }

    synchronized void install() throws Exception {
      deferred.install(handler(node, audit, setup));
    }

    /**
     * @return the account id
     */
    synchronized String reset() throws Exception {
      String accountId = node.accountId();
      deferred.suspend();
      closeAll(node.resources());
      for (String name : STORE_FILES) {
        Files.deleteIfExists(setup.config().dataDir().resolve(name));
      }
      node = node(setup.withAccount(accountId));
      install();
      LOG.warn("--dev reset: store of account {} deleted and bootstrapped again", accountId);
      return accountId;
    }

    @Override
    public synchronized void close() {
      closeAll(node.resources());
    }
  }

  /**
   * Compiled policies are kept across snapshot generations; {@code GATEHOUSE_SNAPSHOT_REBUILD=full}
   * compiles every policy on every rebuild instead (the reference the write benchmark measures
   * against; never needed in service).
   */
  static CompiledPolicies compiledPolicies(Map<String, String> environment) {
    return "full".equals(environment.get(SNAPSHOT_REBUILD_ENV))
        ? CompiledPolicies.disabled()
        : CompiledPolicies.bounded(CompiledPolicies.DEFAULT_CAPACITY);
  }

  static final String SNAPSHOT_REBUILD_ENV = "GATEHOUSE_SNAPSHOT_REBUILD";

  /**
   * What this node keeps in memory, told in this order of every committed change (its own through
   * the services, the other nodes' through the change feed): the snapshots first (authorization),
   * then the key cache, then the STS revocation view.
   */
  private record LocalChanges(List<IamChangeListener> told) implements IamChangeListener {
    @Override
    public void committed(String accountId) {
      for (IamChangeListener listener : told) {
        listener.committed(accountId);
      }
    }

    @Override
    public void committed(String accountId, Change change) {
      for (IamChangeListener listener : told) {
        listener.committed(accountId, change);
      }
    }

    @Override
    public void lastUseRecorded(String accountId) {
      for (IamChangeListener listener : told) {
        listener.lastUseRecorded(accountId);
      }
    }

    @Override
    public void everythingChanged() {
      for (IamChangeListener listener : told) {
        listener.everythingChanged();
      }
    }
  }

  /**
   * Nodes sharing a store must seal and unseal with the same keys; files in each node's data dir
   * would silently differ, and a node could not read another's secrets or session tokens.
   */
  private static void requireSharedKeys(Map<String, String> environment) {
    List<String> missing =
        Stream.of(KeyRing.ENV, SessionKeyStore.ENV)
            .filter(name -> environment.getOrDefault(name, "").isBlank())
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "a PostgreSQL store is shared by nodes, which must share their keys: set "
              + String.join(" and ", missing)
              + ", the same on every node");
    }
  }

  /**
   * Creates the management account on the first start (or finds it), says where its first-start
   * credentials are, and warns of trust policies naming principals that no longer exist.
   *
   * @return the management account id
   */
  private static String bootstrap(IamServices iam, Setup setup) {
    ServerConfig config = setup.config();
    Bootstrap.Result boot =
        new Bootstrap(iam)
            .run(
                new Bootstrap.Options(
                    config.dataDir(), config.accountId().given().orElse(""), setup.environment()));
    PrintStream err = setup.err();
    boot.credentialsFile()
        .ifPresent(
            file ->
                err.println(
                    (boot.created() ? "Created account " : "Account ")
                        + boot.managementAccountId()
                        + "; its "
                        + boot.written()
                        + (boot.accessKeyWritten() && boot.consolePasswordWritten()
                            ? " are in "
                            : " is in ")
                        + file
                        + " (mode 0600)."));
    for (StoredTrustPolicies.Unresolved u : boot.unresolvedTrustPrincipals()) {
      LOG.warn(
          "the trust policy of role {} in account {} names {}, which does not exist: it is held"
              + " as {}, which names no one, until the policy is written again",
          u.roleName(),
          u.accountId(),
          u.principal(),
          u.heldAs());
    }
    return boot.managementAccountId();
  }

  private static Instant accountCreated(Store store, String accountId) {
    return store
        .read(tx -> tx.accounts().account(accountId))
        .map(Account::createDate)
        .orElse(Instant.EPOCH);
  }

  /** The operator's words for a node that could not be built. */
  private static StartupException cannotStart(ServerConfig config, Exception e) {
    if (config.store() instanceof ServerConfig.StoreChoice.Postgres pg) {
      // The URL holds no password (refused when parsed); the message is not a class name.
      return new StartupException(
          "cannot start on PostgreSQL store "
              + pg.jdbcUrl()
              + ": "
              + (e.getMessage() == null ? e.toString() : e.getMessage()),
          e);
    }
    return new StartupException("cannot start on data directory " + config.dataDir() + ": " + e, e);
  }

  /** Runs start-up work on a daemon thread, so a failed start never keeps the JVM alive. */
  private static void daemon(Runnable work) {
    Thread thread = new Thread(work, "gatehouse-startup");
    thread.setDaemon(true);
    thread.start();
  }

  /** {@code Gatehouse listening on http://127.0.0.1:7440 (123456789012)}. */
  public String readyLine() {
    return "Gatehouse listening on "
        + config.scheme()
        + "://"
        + config.bind()
        + ":"
        + http.port()
        + " ("
        + accountId
        + ")";
  }

  /**
   * The actions each API on the endpoint answers, by signing service ({@code iam}, {@code sts},
   * {@code organizations}...): what the action tables hold, for tests that walk the service models.
   */
  public Map<String, Set<String>> actions() {
    return actions;
  }

  public int port() {
    return http.port();
  }

  public String accountId() {
    return accountId;
  }

  public Path dataDir() {
    return config.dataDir();
  }

  public void join() throws InterruptedException {
    http.join();
  }

  @Override
  public void close() {
    // Idempotent: the shutdown hook and try-with-resources may both close.
    List<AutoCloseable> toClose;
    synchronized (resources) {
      toClose = new ArrayList<>(resources);
      resources.clear();
    }
    closeAll(toClose);
  }

  static void closeAll(List<AutoCloseable> resources) {
    // Reverse order: the HTTP server stops before the store and the audit log close.
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("error while closing {}", resources.get(i).getClass().getSimpleName(), e);
      }
    }
  }
}
