package dev.gatehouse.core.sts;

import dev.gatehouse.core.error.GatehouseException;
import java.time.Duration;

/**
 * How long temporary credentials live: AWS's DurationSeconds rules for AssumeRole, GetSessionToken
 * and GetFederationToken.
 *
 * <p>spec: STS API reference, AssumeRole / GetSessionToken / GetFederationToken, DurationSeconds;
 * AWS-FACTS 2.1.
 */
public final class DurationRules {

  /** Shortest session of every STS action: 15 minutes. */
  public static final int MIN_SECONDS = 900;

  /** AssumeRole's default and the role-chaining cap: one hour. */
  public static final int ONE_HOUR = 3600;

  /** Largest DurationSeconds the AssumeRole model allows (and largest MaxSessionDuration). */
  public static final int ASSUME_ROLE_MODEL_MAX = 43200;

  /** GetSessionToken / GetFederationToken default: 12 hours. */
  public static final int TOKEN_DEFAULT = 43200;

  /** GetSessionToken / GetFederationToken maximum: 36 hours. */
  public static final int TOKEN_MAX = 129600;

  /** A role's MaxSessionDuration when none was set. */
  public static final int DEFAULT_MAX_SESSION_DURATION = 3600;

  // spec: AWS's ValidationError texts for these two cases, as STS returns them (quoted in
  // aws/eks-anywhere#9485 and kreuzwerker/awsu#27).
  static final String CHAINING_MESSAGE =
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role"
          + " chaining.";
  static final String MAX_SESSION_MESSAGE =
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.";

  private DurationRules() {}

  /** AssumeRole without DurationSeconds: one hour, whatever the caller (within every cap). */
  public static Duration assumeRoleDefault() {
    return Duration.ofSeconds(ONE_HOUR);
  }

  /**
   * AssumeRole with DurationSeconds.
   *
   * <p>Checks, in order: the model range 900-43200; the role-chaining cap of one hour when the
   * caller signed with temporary credentials (AWS applies it to GetSessionToken credentials too:
   * "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role
   * chaining" is what such callers get, e.g. aws-vault#263); then the role's MaxSessionDuration.
   *
   * @param roleMaxSessionDuration the role's MaxSessionDuration (3600-43200)
   * @throws GatehouseException {@code ValidationError}
   */
  public static Duration assumeRole(
      int requestedSeconds, int roleMaxSessionDuration, CredentialSource caller) {
    StsValidator.create()
        .range("durationSeconds", requestedSeconds, MIN_SECONDS, ASSUME_ROLE_MODEL_MAX)
        .throwIfInvalid();
    if (caller == CredentialSource.TEMPORARY && requestedSeconds > ONE_HOUR) {
      throw GatehouseException.validation(CHAINING_MESSAGE);
    }
    if (requestedSeconds > roleMaxSessionDuration) {
      throw GatehouseException.validation(MAX_SESSION_MESSAGE);
    }
    return Duration.ofSeconds(requestedSeconds);
  }

  /**
   * GetSessionToken without DurationSeconds: 12 hours, one hour for the root user.
   *
   * @param root whether the caller is the account's root user
   */
  public static Duration getSessionTokenDefault(boolean root) {
    return Duration.ofSeconds(root ? ONE_HOUR : TOKEN_DEFAULT);
  }

  /**
   * GetSessionToken with DurationSeconds: 900-129600; for the root user anything above one hour
   * becomes one hour (spec: "If the duration is longer than one hour, the session for AWS account
   * owners defaults to one hour.").
   *
   * @throws GatehouseException {@code ValidationError} outside 900-129600
   */
  public static Duration getSessionToken(int requestedSeconds, boolean root) {
    return tokenDuration(requestedSeconds, root);
  }

  /** GetFederationToken without DurationSeconds: as {@link #getSessionTokenDefault}. */
  public static Duration getFederationTokenDefault(boolean root) {
    return getSessionTokenDefault(root);
  }

  /**
   * GetFederationToken with DurationSeconds: the same range and root rule as GetSessionToken.
   *
   * @throws GatehouseException {@code ValidationError} outside 900-129600
   */
  public static Duration getFederationToken(int requestedSeconds, boolean root) {
    return tokenDuration(requestedSeconds, root);
  }

  /**
   * The role's MaxSessionDuration when set on CreateRole/UpdateRole: 3600-43200.
   *
   * @throws GatehouseException {@code ValidationError}
   */
  public static int maxSessionDuration(int seconds) {
    StsValidator.create()
        .range("maxSessionDuration", seconds, ONE_HOUR, ASSUME_ROLE_MODEL_MAX)
        .throwIfInvalid();
    return seconds;
  }

  private static Duration tokenDuration(int requestedSeconds, boolean root) {
    StsValidator.create()
        .range("durationSeconds", requestedSeconds, MIN_SECONDS, TOKEN_MAX)
        .throwIfInvalid();
    return Duration.ofSeconds(root ? Math.min(requestedSeconds, ONE_HOUR) : requestedSeconds);
  }
}
