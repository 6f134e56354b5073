package dev.gatehouse.core.sts;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.policy.MalformedPolicyException;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Issues temporary credentials: durations, chaining, session policies and tags, the sealed token.
 *
 * <p>spec: STS API Reference, AssumeRole, GetSessionToken, GetFederationToken.
 */
public final class SessionIssuer {
  /** Compiled once: String.matches compiles its pattern on every call. */
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

  private final Snapshots snapshots;
  private final SessionTokenSealer sealer;
  private final SecureRandom random;
  private final Clock clock;
  private final RoleGrants grants;

  public SessionIssuer(
      Snapshots snapshots, SessionTokenSealer sealer, SecureRandom random, Clock clock) {
    this(snapshots, sealer, random, clock, RoleGrants.none());
  }

  /**
   * @param grants the access grants a role may require: a session under one ends at the grant's end
   *     at the latest, its source identity is the requester and it carries the grant's id and
   *     reason as transitive session tags ({@link GrantSessions})
   */
  public SessionIssuer(
      Snapshots snapshots,
      SessionTokenSealer sealer,
      SecureRandom random,
      Clock clock,
      RoleGrants grants) {
    this.snapshots = snapshots;
    this.sealer = sealer;
    this.random = random;
    this.clock = clock;
    this.grants = grants;
  }

  /** Issued credentials: the claims, the sealed token and the packed-policy percentage. */
  public record Issued(SessionClaims claims, String token, int packedPolicySize) {}

  /**
   * The role a role ARN names, if it exists. {@code arn:aws:iam::ACCOUNT:role/PATH/NAME}: the name
   * is the last segment and the stored path must match.
   */
  public Optional<Role> role(String roleArn) {
    String[] parts = roleArn.split(":", 6);
    if (parts.length != 6
        || !parts[0].equals("arn")
        || !parts[2].equals("iam")
        || !ACCOUNT_ID.matcher(parts[4]).matches()
        || !parts[5].startsWith("role/")) {
      return Optional.empty();
    }
    String resource = parts[5];
    String name = resource.substring(resource.lastIndexOf('/') + 1);
    return snapshots.current(parts[4]).role(name).filter(r -> r.arn().equals(roleArn));
  }

  public Issued assumeRole(Principal caller, Role role, AssumeRoleRequest asked, MfaFacts mfa) {
    GrantSessions.refuseReservedTags(asked.tags());
    GrantCheck grant = grants.check(caller, role, clock.instant());
    if (grant instanceof GrantCheck.Missing missing) {
      throw new GatehouseException(ErrorCode.ACCESS_DENIED, missing.message());
    }
    AssumeRoleRequest in = GrantSessions.underGrant(asked, grant);
    CredentialSource source =
        caller instanceof Principal.Session
            ? CredentialSource.TEMPORARY
            : CredentialSource.LONG_TERM;
    Duration duration =
        in.duration().isPresent()
            ? DurationRules.assumeRole(in.duration().get(), role.maxSessionDuration(), source)
            : DurationRules.assumeRoleDefault();
    checkSessionPolicy(in.policies());
    SessionChain chain =
        caller instanceof Principal.Session session
            ? SessionChain.fromSession(
                session.claims(), in.sourceIdentity(), in.tags(), in.transitiveTagKeys())
            : SessionChain.fromLongTerm(
                caller.principalId(), in.sourceIdentity(), in.tags(), in.transitiveTagKeys());
    // A chained session keeps the MFA facts of the session it came from.
    MfaFacts facts =
        caller instanceof Principal.Session session && !mfa.isPresent()
            ? session.claims().mfa()
            : mfa;
    int packed = PackedPolicy.check(in.policies(), chain.tags(), chain.transitiveTagKeys());
    if (grant instanceof GrantCheck.Live live) {
      duration = GrantSessions.capped(duration, clock.instant(), live);
      grants.issuing(live);
    }
    return issue(
        role.accountId(),
        new SessionPrincipal.AssumedRole(role.arn(), role.id(), in.sessionName()),
        chain,
        duration,
        facts,
        in.policies(),
        packed);
  }

