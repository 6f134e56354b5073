package dev.gatehouse.server;

import dev.gatehouse.api.ApiRoute;
import dev.gatehouse.api.Authenticator;
import dev.gatehouse.api.CachedCredentials;
import dev.gatehouse.api.Credentials;
import dev.gatehouse.api.InProcessCalls;
import dev.gatehouse.api.JsonApi;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Pipeline;
import dev.gatehouse.api.QueryApi;
import dev.gatehouse.api.SessionTokens;
import dev.gatehouse.api.SigV4Authenticator;
import dev.gatehouse.api.iam.IamApi;
import dev.gatehouse.api.iam.SimulationActions;
import dev.gatehouse.api.org.OrganizationsApi;
import dev.gatehouse.api.s3.S3Actions;
import dev.gatehouse.api.s3.S3Api;
import dev.gatehouse.api.s3.S3Authenticator;
import dev.gatehouse.api.s3.S3Gate;
import dev.gatehouse.api.s3.S3InProcess;
import dev.gatehouse.api.sts.AccessGrantActions;
import dev.gatehouse.api.sts.AccessNotificationActions;
import dev.gatehouse.api.sts.KeyRotationActions;
import dev.gatehouse.api.sts.MfaActions;
import dev.gatehouse.api.sts.RevocationApi;
import dev.gatehouse.api.sts.SealedSessionTokens;
import dev.gatehouse.api.sts.StsApi;
import dev.gatehouse.console.ConsoleBackend;
import dev.gatehouse.core.advisor.AccessAttempts;
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
import dev.gatehouse.core.grants.AccessGrants;
import dev.gatehouse.core.grants.AccessNotifications;
import dev.gatehouse.core.grants.GrantEvents;
import dev.gatehouse.core.grants.GrantExpiry;
import dev.gatehouse.core.grants.GrantGate;
import dev.gatehouse.core.grants.LiveGrants;
import dev.gatehouse.core.grants.NotificationConfig;
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
import dev.gatehouse.core.s3.BucketRegistry;
import dev.gatehouse.core.s3.Buckets;
import dev.gatehouse.core.s3.S3Authorizer;
import dev.gatehouse.core.snapshot.CompiledPolicies;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.sts.ManagedSessionPolicies;
import dev.gatehouse.core.sts.MfaDevices;
import dev.gatehouse.core.sts.OnlineSessionKeyRotation;
import dev.gatehouse.core.sts.RevocationAuthorizer;
import dev.gatehouse.core.sts.Revocations;
import dev.gatehouse.core.sts.SessionIssuer;
import dev.gatehouse.core.sts.SessionKeyStore;
import dev.gatehouse.core.sts.SessionLimits;
import dev.gatehouse.core.sts.SessionRevoker;
import dev.gatehouse.core.sts.SessionTokenSealer;
import dev.gatehouse.core.sts.StsAuthorizer;
import dev.gatehouse.sigv4.S3SigV4Verifier;
import dev.gatehouse.sigv4.SigV4Verifier;
import dev.gatehouse.sigv4.SigningKeyCache;
import dev.gatehouse.sigv4.VerificationPolicy;
import dev.gatehouse.store.sql.PostgresChangeFeed;
import dev.gatehouse.store.sql.PostgresStore;
import dev.gatehouse.store.sql.SqlBucketStore;
import dev.gatehouse.store.sql.SqlStore;
import dev.gatehouse.store.sql.SqliteStore;
import java.io.PrintStream;
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
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembly of a node's parts, read top to bottom: the store and keys, what the node keeps in
 * memory, the services, authentication, the APIs and the console, each once and by constructor, in
 * an order that needs no late wiring. {@link Gatehouse} starts the server over a node built here.
 */
final class NodeAssembly {
  private static final Logger LOG = LoggerFactory.getLogger(NodeAssembly.class);

  /** Connections per node to a shared PostgreSQL store; reads mostly hit memory snapshots. */
  static final int POOL_SIZE = 8;

