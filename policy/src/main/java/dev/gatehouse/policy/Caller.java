package dev.gatehouse.policy;

/** Who makes a request, as the evaluator needs to know it (spec: principal page, A5). */
public sealed interface Caller
    permits Caller.Anonymous,
        Caller.AccountRoot,
        Caller.IamUser,
        Caller.IamRole,
        Caller.RoleSession,
        Caller.FederatedUser,
        Caller.ServicePrincipal,
        Caller.FederatedPrincipal,
        Caller.CanonicalUser {

  /** The caller's account; empty for anonymous, service, federated and canonical callers. */
  String account();

  /** Unsigned request: matches only {@code "*"} (spec: principal page, anonymous). */
  record Anonymous() implements Caller {
    @Override
    public String account() {
      return "";
    }
  }

  /** The account root user {@code arn:aws:iam::A:root}. */
  record AccountRoot(String arn, String account) implements Caller {}

  /**
   * An IAM user.
   *
   * @param id its unique id ({@code AIDA...}), which a stored resource policy names it by; empty
   *     when unknown (then only its ARN names it)
   */
  record IamUser(String arn, String account, String name, String id) implements Caller {
    /** A user known by ARN only (simulations). */
    public IamUser(String arn, String account, String name) {
      this(arn, account, name, "");
    }
  }

  /**
   * An IAM role itself (not a session of it).
   *
   * @param id its unique id ({@code AROA...}); empty when unknown
   */
  record IamRole(String arn, String account, String name, String id) implements Caller {
    /** A role known by ARN only (simulations). */
    public IamRole(String arn, String account, String name) {
      this(arn, account, name, "");
    }
  }

  /**
   * An assumed-role session {@code arn:aws:sts::A:assumed-role/R/S}.
   *
   * @param roleId the role's unique id ({@code AROA...}); empty when unknown
   */
  record RoleSession(String arn, String account, String roleName, String sessionName, String roleId)
      implements Caller {
    /** A session known by ARN only (simulations). */
    public RoleSession(String arn, String account, String roleName, String sessionName) {
      this(arn, account, roleName, sessionName, "");
    }

    /** The role's ARN without path (the session ARN does not carry it). */
    public String roleArn() {
      String partition = arn.split(":", 3)[1];
      return "arn:" + partition + ":iam::" + account + ":role/" + roleName;
    }

    /**
     * {@code aws:userid} of the session, {@code AROA...:session}; empty when the role id is
     * unknown.
     */
    public String userId() {
      return roleId.isEmpty() ? "" : roleId + ":" + sessionName;
    }
  }

  /** A federated-user session {@code arn:aws:sts::A:federated-user/N}. */
  record FederatedUser(String arn, String account, String name) implements Caller {}

  /** An AWS service principal such as {@code ec2.amazonaws.com}. */
  record ServicePrincipal(String name) implements Caller {
    @Override
    public String account() {
      return "";
    }
  }

  /** A web identity or SAML provider ({@code accounts.google.com}, a provider ARN). */
  record FederatedPrincipal(String name) implements Caller {
    @Override
    public String account() {
      return "";
    }
  }

  /** An S3 canonical user id. */
  record CanonicalUser(String id) implements Caller {
    @Override
    public String account() {
      return "";
    }
  }

  /** Whether session policies apply (role and federated-user sessions, spec A9). */
  default boolean isSession() {
    return this instanceof RoleSession || this instanceof FederatedUser;
  }

  /**
   * Parses an ARN, {@code anonymous}, a 12-digit account (its root), a service or identity provider
   * name, or a canonical user id.
   *
   * @throws IllegalArgumentException for anything else
   */
  static Caller parse(String text) {
    if (text.equals("anonymous")) {
      return new Anonymous();
    }
    if (text.matches("[0-9]{12}")) {
      return new AccountRoot("arn:aws:iam::" + text + ":root", text);
    }
    if (text.matches("[0-9a-f]{64}")) {
      return new CanonicalUser(text);
    }
    if (!text.startsWith("arn:")) {
      if (text.equals("cognito-identity.amazonaws.com")
          || (!text.endsWith(".amazonaws.com") && text.contains("."))) {
        return new FederatedPrincipal(text);
      }
      if (text.endsWith(".amazonaws.com")) {
        return new ServicePrincipal(text);
      }
      throw new IllegalArgumentException("not a principal: " + text);
    }
    String[] p = text.split(":", 6);
    if (p.length != 6 || p[4].isEmpty()) {
      throw new IllegalArgumentException("not a principal ARN: " + text);
    }
    String account = p[4];
    String resource = p[5];
    if (p[2].equals("iam")) {
      if (resource.equals("root")) {
        return new AccountRoot(text, account);
      }
      if (resource.startsWith("user/")) {
        return new IamUser(text, account, lastSegment(resource));
      }
      if (resource.startsWith("role/")) {
        return new IamRole(text, account, lastSegment(resource));
      }
      if (resource.startsWith("saml-provider/") || resource.startsWith("oidc-provider/")) {
        return new FederatedPrincipal(text);
      }
    } else if (p[2].equals("sts")) {
      if (resource.startsWith("assumed-role/")) {
        String[] parts = resource.split("/", -1);
        if (parts.length == 3 && !parts[1].isEmpty() && !parts[2].isEmpty()) {
          return new RoleSession(text, account, parts[1], parts[2]);
        }
      } else if (resource.startsWith("federated-user/") && resource.length() > 15) {
        return new FederatedUser(text, account, resource.substring(15));
      }
    }
    throw new IllegalArgumentException("not a principal ARN: " + text);
  }

  private static String lastSegment(String resource) {
    return resource.substring(resource.lastIndexOf('/') + 1);
  }
}
