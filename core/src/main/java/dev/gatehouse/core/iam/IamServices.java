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
  private final ManagedPolicies managedPolicies;
  private final Attachments attachments;
  private final InlinePolicies inlinePolicies;
  private final AccessKeys accessKeys;
  private final Accounts accounts;
  private final LoginProfiles loginProfiles;
  private final ConsoleSignIn consoleSignIn;

  private IamServices(IamContext ctx) {
    this.ctx = ctx;
    this.users = new Users(ctx);
    this.groups = new Groups(ctx);
    this.roles = new Roles(ctx);
    this.instanceProfiles = new InstanceProfiles(ctx);
    this.policyTags = new PolicyTags(ctx);
    this.oidcProviders = new OidcProviders(ctx);
    this.managedPolicies = new ManagedPolicies(ctx);
    this.attachments = new Attachments(ctx);
    this.inlinePolicies = new InlinePolicies(ctx);
    this.accessKeys = new AccessKeys(ctx);
    this.accounts = new Accounts(ctx);
    this.loginProfiles = new LoginProfiles(ctx);
    this.consoleSignIn = new LoginProfilesSignIn(ctx);
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
    return create(
        store,
        clock,
        ids,
        keyRing,
        validator,
        catalogue,
        listener,
        EntityReads.of(store),
        PasswordHasher.standard(new SecureRandom()));
  }

  /**
   * As {@link #create(Store, Clock, Ids, KeyRing, PolicyDocumentValidator, ManagedPolicyCatalogue,
   * IamChangeListener)}, with the console-password hasher given (tests use a lower cost; production
   * uses {@link PasswordHasher#standard}).
   */
  public static IamServices create(
      Store store,
      Clock clock,
      Ids ids,
      KeyRing keyRing,
      PolicyDocumentValidator validator,
      ManagedPolicyCatalogue catalogue,
      IamChangeListener listener,
      PasswordHasher hasher) {
    return create(
        store, clock, ids, keyRing, validator, catalogue, listener, EntityReads.of(store), hasher);
  }

  /**
   * As {@link #create(Store, Clock, Ids, KeyRing, PolicyDocumentValidator, ManagedPolicyCatalogue,
   * IamChangeListener)}, with GetUser and GetRole answered by {@code reads}.
   */
  public static IamServices create(
      Store store,
      Clock clock,
      Ids ids,
      KeyRing keyRing,
      PolicyDocumentValidator validator,
      ManagedPolicyCatalogue catalogue,
      IamChangeListener listener,
      EntityReads reads) {
    return create(
        store,
        clock,
        ids,
        keyRing,
        validator,
        catalogue,
        listener,
        reads,
        PasswordHasher.standard(new SecureRandom()));
  }

  /**
   * @param reads answers GetUser and GetRole (the snapshot registry, which the listener keeps
   *     current, so that they need no store transaction)
   * @param hasher hashes console passwords
   */
  public static IamServices create(
      Store store,
      Clock clock,
      Ids ids,
      KeyRing keyRing,
      PolicyDocumentValidator validator,
      ManagedPolicyCatalogue catalogue,
      IamChangeListener listener,
      EntityReads reads,
      PasswordHasher hasher) {
    return new IamServices(
        new IamContext(store, clock, ids, keyRing, validator, catalogue, listener, reads, hasher));
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

  IamContext context() {
    return ctx;
  }
}
