package dev.gatehouse.core.authz;

import java.util.Objects;

/**
 * Who signed a request, as authentication established it.
 *
 * <p>spec: IAM User Guide, "AWS global condition context keys" (aws:PrincipalType, aws:userid,
 * aws:username) and CloudTrail "userIdentity element" (type, principalId).
 */
public sealed interface Principal {
  /** The 12-digit account the principal belongs to. */
  String accountId();

  /** The principal's ARN, e.g. {@code arn:aws:iam::123456789012:user/division/alice}. */
  String arn();

  /** {@code aws:userid}: the account id for the root user, the unique id (AIDA...) for users. */
  String principalId();

  /** {@code aws:PrincipalType}: Account, User, AssumedRole, FederatedUser. */
  String principalType();

  /** CloudTrail's userIdentity.type: Root, IAMUser, AssumedRole, FederatedUser. */
  String trailType();

  /** The account's root user. */
  record Root(String accountId) implements Principal {
    public Root {
      Objects.requireNonNull(accountId, "accountId");
    }

    @Override
    public String arn() {
      return "arn:aws:iam::" + accountId + ":root";
    }

    @Override
    public String principalId() {
      return accountId;
    }

    @Override
    public String principalType() {
      return "Account";
    }

    @Override
    public String trailType() {
      return "Root";
    }
  }

  /**
   * An IAM user.
   *
   * @param path the user's path, {@code /} or {@code /a/b/}
   * @param userId the unique id, {@code AIDA...}
   */
  record User(String accountId, String userName, String path, String userId) implements Principal {
    public User {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(userName, "userName");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String arn() {
      return "arn:aws:iam::" + accountId + ":user" + path + userName;
    }

    @Override
    public String principalId() {
      return userId;
    }

    @Override
    public String principalType() {
      return "User";
    }

    @Override
    public String trailType() {
      return "IAMUser";
    }
  }
}