  /**
   * A role session for a caller an identity provider vouched for (AssumeRoleWithWebIdentity,
   * AssumeRoleWithSAML), once the trust policy allowed it: durations as for AssumeRole from
   * long-term credentials (up to the role's MaxSessionDuration), session policies, the provider's
   * session tags and source identity; no MFA. The chain starts at the federated caller.
   */
  public Issued assumeRoleFederated(Role role, FederatedAssumption federated) {
    AssumeRoleRequest in = federated.session();
    Duration duration =
        in.duration().isPresent()
            ? DurationRules.assumeRole(
                in.duration().get(), role.maxSessionDuration(), CredentialSource.LONG_TERM)
            : DurationRules.assumeRoleDefault();
    checkSessionPolicy(in.policies());
    SessionChain chain =
        SessionChain.fromLongTerm(
            federated.caller().principalId(),
            in.sourceIdentity(),
            in.tags(),
            in.transitiveTagKeys());
    int packed = PackedPolicy.check(in.policies(), chain.tags(), chain.transitiveTagKeys());
    return issue(
        role.accountId(),
        new SessionPrincipal.AssumedRole(role.arn(), role.id(), in.sessionName()),
        chain,
        duration,
        MfaFacts.absent(),
        in.policies(),
        packed);
  }

  public Issued sessionToken(Principal caller, SessionTokenRequest in, MfaFacts mfa) {
    if (caller instanceof Principal.Session) {
      throw new GatehouseException(
          ErrorCode.ACCESS_DENIED, "Cannot call GetSessionToken with session credentials");
    }
    boolean root = caller instanceof Principal.Root;
    Duration duration =
        in.duration().isPresent()
            ? DurationRules.getSessionToken(in.duration().get(), root)
            : DurationRules.getSessionTokenDefault(root);
    return issue(
        caller.accountId(),
        new SessionPrincipal.UserSession(caller.arn(), caller.principalId()),
        SessionChain.fromLongTerm(caller.principalId(), "", List.of(), List.of()),
        duration,
        mfa,
        SessionPolicies.none(),
        0);
  }

  public Issued federationToken(Principal caller, FederationTokenRequest in) {
    if (caller instanceof Principal.Session) {
      throw new GatehouseException(
          ErrorCode.ACCESS_DENIED, "Cannot call GetFederationToken with session credentials");
    }
    boolean root = caller instanceof Principal.Root;
    Duration duration =
        in.duration().isPresent()
            ? DurationRules.getFederationToken(in.duration().get(), root)
            : DurationRules.getFederationTokenDefault(root);
    GrantSessions.refuseReservedTags(in.tags());
    checkSessionPolicy(in.policies());
    SessionChain chain = SessionChain.fromLongTerm(caller.principalId(), "", in.tags(), List.of());
    int packed = PackedPolicy.check(in.policies(), chain.tags(), List.of());
    return issue(
        caller.accountId(),
        new SessionPrincipal.FederatedUser(caller.arn(), caller.principalId(), in.name()),
        chain,
        duration,
        MfaFacts.absent(),
        in.policies(),
        packed);
  }

  public Instant now() {
    return clock.instant();
  }

  private Issued issue(
      String accountId,
      SessionPrincipal principal,
      SessionChain chain,
      Duration duration,
      MfaFacts mfa,
      SessionPolicies policies,
      int packed) {
    SessionClaims claims =
        SessionClaims.issue(
            TemporaryCredentials.newSessionId(random),
            "aws",
            accountId,
            principal,
            chain,
            clock.instant(),
            duration,
            mfa,
            policies,
            TemporaryCredentials.generate(random));
    return new Issued(claims, sealer.seal(claims), packed);
  }

  /** An inline session policy must be a valid policy (MalformedPolicyDocument otherwise). */
  private static void checkSessionPolicy(SessionPolicies policies) {
    if (policies.inlinePolicy().isEmpty()) {
      return;
    }
    try {
      Policy.parse(policies.inlinePolicy(), PolicyKind.SESSION);
    } catch (MalformedPolicyException e) {
      throw new GatehouseException(ErrorCode.MALFORMED_POLICY_DOCUMENT, e.getMessage());
    }
  }
}
