package dev.gatehouse.core.domain;

import java.util.Optional;

/**
 * IAM ARN formats. spec: IAM User Guide reference_identifiers.md "IAM ARNs": {@code
 * arn:aws:iam::ACCOUNT:user/PATH/NAME} where the path includes its slashes.
 */
public final class Arns {
  /** The pseudo-account of AWS managed policies. */
  public static final String AWS_ACCOUNT = "aws";

  private static final String IAM_PREFIX = "arn:aws:iam::";

  private Arns() {}

  public static String user(String accountId, String path, String name) {
    return iam(accountId, "user", path, name);
  }

  public static String group(String accountId, String path, String name) {
    return iam(accountId, "group", path, name);
  }

  public static String role(String accountId, String path, String name) {
    return iam(accountId, "role", path, name);
  }

  public static String policy(String accountId, String path, String name) {
    return iam(accountId, "policy", path, name);
  }

  public static String instanceProfile(String accountId, String path, String name) {
    return iam(accountId, "instance-profile", path, name);
  }

  /**
   * An OpenID Connect provider: its URL without {@code https://} after the type (spec:
   * CreateOpenIDConnectProvider, Service Authorization Reference resource type {@code
   * oidc-provider}).
   */
  public static String oidcProvider(String accountId, String urlWithoutScheme) {
    return IAM_PREFIX + accountId + ":oidc-provider/" + urlWithoutScheme;
  }

  /** A SAML provider (spec: CreateSAMLProvider, resource type {@code saml-provider}). */
  public static String samlProvider(String accountId, String name) {
    return IAM_PREFIX + accountId + ":saml-provider/" + name;
  }

  /**
   * A server certificate (spec: UploadServerCertificate, resource type {@code server-certificate}).
   */
  public static String serverCertificate(String accountId, String path, String name) {
    return iam(accountId, "server-certificate", path, name);
  }

  /** The root user of an account. */
  public static String root(String accountId) {
    return IAM_PREFIX + accountId + ":root";
  }

  private static String iam(String accountId, String type, String path, String name) {
    return IAM_PREFIX + accountId + ":" + type + path + name;
  }

  /** A parsed IAM policy ARN, or empty when {@code arn} is not one. */
  public static Optional<PolicyArn> parsePolicy(String arn) {
    if (!arn.startsWith(IAM_PREFIX)) {
      return Optional.empty();
    }
    String rest = arn.substring(IAM_PREFIX.length());
    int colon = rest.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String account = rest.substring(0, colon);
    String resource = rest.substring(colon + 1);
    if (!resource.startsWith("policy/")) {
      return Optional.empty();
    }
    String pathAndName = resource.substring("policy".length());
    int lastSlash = pathAndName.lastIndexOf('/');
    String name = pathAndName.substring(lastSlash + 1);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PolicyArn(account, pathAndName.substring(0, lastSlash + 1), name));
  }

  /** The parts of {@code arn:aws:iam::ACCOUNT:policy/PATH/NAME}. */
  public record PolicyArn(String accountId, String path, String name) {
    public boolean isAwsManaged() {
      return AWS_ACCOUNT.equals(accountId);
    }
  }
}