  /** Derived SigV4 signing keys each authenticator remembers. */
  static final int SIGNING_KEYS = 4096;

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
      Store store,
      AccessAttempts attempts,
      GrantExpiry grantExpiry,
      KeyRing keyRing,
      InlineReads inline,
      InlineObjectReads objectReads,
      List<AutoCloseable> resources) {
    /** The console's in-process entry to the Query APIs, through {@code pipeline}. */
    InProcessCalls inProcess(Pipeline pipeline, Clock clock) {
      return new InProcessCalls(
          iam,
          authorizer,
          others,
          s3.<List<InProcessCalls.RestApi>>map(api -> List.of(new S3InProcess(api)))
              .orElse(List.of()),
          pipeline,
          clock);
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

  private NodeAssembly() {}

  /** Builds a node's parts; a failed build leaves no pool, listener thread or open file behind. */
  static Node node(Gatehouse.Setup setup) throws SQLException {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      return node(setup, resources);
    } catch (SQLException | RuntimeException e) {
      Gatehouse.closeAll(resources);
      throw e;
    }
  }

  /**
   * The node, top to bottom: the store and keys; what the node keeps in memory and the change
   * listener that keeps it current; the IAM services reporting to that listener; the account;
   * authorization; STS; SigV4 authentication; the APIs and the console.
   */
  private static Node node(Gatehouse.Setup setup, List<AutoCloseable> resources)
      throws SQLException {
    ServerConfig config = setup.config();
    Optional<ServerConfig.StoreChoice.Postgres> shared =
        config.store() instanceof ServerConfig.StoreChoice.Postgres pg
            ? Optional.of(pg)
            : Optional.empty();
    if (shared.isPresent()) {
      requireSharedKeys(setup.environment());
    }
    // Reads a CA bundle, if one is named, before the store opens; the JVM's CA certificates wait
    // for the first fetch (readiness needs none).
    OidcHttpsFetcher fetcher = OidcHttpsFetcher.fromEnvironment(setup.environment());
    SecureRandom random = new SecureRandom();
    Store store =
        shared.isPresent()
            ? PostgresStore.open(
                shared.get().jdbcUrl(), shared.get().user(), shared.get().password(), POOL_SIZE)
            : SqliteStore.open(config.dataDir());
    resources.add(store);
    return node(
        setup,
        store,
        PasswordHasher.standard(random),
        random,
        // Parses its policies on first use.
        ManagedPolicyCatalogue.bundled(),
        fetcher,
        resources);
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
          new Gatehouse.Setup(config, err, clock, environment),
          store,
          hasher,
          new SecureRandom(),
          ManagedPolicyCatalogue.bundled(),
          OidcHttpsFetcher.fromEnvironment(environment),
          resources);
    } catch (SQLException | RuntimeException e) {
      Gatehouse.closeAll(resources);
      throw e;
    }
  }

  private static Node node(
      Gatehouse.Setup setup,
      Store store,
      PasswordHasher hasher,
      SecureRandom random,
      ManagedPolicyCatalogue catalogue,
      OidcHttpsFetcher oidcFetcher,
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
    CompiledPolicies compiled = compiledPolicies(setup.environment());
    Snapshots snapshots =
        new Snapshots(
            store,
            catalogue,
            compiled,
            !"full".equals(setup.environment().get(SNAPSHOT_REBUILD_ENV)),
            setup.snapshotListener());
    AccessKeyResolver accessKeys = new AccessKeyResolver(store, keyRing);
    CachedCredentials keyCache =
        new CachedCredentials(id -> accessKeys.resolve(id).map(Credentials.Credential::of));
    Revocations revocations = new Revocations(store, config.dataDir());
    // Buckets (S3) are kept in memory beside the snapshots, their policies compiled in the same
    // cache.
    Optional<BucketRegistry> bucketRegistry =
        store instanceof SqlStore sql
            ? Optional.of(new BucketRegistry(new SqlBucketStore(sql), compiled))
            : Optional.empty();
    // Request policies and live grants, checked at every AssumeRole (decision 12).
    LiveGrants liveGrants = new LiveGrants(store);
    List<IamChangeListener> told =
        new ArrayList<>(List.of(snapshots, keyCache, revocations, liveGrants));
    bucketRegistry.ifPresent(told::add);
    IamChangeListener local = new LocalChanges(List.copyOf(told));
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
    // Roles with a request policy are assumed only under a live access grant (decision 12).
    GrantGate grantGate = new GrantGate(store, clock, liveGrants);
    SessionIssuer issuer = new SessionIssuer(snapshots, sealer, random, clock, grantGate);
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
            new StsAuthorizer(iamAuthorizer, new TrustAuthorizer(withManaged), issuer, grantGate),
            FederationAssembly.operations(
                iam, issuer, withManaged, clock, oidcFetcher, setup.environment()));
    // Notifications: each account's own webhook, else the environment's node-wide default.
    AccessNotifications notifications = new AccessNotifications(store, keyRing, clock);
    GrantWebhook webhook =
        GrantWebhook.fromEnvironment(
            setup.environment(),
            account ->
                notifications
                    .delivery(account)
                    .map(
                        d ->
                            new GrantWebhook.Target(
                                d.url(),
                                d.secret(),
                                d.format() == NotificationConfig.Format.SLACK)));
    resources.add(webhook);
    GrantEvents grantEvents = webhook;
    AccessGrants accessGrants = new AccessGrants(store, clock, random, changes, grantEvents);
    GrantExpiry grantExpiry = new GrantExpiry(store, clock, changes, grantEvents);
    ApiRoute revocation =
        new AccessNotificationActions(notifications)
            .addTo(
                new AccessGrantActions(accessGrants, iam, issuer::role)
                    .addTo(
                        RevocationApi.route(
                            iam,
                            new SessionRevoker(store, changes, clock),
                            clock,
                            new RevocationAuthorizer(iamAuthorizer))));
    // The session keys rotate online on this node (their file); keys from the environment do not.
    OnlineMasterKeyRotation masterKeys =
        new OnlineMasterKeyRotation(config, setup.environment(), keyRing, store, random);
    revocation =
        new KeyRotationActions(
                new OnlineSessionKeyRotation(
                    config.dataDir(), setup.environment(), sealer, random, clock),
                masterKeys,
                accountId)
            .addTo(revocation);

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
    // A request signed with this key is authenticated and authorized from memory (no store read).
    InlineObjectReads.Caller inMemory =
        InlineObjectReads.caller(keyCache, keyUse, snapshots::inMemory);

    // The APIs: IAM (with the virtual-MFA and simulation actions), STS and Gatehouse's revocation
    // API on the Query protocol; Organizations on the JSON protocol; the console.
    // Access advisor: every decision's attempt kept in memory, written off the request path.
    AdvisorAssembly.Advisor advisor =
        AdvisorAssembly.advisor(iam, snapshots, store, clock, resources);
    // IAM's table is made by its first use (readiness does not need it; see QueryApi.lazy).
    Supplier<List<Operation<?, ?>>> iamActions =
        () -> {
          List<Operation<?, ?>> all =
              new ArrayList<>(IamApi.operations(iam, id -> accountCreated(store, id)));
          all.addAll(mfa.operations());
          all.addAll(SimulationActions.table(iam, snapshots));
          all.addAll(advisor.operations());
          return all;
        };
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
    InlineObjectReads objectReads = InlineObjectReads.NONE;
    if (shared.isPresent() && config.s3BackendUrl().isEmpty()) {
      // The embedded object store keeps bytes in this node's data dir: nodes sharing PostgreSQL
      // would disagree about objects. They serve S3 only over a shared backend.
      LOG.warn(
          "S3 is not served: nodes sharing a PostgreSQL store need --s3-backend URL for their"
              + " objects (the embedded object store serves one node)");
    } else if (store instanceof SqlStore sql && bucketRegistry.isPresent()) {
      ObjectStores.Opened opened =
          ObjectStores.open(config, setup.environment(), keyRing, sql, masterKeys, clock, random);
      ObjectStore objects = opened.store();
      objectReads =
          InlineObjectReads.over(inMemory, bucketRegistry.get(), opened, config.s3DomainName());
      Buckets buckets =
          new Buckets(
              bucketRegistry.get(),
              new ObjectBucketStorage(objects),
              clock,
              SigV4Authenticator.REGIONS,
              Buckets.DEFAULT_QUOTA,
              changes);
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
                      new S3Authorizer(
                          new ResourcePolicyAuthorizer(withManaged),
                          bucketRegistry.get()::policyOf),
                      buckets::find),
                  new S3Actions(buckets, objects),
                  config.s3DomainName()));
    }
    return new Node(
        accountId,
        sigV4.apply(Set.of("iam", StsApi.SIGNING_NAME, RevocationApi.SIGNING_NAME)),
        new PasswordPolicyGrant(iamAuthorizer, iam.loginProfiles()::passwordPolicy),
        QueryApi.lazy("iam", IamApi.VERSION, IamApi.NAMESPACE, IamApi.EVENT_SOURCE, iamActions),
        List.of(sts, revocation),
        List.of(organizations),
        console,
        s3,
        store,
        advisor.activity(),
        grantExpiry,
        keyRing,
        // Answered on Jetty's thread when nothing would read the store (see InlineReads).
        new InlineReads(
            (key, everyAccount) ->
                inMemory.answers(key) && (!everyAccount || snapshots.allInMemory())),
        objectReads,
        resources);
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
   * then the key cache, then the STS revocation view, then the access-grant view.
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
    public void lastUseRecorded(String accountId, String roleId) {
      for (IamChangeListener listener : told) {
        listener.lastUseRecorded(accountId, roleId);
      }
    }

    @Override
    public void bucketsChanged(String accountId) {
      for (IamChangeListener listener : told) {
        listener.bucketsChanged(accountId);
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
  private static String bootstrap(IamServices iam, Gatehouse.Setup setup) {
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
}
