package dev.gatehouse.server;

import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.PasswordPolicyGrant;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.SnapshotViews;
import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.iam.Bootstrap;
import dev.gatehouse.core.iam.EnginePolicyValidator;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.LastUse;
import dev.gatehouse.core.iam.ResolvedKey;
import dev.gatehouse.core.iam.StoredTrustPolicies;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.org.Organizations;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.sts.SessionKeyStore;
import dev.gatehouse.server.console.ConsoleBackend;
import dev.gatehouse.server.iam.IamApi;
import dev.gatehouse.server.iam.SimulationActions;
import dev.gatehouse.server.org.OrganizationsApi;
import dev.gatehouse.server.sts.StsApi;
import dev.gatehouse.server.sts.StsWiring;
import dev.gatehouse.sigv4.SigV4Verifier;
import dev.gatehouse.sigv4.SigningKeyCache;
import dev.gatehouse.sigv4.VerificationPolicy;
import dev.gatehouse.store.sql.PostgresChangeFeed;
import dev.gatehouse.store.sql.PostgresStore;
import dev.gatehouse.store.sql.SqliteStore;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the production collaborators: the store (embedded SQLite, or PostgreSQL with its change
 * feed), key ring, IAM services, snapshots, SigV4 authentication and the IAM authorizer.
 */
