package dev.gatehouse.core.sts;

import java.util.Objects;

/**
 * Who a temporary session acts as: a role session, a federated user, or an IAM user's (or the root
 * user's) own session from GetSessionToken.
 *
 * <p>spec: IAM User Guide, reference_identifiers.md (ARNs and unique ids of sessions).
 */
public sealed interface SessionPrincipal
    permits SessionPrincipal.AssumedRole,
        SessionPrincipal.FederatedUser,
        SessionPrincipal.UserSession {

  /** The session's ARN as GetCallerIdentity returns it. */
  String sessionArn(String partition, String accountId);

  /** The caller's unique id ({@code aws:userid}, GetCallerIdentity {@code UserId}). */
  String userId(String accountId);

  /** The value of {@code aws:PrincipalArn}. */
  String principalArn(String partition, String accountId);

  /** The value of {@code aws:PrincipalType}. */
  String principalType();

  /**
   * A role session from AssumeRole.
   *
   * @param roleArn the role's ARN, path included ({@code arn:aws:iam::A:role/path/Name})
   * @param roleId the role's unique id ({@code AROA...})
   * @param sessionName the RoleSessionName
   */
  record AssumedRole(String roleArn, String roleId, String sessionName)
      implements SessionPrincipal {
    public AssumedRole {
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(roleId, "roleId");
      Objects.requireNonNull(sessionName, "sessionName");
      if (!roleArn.contains(":role/")) {
        throw new IllegalArgumentException("not a role ARN: " + roleArn);
      }
    }

    /** The role's name without its path: the session ARN drops the path. */
    public String roleName() {
      return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }

    @Override
    public String sessionArn(String partition, String accountId) {
      return "arn:"
          + partition
          + ":sts::"
          + accountId
          + ":assumed-role/"
          + roleName()
          + "/"
          + sessionName;
    }

    @Override
    public String userId(String accountId) {
      return roleId + ":" + sessionName;
    }

    /** The role ARN, not the session ARN (POLICY-SEMANTICS G). */
    @Override
    public String principalArn(String partition, String accountId) {
      return roleArn;
    }

    @Override
    public String principalType() {
      return "AssumedRole";
    }
  }

  /**
   * A federated-user session from GetFederationToken.
   *
   * @param userArn the ARN of the IAM user whose long-term keys called GetFederationToken
   * @param userId that user's unique id ({@code AIDA...})
   * @param name the Name parameter (the federated user's name)
   */
  record FederatedUser(String userArn, String userId, String name) implements SessionPrincipal {
    public FederatedUser {
      Objects.requireNonNull(userArn, "userArn");
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String sessionArn(String partition, String accountId) {
      return "arn:" + partition + ":sts::" + accountId + ":federated-user/" + name;
    }

    @Override
    public String userId(String accountId) {
      return accountId + ":" + name;
    }

    @Override
    public String principalArn(String partition, String accountId) {
      return sessionArn(partition, accountId);
    }

    @Override
    public String principalType() {
      return "FederatedUser";
    }
  }

  /**
   * An IAM user's or the root user's session from GetSessionToken: it acts as that user.
   *
   * @param userArn the user's ARN, or {@code arn:aws:iam::A:root} for the root user
   * @param userId the user's unique id ({@code AIDA...}), or the account id for the root user
   */
  record UserSession(String userArn, String userId) implements SessionPrincipal {
    public UserSession {
      Objects.requireNonNull(userArn, "userArn");
      Objects.requireNonNull(userId, "userId");
    }

    /** True when the session belongs to the account's root user. */
    public boolean isRoot() {
      return userArn.endsWith(":root");
    }

    @Override
    public String sessionArn(String partition, String accountId) {
      return userArn;
    }

    @Override
    public String userId(String accountId) {
      return userId;
    }

    @Override
    public String principalArn(String partition, String accountId) {
      return userArn;
    }

    @Override
    public String principalType() {
      return isRoot() ? "Account" : "User";
    }
  }
}
