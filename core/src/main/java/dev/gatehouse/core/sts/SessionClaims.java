package dev.gatehouse.core.sts;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a temporary session carries: sealed into the session token at issue time and read back
 * on every request made with the temporary credentials (DESIGN.md decision 3).
 *
 * <p>Times have second precision (the MFA time included), as AWS's {@code Expiration} and {@code
 * aws:TokenIssueTime} do. The secret access key is part of the claims because SigV4 verification
 * needs it and the token is stateless; {@link #toString()} never shows it.
 *
 * @param sessionId unique id of this session, the handle for per-session revocation
 * @param partition the ARN partition, {@code aws}
 * @param accountId the 12-digit account the session belongs to
 * @param principal who the session acts as
 * @param originId unique id of the long-term principal at the root of the chain: the IAM user's
 *     {@code AIDA...} id or, for the root user, the account id. Revoking "sessions issued by a
 *     user" matches on it, including role sessions that user started (and their chains).
 * @param sourceIdentity the SourceIdentity, or the empty string when none was set (AWS requires at
 *     least two characters, so empty is unambiguous); it persists through role chaining
 * @param issuedAt when the session was issued ({@code aws:TokenIssueTime})
 * @param expiresAt when the credentials stop working; a request at this instant is expired
 * @param mfa whether MFA was used to create the session
 * @param policies the session policies
 * @param tags the session tags (after merging inherited transitive tags)
 * @param transitiveTagKeys keys of the tags that pass on to chained sessions
 * @param chainDepth 0 when issued from long-term credentials, n+1 when issued from a session of
 *     depth n (role chaining: AWS caps such sessions at one hour)
 * @param accessKeyId the temporary access key id ({@code ASIA...}); the token is bound to it
 * @param secretAccessKey the temporary secret access key
 */
public record SessionClaims(
    String sessionId,
    String partition,
    String accountId,
    SessionPrincipal principal,
    String originId,
    String sourceIdentity,
    Instant issuedAt,
    Instant expiresAt,
    MfaFacts mfa,
    SessionPolicies policies,
    List<SessionTag> tags,
    List<String> transitiveTagKeys,
    int chainDepth,
    String accessKeyId,
    String secretAccessKey) {

  /**
   * The session tag that carries the id of the access grant a session was issued under (transitive,
   * so chained sessions carry it too); only Gatehouse sets it.
   */
  public static final String GRANT_ID_TAG = "GatehouseGrantId";

  /** The session tag that carries the reason of the access grant a session was issued under. */
  public static final String GRANT_REASON_TAG = "GatehouseGrantReason";

  /** Largest chain depth a token can carry (it is encoded in one byte). */
  public static final int MAX_CHAIN_DEPTH = 255;

  public SessionClaims {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(originId, "originId");
    Objects.requireNonNull(sourceIdentity, "sourceIdentity");
    issuedAt = Objects.requireNonNull(issuedAt, "issuedAt").truncatedTo(ChronoUnit.SECONDS);
    expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.SECONDS);
    // The token keeps the MFA time in whole seconds too: claims must equal what unsealing gives.
    if (Objects.requireNonNull(mfa, "mfa") instanceof MfaFacts.Present p) {
      mfa = MfaFacts.present(p.authenticatedAt().truncatedTo(ChronoUnit.SECONDS));
    }
    Objects.requireNonNull(policies, "policies");
    tags = List.copyOf(tags);
    transitiveTagKeys = List.copyOf(transitiveTagKeys);
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    if (sessionId.isEmpty()) {
      throw new IllegalArgumentException("empty session id");
    }
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("session expires before it is issued");
    }
    if (chainDepth < 0 || chainDepth > MAX_CHAIN_DEPTH) {
      throw new IllegalArgumentException("chain depth out of range: " + chainDepth);
    }
    if (!accessKeyId.startsWith(TemporaryCredentials.ACCESS_KEY_PREFIX)) {
      throw new IllegalArgumentException("temporary access key ids start with ASIA");
    }
  }

  /**
   * The claims of a session issued now: times from {@code now} and {@code duration}, origin, depth,
   * source identity and tags from {@code chain} (see {@link SessionChain}).
   *
   * @param duration from {@link DurationRules}
   */
  public static SessionClaims issue(
      String sessionId,
      String partition,
      String accountId,
      SessionPrincipal principal,
      SessionChain chain,
      Instant now,
      Duration duration,
      MfaFacts mfa,
      SessionPolicies policies,
      TemporaryCredentials credentials) {
    Instant issued = now.truncatedTo(ChronoUnit.SECONDS);
    return new SessionClaims(
        sessionId,
        partition,
        accountId,
        principal,
        chain.originId(),
        chain.sourceIdentity(),
        issued,
        issued.plus(duration),
        mfa,
        policies,
        chain.tags(),
        chain.transitiveTagKeys(),
        chain.chainDepth(),
        credentials.accessKeyId(),
        credentials.secretAccessKey());
  }

  /**
   * The session's ARN as GetCallerIdentity returns it: {@code
   * arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION} (role path dropped), {@code
   * arn:aws:sts::ACCOUNT:federated-user/NAME}, or the user's own ARN for a GetSessionToken session.
   */
  public String arn() {
    return principal.sessionArn(partition, accountId);
  }

  /**
   * The caller's unique id ({@code aws:userid}, GetCallerIdentity {@code UserId}): {@code
   * AROA...:SESSION}, {@code ACCOUNT:NAME}, or the user's id.
   */
  public String userId() {
    return principal.userId(accountId);
  }

  /**
   * The value of {@code aws:PrincipalArn}: the role ARN (not the session ARN) for a role session.
   */
  public String principalArn() {
    return principal.principalArn(partition, accountId);
  }

  /** The value of {@code aws:PrincipalType}. */
  public String principalType() {
    return principal.principalType();
  }

  /** The value of {@code aws:TokenIssueTime}, ISO 8601 in UTC with second precision. */
  public String tokenIssueTime() {
    return DateTimeFormatter.ISO_INSTANT.format(issuedAt);
  }

  /** The SourceIdentity, when one was set. */
  public Optional<String> sourceIdentityIfSet() {
    return sourceIdentity.isEmpty() ? Optional.empty() : Optional.of(sourceIdentity);
  }

  /** Seconds since MFA authentication ({@code aws:MultiFactorAuthAge}), when MFA was used. */
  public Optional<Long> mfaAgeSeconds(Instant now) {
    return mfa.authTime().map(at -> Math.max(0L, now.getEpochSecond() - at.getEpochSecond()));
  }

  /** The id of the access grant this session was issued under, if any ({@link #GRANT_ID_TAG}). */
  public Optional<String> grantId() {
    for (SessionTag t : tags) {
      if (t.key().equalsIgnoreCase(GRANT_ID_TAG)) {
        return Optional.of(t.value());
      }
    }
    return Optional.empty();
  }

  /** True when the session was issued from another session's credentials (role chaining). */
  public boolean isChained() {
    return chainDepth > 0;
  }

  /** True at and after {@link #expiresAt()}. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** Lists every field except the secret access key. */
  @Override
  public String toString() {
    return "SessionClaims[sessionId="
        + sessionId
        + ", arn="
        + arn()
        + ", userId="
        + userId()
        + ", originId="
        + originId
        + ", sourceIdentity="
        + sourceIdentity
        + ", issuedAt="
        + issuedAt
        + ", expiresAt="
        + expiresAt
        + ", mfa="
        + mfa
        + ", policies="
        + policies
        + ", tags="
        + tags
        + ", transitiveTagKeys="
        + transitiveTagKeys
        + ", chainDepth="
        + chainDepth
        + ", accessKeyId="
        + accessKeyId
        + ", secretAccessKey=<redacted>]";
  }
}