final class Wiring {
  private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);

  private Wiring() {}

  /** Connections per node to a shared PostgreSQL store; reads mostly hit memory snapshots. */
  static final int POOL_SIZE = 8;

  /**
   * Regions a credential scope may name. IAM signs with us-east-1; against a custom endpoint, SDKs
   * sign with whatever region the client is configured for.
   */
  static final Set<String> REGIONS =
      Set.of(
          "us-east-1",
          "us-east-2",
          "us-west-1",
          "us-west-2",
          "ca-central-1",
          "ca-west-1",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "eu-central-1",
          "eu-central-2",
          "eu-north-1",
          "eu-south-1",
          "eu-south-2",
          "ap-south-1",
          "ap-south-2",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-northeast-3",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-southeast-3",
          "ap-southeast-4",
          "ap-east-1",
          "sa-east-1",
          "me-south-1",
          "me-central-1",
          "af-south-1",
          "il-central-1",
          "mx-central-1",
          "us-gov-west-1",
          "us-gov-east-1",
          "cn-north-1",
          "cn-northwest-1");

  /**
   * @param clock the time of every decision (SigV4 skew, session expiry, dates); tests inject one
   * @param environment the process environment (keys, first-start credentials)
   */
  static Gatehouse.Parts build(
      ServerConfig config, PrintStream err, Clock clock, Map<String, String> environment)
      throws SQLException {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      return build(config, err, clock, environment, resources);
    } catch (SQLException | RuntimeException e) {
      // A failed start leaves no pool, listener thread or open file behind.
      Gatehouse.closeAll(resources);
      throw e;
    }
  }

  /**
   * The same parts on a store the caller opened, alone on it (no change feed), hashing console
   * passwords with {@code hasher}: how tests run the IAM case corpora through the server's own
   * action table and authorizer on every store adapter. The store closes with the parts.
   */
  static Gatehouse.Parts build(
      ServerConfig config,
      PrintStream err,
      Clock clock,
      Map<String, String> environment,
      Store store,
      PasswordHasher hasher)
      throws SQLException {
    List<AutoCloseable> resources = new ArrayList<>(List.of(store));
    try {
      SecureRandom random = new SecureRandom();
      Node node =
          new Node(
              store,
              Optional.empty(),
              KeyRing.load(config.dataDir(), environment, random),
              random,
              hasher,
              ManagedPolicyCatalogue.bundled());
      return assemble(config, err, clock, environment, node, resources);
    } catch (SQLException | RuntimeException e) {
      Gatehouse.closeAll(resources);
      throw e;
    }
  }

  private static Gatehouse.Parts build(
      ServerConfig config,
      PrintStream err,
      Clock clock,
      Map<String, String> environment,
      List<AutoCloseable> resources)
      throws SQLException {
    Optional<ServerConfig.StoreChoice.Postgres> shared =
        config.store() instanceof ServerConfig.StoreChoice.Postgres pg
            ? Optional.of(pg)
            : Optional.empty();
    if (shared.isPresent()) {
      requireSharedKeys(environment);
    }
    // The AWS managed-policy catalogue is the largest thing to load: parse it on another core while
    // this thread opens (and migrates) the store.
    CompletableFuture<ManagedPolicyCatalogue> catalogueLoad =
        CompletableFuture.supplyAsync(ManagedPolicyCatalogue::bundled, Wiring::daemon);
    SecureRandom random = new SecureRandom();
    KeyRing keyRing = KeyRing.load(config.dataDir(), environment, random);
    Store store =
        shared.isPresent()
            ? PostgresStore.open(
                shared.get().jdbcUrl(), shared.get().user(), shared.get().password(), POOL_SIZE)
            : SqliteStore.open(config.dataDir());
    resources.add(store);
    Optional<SharedFeed> feed =
        shared.map(
            pg -> local -> PostgresChangeFeed.start(pg.jdbcUrl(), pg.user(), pg.password(), local));
    return assemble(
        config,
        err,
        clock,
        environment,
        new Node(
            store, feed, keyRing, random, PasswordHasher.standard(random), catalogueLoad.join()),
        resources);
  }

  /** Tells the other nodes on a shared store of this node's commits, and this node of theirs. */
  @FunctionalInterface
  private interface SharedFeed {
    PostgresChangeFeed start(IamChangeListener local) throws SQLException;
  }

  /**
   * What the parts are built on: the opened store and what was loaded beside it.
   *
   * @param feed present when other nodes share the store
   * @param hasher console-password hashing (production: {@link PasswordHasher#standard})
   */
  private record Node(
      Store store,
      Optional<SharedFeed> feed,
      KeyRing keyRing,
      SecureRandom random,
      PasswordHasher hasher,
      ManagedPolicyCatalogue catalogue) {}

  private static Gatehouse.Parts assemble(
      ServerConfig config,
      PrintStream err,
      Clock clock,
      Map<String, String> environment,
      Node node,
      List<AutoCloseable> resources)
      throws SQLException {
    Store store = node.store();
    KeyRing keyRing = node.keyRing();
    SecureRandom random = node.random();
    ManagedPolicyCatalogue catalogue = node.catalogue();
    Snapshots snapshots = new Snapshots(store, catalogue);
    CachedCredentials credentials = new CachedCredentials(Wiring::unresolved);
    LocalChanges local = new LocalChanges(snapshots, credentials);
    IamChangeListener changes = local;
    if (node.feed().isPresent()) {
      // Writes here tell the local listener first, then the other nodes through the feed.
      PostgresChangeFeed feed = node.feed().get().start(local);
      resources.add(feed);
      changes = feed;
    }
    // GetUser, GetRole and ListPolicies answer from the snapshot the listener keeps current.
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
            .hasher(node.hasher())
            .build();
    Bootstrap.Result boot =
        new Bootstrap(iam)
            .run(
                new Bootstrap.Options(
                    config.dataDir(), config.accountId().given().orElse(""), environment));
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
    String accountId = boot.managementAccountId();
    credentials.source(id -> iam.accessKeys().resolve(id).map(Wiring::credential));
    SnapshotViews views = new SnapshotViews(snapshots);
    StsWiring sts =
        new StsWiring(
            iam,
            store,
            changes,
            snapshots,
            views,
            SessionKeyStore.loadOrCreate(config.dataDir(), environment, random),
            keyRing,
            config.dataDir(),
            random,
            clock);
    if (node.feed().isPresent()) {
      // Alone on its store, a node's revocation view only changes by its own revocations.
      local.alsoTell(sts.changeListener());
    }
    LastUse usage = new LastUse(iam.accessKeys()::recordUse, clock);
    Authenticator authenticator =
        new SigV4Authenticator(
            new SigV4Verifier(
                VerificationPolicy.of(
                    REGIONS, Set.of("iam", StsApi.SIGNING_NAME, StsWiring.revocationSigningName())),
                new SigningKeyCache(4096)),
            credentials,
            clock,
            config.dev() ? Optional.of(accountId) : Optional.empty(),
            sts.tokens(),
            usage);
    Authorizer authorizer =
        new PasswordPolicyGrant(sts.iamAuthorizer(), iam.loginProfiles()::passwordPolicy);
    QueryApi api =
        QueryApi.of(
            "iam",
            IamApi.VERSION,
            IamApi.NAMESPACE,
            IamApi.EVENT_SOURCE,
            iamOperations(iam, store, sts, snapshots));
    JsonApi organizations =
        OrganizationsApi.api(
            new Organizations(store, clock, random, changes),
            new SigV4Authenticator(
                new SigV4Verifier(
                    VerificationPolicy.of(REGIONS, Set.of(OrganizationsApi.SIGNING_NAME)),
                    new SigningKeyCache(4096)),
                credentials,
                clock,
                config.dev() ? Optional.of(accountId) : Optional.empty(),
                sts.tokens(),
                usage),
            sts.servicesAuthorizer());
    ConsoleBackend console =
        new CoreConsoleBackend(iam, sts, List.of(accountId), ConsoleBackend.DEFAULT_IDLE);
    return new Gatehouse.Parts(
        accountId,
        authenticator,
        authorizer,
        api,
        List.of(sts.route(), sts.revocationRoute()),
        List.of(organizations),
        clock,
        resources,
        Optional.of(console));
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
   * What this node keeps in memory, told of every committed change (its own through the services,
   * the other nodes' through the change feed). Commit order: the snapshot first (authorization),
   * then the key cache, then the STS revocation view.
   */
  private static final class LocalChanges implements IamChangeListener {
    private final Snapshots snapshots;
    private final CachedCredentials credentials;
    private volatile IamChangeListener sts = IamChangeListener.none();

    LocalChanges(Snapshots snapshots, CachedCredentials credentials) {
      this.snapshots = snapshots;
      this.credentials = credentials;
    }

    /** The STS wiring is built after the services that report to this listener. */
    void alsoTell(IamChangeListener listener) {
      sts = listener;
    }

    @Override
    public void committed(String accountId) {
      snapshots.committed(accountId);
      credentials.invalidate();
      sts.committed(accountId);
    }

    @Override
    public void everythingChanged() {
      snapshots.everythingChanged();
      credentials.invalidate();
      sts.everythingChanged();
    }
  }

  /** IAM's action table: the core services' actions and the virtual-MFA actions. */
  private static List<Operation<?, ?>> iamOperations(
      IamServices iam, Store store, StsWiring sts, Snapshots snapshots) {
    List<Operation<?, ?>> all =
        new ArrayList<>(IamApi.operations(iam, id -> accountCreated(store, id)));
    all.addAll(sts.iamOperations());
    all.addAll(SimulationActions.table(iam, snapshots));
    return all;
  }

  private static Optional<Credentials.Credential> unresolved(String accessKeyId) {
    throw new IllegalStateException("credentials used before the services were wired");
  }

  /** Runs start-up work on a daemon thread, so a failed start never keeps the JVM alive. */
  static void daemon(Runnable work) {
    Thread thread = new Thread(work, "gatehouse-startup");
    thread.setDaemon(true);
    thread.start();
  }

  private static Instant accountCreated(Store store, String accountId) {
    return store.read(tx -> tx.account(accountId)).map(Account::createDate).orElse(Instant.EPOCH);
  }

  private static Credentials.Credential credential(ResolvedKey key) {
    Principal principal;
    if (key.principal() instanceof ResolvedKey.KeyPrincipal.IamUser user) {
      principal =
          new Principal.User(
              key.accountId(), user.user().name(), user.user().path(), user.user().id());
    } else {
      principal = new Principal.Root(key.accountId());
    }
    return new Credentials.Credential(principal, key.secretAccessKey(), key.isActive());
  }
}
