package dev.gatehouse.core.iam;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.store.Store;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The IAM services over one store, wired once by the composition root.
 *
 * <p>Every method takes the caller's account id first; the server resolves it from the
 * authenticated principal.
 */
public final class IamServices {
  private final IamContext ctx;
  private final Users users;
  private final Groups groups;
  private final Roles roles;
  private final InstanceProfiles instanceProfiles;
  private final PolicyTags policyTags;
  private final OidcProviders oidcProviders;
  private final SamlProviders samlProviders;
  private final SshPublicKeys sshPublicKeys;
  private final SigningCertificates signingCertificates;
  private final ServerCertificates serverCertificates;
  private final ManagedPolicies managedPolicies;
  private final Attachments attachments;
  private final InlinePolicies inlinePolicies;
  private final AccessKeys accessKeys;
  private final Accounts accounts;
  private final LoginProfiles loginProfiles;
  private final ConsoleSignIn consoleSignIn;
  private final MfaDeviceTags mfaDeviceTags;
  private final ServiceLinkedRoles serviceLinkedRoles;
  private final CredentialReports credentialReports;

  private IamServices(IamContext ctx) {
    this.ctx = ctx;
    this.users = new Users(ctx);
    this.groups = new Groups(ctx);
    this.roles = new Roles(ctx);
    this.instanceProfiles = new InstanceProfiles(ctx);
    this.policyTags = new PolicyTags(ctx);
    this.oidcProviders = new OidcProviders(ctx);
    this.samlProviders = new SamlProviders(ctx);
    this.sshPublicKeys = new SshPublicKeys(ctx);
    this.signingCertificates = new SigningCertificates(ctx);
    this.serverCertificates = new ServerCertificates(ctx);
    this.managedPolicies = new ManagedPolicies(ctx);
    this.attachments = new Attachments(ctx);
    this.inlinePolicies = new InlinePolicies(ctx);
    this.accessKeys = new AccessKeys(ctx);
    this.accounts = new Accounts(ctx);
    this.loginProfiles = new LoginProfiles(ctx);
    this.consoleSignIn = new LoginProfilesSignIn(ctx);
    this.mfaDeviceTags = new MfaDeviceTags(ctx);
    this.serviceLinkedRoles = new ServiceLinkedRoles(ctx);
    this.credentialReports = new CredentialReports(ctx);
  }

  /**
   * @param validator checks policy documents (the policy engine's parser in production)
   * @param listener told after each committed write (the snapshot registry)
   */
  public static IamServices create(
      Store store,
      Clock clock,
      Ids ids,
      KeyRing keyRing,
      PolicyDocumentValidator validator,
      ManagedPolicyCatalogue catalogue,
      IamChangeListener listener) {
    return builder(store, clock, ids, keyRing, validator, catalogue, listener).build();
  }

  /**
   * A builder over the required collaborators. Unless set, GetUser, GetRole and ListPolicies read
   * the store, and console passwords are hashed at the production cost.
   */
  public static Builder builder(
      Store store,
      Clock clock,
      Ids ids,
      KeyRing keyRing,
      PolicyDocumentValidator validator,
      ManagedPolicyCatalogue catalogue,
      IamChangeListener listener) {
    return new Builder(store, clock, ids, keyRing, validator, catalogue, listener);
  }

  /** The optional collaborators of {@link IamServices}. */
  public static final class Builder {
    private final Store store;
    private final Clock clock;
    private final Ids ids;
    private final KeyRing keyRing;
    private final PolicyDocumentValidator validator;
    private final ManagedPolicyCatalogue catalogue;
    private final IamChangeListener listener;
    private EntityReads reads;
    private PasswordHasher hasher;

    private Builder(
        Store store,
        Clock clock,
        Ids ids,
        KeyRing keyRing,
        PolicyDocumentValidator validator,
        ManagedPolicyCatalogue catalogue,
        IamChangeListener listener) {
      this.store = store;
      this.clock = clock;
      this.ids = ids;
      this.keyRing = keyRing;
      this.validator = validator;
      this.catalogue = catalogue;
      this.listener = listener;
      this.reads = EntityReads.of(store);
    }

    /**
     * @param reads answers GetUser, GetRole and ListPolicies (the snapshot registry, which the
     *     listener keeps current, so that they need no store transaction)
     */
    public Builder reads(EntityReads reads) {
      this.reads = reads;
      return this;
    }

    /** Hashes console passwords (tests use a lower cost than {@link PasswordHasher#standard}). */
    public Builder hasher(PasswordHasher hasher) {
      this.hasher = hasher;
      return this;
    }

    public IamServices build() {
      PasswordHasher h = hasher == null ? PasswordHasher.standard(new SecureRandom()) : hasher;
      return new IamServices(
          new IamContext(store, clock, ids, keyRing, validator, catalogue, listener, reads, h));
    }
  }

  public Users users() {
    return users;
  }

  public Groups groups() {
    return groups;
  }

  public Roles roles() {
    return roles;
  }

  public InstanceProfiles instanceProfiles() {
    return instanceProfiles;
  }

  public OidcProviders oidcProviders() {
    return oidcProviders;
  }

  public SamlProviders samlProviders() {
    return samlProviders;
  }

  public SshPublicKeys sshPublicKeys() {
    return sshPublicKeys;
  }

  public SigningCertificates signingCertificates() {
    return signingCertificates;
  }

  public ServerCertificates serverCertificates() {
    return serverCertificates;
  }

  /** Tags of customer managed policies. */
  public PolicyTags policyTags() {
    return policyTags;
  }

  public ManagedPolicies managedPolicies() {
    return managedPolicies;
  }

  public Attachments attachments() {
    return attachments;
  }

  public InlinePolicies inlinePolicies() {
    return inlinePolicies;
  }

  public AccessKeys accessKeys() {
    return accessKeys;
  }

  public Accounts accounts() {
    return accounts;
  }

  /** Console passwords of IAM users and the account password policy. */
  public LoginProfiles loginProfiles() {
    return loginProfiles;
  }

  /** Console sign-in: IAM users' and the root user's passwords, throttled. */
  public ConsoleSignIn consoleSignIn() {
    return consoleSignIn;
  }

  /** Tags of virtual MFA devices. */
  public MfaDeviceTags mfaDeviceTags() {
    return mfaDeviceTags;
  }

  /** Service-linked roles and their deletion tasks. */
  public ServiceLinkedRoles serviceLinkedRoles() {
    return serviceLinkedRoles;
  }

  /** The account's credential report. */
  public CredentialReports credentialReports() {
    return credentialReports;
  }

  IamContext context() {
    return ctx;
  }
}
