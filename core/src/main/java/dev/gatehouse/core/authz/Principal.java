package dev.gatehouse.core.authz;

import dev.gatehouse.core.sts.SessionClaims;
import dev.gatehouse.core.sts.SessionPrincipal;
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

  /** {@code aws:PrincipalArn}: the role ARN for a role session, else the principal's ARN. */
  default String principalArn() {
    return arn();
  }

  /**
   * The IAM entity whose identity policies, boundary and tags apply: the role for a role session,
   * the calling user for a federated-user or GetSessionToken session, else the principal itself.
   */
  default String policyHolderArn() {
    return arn();
  }

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
   * Nobody: an unsigned S3 request. Only a resource policy naming everyone ({@code "*"}) can allow
   * it; no identity policy applies. spec: CloudTrail S3 data events record anonymous callers with
   * userIdentity type {@code AWSAccount} and accountId {@code anonymous}.
   */
  record Anonymous() implements Principal {
    @Override
    public String accountId() {
      return "anonymous";
    }

    @Override
    public String arn() {
      return "anonymous";
    }

    @Override
    public String principalId() {
      return "";
    }

    @Override
    public String principalType() {
      return "Anonymous";
    }

    @Override
    public String trailType() {
      return "AWSAccount";
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

  /**
   * A caller signing with temporary credentials: the claims unsealed from the session token.
   *
   * <p>spec: IAM User Guide, "AWS global condition context keys" (aws:PrincipalArn is the role ARN
   * for a role session) and reference_identifiers.md (session ARNs and unique ids).
   */
  record Session(SessionClaims claims) implements Principal {
    public Session {
      Objects.requireNonNull(claims, "claims");
    }

    @Override
    public String accountId() {
      return claims.accountId();
    }

    @Override
    public String arn() {
      return claims.arn();
    }

    @Override
    public String principalId() {
      return claims.userId();
    }

    @Override
    public String principalType() {
      return claims.principalType();
    }

    @Override
    public String trailType() {
      SessionPrincipal p = claims.principal();
      if (p instanceof SessionPrincipal.UserSession u) {
        return u.isRoot() ? "Root" : "IAMUser";
      }
      return p.principalType();
    }

    @Override
    public String principalArn() {
      return claims.principalArn();
    }

    @Override
    public String policyHolderArn() {
      SessionPrincipal p = claims.principal();
      if (p instanceof SessionPrincipal.AssumedRole r) {
        return r.roleArn();
      }
      if (p instanceof SessionPrincipal.FederatedUser f) {
        return f.userArn();
      }
      return ((SessionPrincipal.UserSession) p).userArn();
    }
  }
}
