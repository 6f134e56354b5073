package dev.gatehouse.core.domain;

import java.util.Optional;

/**
 * An AWS principal of a trust policy ({@code "AWS": "..."}) that names one IAM user, role or role
 * session by ARN, or that could only be such a name and names nothing a policy may trust. These are
 * the values IAM resolves to unique ids when the policy is saved; every other value (an account,
 * {@code *}, a federated-user session, a unique id) is none of these.
 *
 * <p>spec: IAM User Guide, "AWS JSON policy elements: Principal": IAM users ({@code
 * arn:aws:iam::ACCOUNT:user/NAME}), IAM roles ({@code arn:aws:iam::ACCOUNT:role/NAME}) and
 * assumed-role sessions ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}); "You cannot
 * identify a user group as a principal in a policy".
 */
public sealed interface PrincipalArn {
  /** The ARN as written in the policy. */
  String arn();

  /** {@code arn:PARTITION:iam::ACCOUNT:user/PATH/NAME}. */
  record User(String arn, String accountId, String name) implements PrincipalArn {}

  /** {@code arn:PARTITION:iam::ACCOUNT:role/PATH/NAME}. */
  record Role(String arn, String accountId, String name) implements PrincipalArn {}

  /** {@code arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION}. */
  record RoleSession(String arn, String accountId, String roleName, String sessionName)
      implements PrincipalArn {}

  /** A user group or a malformed session ARN: never a principal. */
  record NotAPrincipal(String arn) implements PrincipalArn {}

  /** What {@code value} names, or empty when it is not an IAM user, role or session ARN. */
  static Optional<PrincipalArn> parse(String value) {
    if (!value.startsWith("arn:")) {
      return Optional.empty();
    }
    String[] p = value.split(":", 6);
    if (p.length != 6) {
      return Optional.empty();
    }
    String service = p[2];
    String account = p[4];
    String resource = p[5];
    if (service.equals("iam")) {
      if (resource.startsWith("user/")) {
        return Optional.of(new User(value, account, lastSegment(resource)));
      }
      if (resource.startsWith("role/")) {
        return Optional.of(new Role(value, account, lastSegment(resource)));
      }
      if (resource.startsWith("group/")) {
        return Optional.of(new NotAPrincipal(value));
      }
    } else if (service.equals("sts") && resource.startsWith("assumed-role/")) {
      String[] parts = resource.split("/", -1);
      if (parts.length == 3 && !parts[1].isEmpty() && !parts[2].isEmpty()) {
        return Optional.of(new RoleSession(value, account, parts[1], parts[2]));
      }
      return Optional.of(new NotAPrincipal(value));
    }
    return Optional.empty();
  }

  private static String lastSegment(String resource) {
    return resource.substring(resource.lastIndexOf('/') + 1);
  }
}
