package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.PrincipalArn;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.store.ReadTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The principals of a role's trust policy as IAM keeps them: users, roles and role sessions by
 * unique id.
 *
 * <p>spec: IAM User Guide, "AWS JSON policy elements: Principal", IAM user principals: "If your
 * Principal element in a role trust policy contains an ARN that points to a specific IAM user, then
 * IAM transforms the ARN to the user's unique principal ID when you save the policy ... there is
 * also a reverse transformation back to the user's ARN when the trust policy is displayed. However,
 * if you delete the user, then you break the relationship. The policy no longer applies, even if
 * you recreate the user ... the principal ID appears in resource-based policies because AWS can no
 * longer map it back to a valid ARN"; the same for IAM role principals.
 *
 * <p>Stored form: a user becomes its id ({@code AIDA...}), a role its id ({@code AROA...}), and an
 * assumed-role session {@code arn:aws:sts::A:assumed-role/R/S} becomes {@code AROA...:S}, the
 * session's {@code aws:userid}: AWS documents no transformation for sessions, and holding the role
 * by id is what keeps a recreated role of the same name from matching. Accounts, {@code *},
 * federated-user sessions and the other principal types are kept as written.
 */
final class TrustPrincipals {
  /** spec: AssumeRole RoleSessionName: 2-64 characters of {@code [\w+=,.@-]}. */
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

  private TrustPrincipals() {}

  /**
   * The stored form of a trust policy being written (CreateRole, UpdateAssumeRolePolicy), read in
   * the write's transaction. Principals of other accounts are resolved in their own account, which
   * must be one this store holds.
   *
   * @throws GatehouseException MalformedPolicyDocument {@code Invalid principal in policy:
   *     "AWS":"ARN"} for a user, role or session that does not exist, a user group, or a malformed
   *     session ARN
   */
  static String resolve(ReadTransaction tx, String document) {
    return PrincipalValues.rewrite(
        document,
        value ->
            PrincipalArn.parse(value)
                .map(p -> id(tx, p).orElseThrow(() -> invalid(value)))
                .orElse(value));
  }

  /** A principal of a stored trust policy that named no one, and the id now held in its place. */
  record Unresolved(String principal, String heldAs) {}

  /** A stored trust policy resolved at start-up, with the principals that named no one. */
  record Stored(String document, List<Unresolved> unresolved) {
    Stored {
      unresolved = List.copyOf(unresolved);
    }
  }

  /**
   * Resolves a trust policy stored before principals were resolved on write. A user, role or
   * session that does not exist has no id to resolve to: it gets a new id that no entity has, so
   * that it names no one, now or after a principal of that name is created (as the id of a deleted
   * principal names no one), and a later run finds nothing left to resolve. A user group or a
   * malformed session ARN, which can never name anyone, is left as written.
   *
   * @param ids draws the ids of principals that do not exist
   */
  static Stored resolveStored(ReadTransaction tx, String document, Ids ids) {
    List<Unresolved> unresolved = new ArrayList<>();
    String resolved =
        PrincipalValues.rewrite(
            document,
            value -> {
              Optional<PrincipalArn> arn = PrincipalArn.parse(value);
              if (arn.isEmpty()) {
                return value;
              }
              Optional<String> id = id(tx, arn.get());
              if (id.isPresent()) {
                return id.get();
              }
              String heldAs = placeholder(arn.get(), ids).orElse(value);
              unresolved.add(new Unresolved(value, heldAs));
              return heldAs;
            });
    return new Stored(resolved, unresolved);
  }

  /** An id no entity has, in the form {@code p} would have been resolved to. */
  private static Optional<String> placeholder(PrincipalArn p, Ids ids) {
    if (p instanceof PrincipalArn.User) {
      return Optional.of(ids.userId());
    }
    if (p instanceof PrincipalArn.Role) {
      return Optional.of(ids.roleId());
    }
    if (p instanceof PrincipalArn.RoleSession s
        && SESSION_NAME.matcher(s.sessionName()).matches()) {
      return Optional.of(ids.roleId() + ":" + s.sessionName());
    }
    return Optional.empty();
  }

  /**
   * A stored trust policy as IAM shows it: each id of a user or role that exists (in any account)
   * is its current ARN, each session id its session ARN under the role's current name; the id of a
   * deleted principal stays as it is.
   *
   * @param arnById the current ARN of the user or role with a unique id, in whichever account
   */
  static String render(String stored, Function<String, Optional<String>> arnById) {
    if (!stored.contains("\"AIDA") && !stored.contains("\"AROA")) {
      return stored;
    }
    return PrincipalValues.rewrite(
        stored,
        value -> {
          if (!value.startsWith("AIDA") && !value.startsWith("AROA")) {
            return value;
          }
          int colon = value.indexOf(':');
          if (colon < 0) {
            return arnById.apply(value).orElse(value);
          }
          return arnById
              .apply(value.substring(0, colon))
              .map(roleArn -> sessionArn(roleArn, value.substring(colon + 1)))
              .orElse(value);
        });
  }

  /**
   * The unique id (or session id) that {@code p} names, if the principal exists. The ARN must be
   * the entity's own, path included and compared exactly (spec: IAM user principals, "the user name
   * part of the ARN is case sensitive"), though IAM looks names up regardless of case.
   */
  private static Optional<String> id(ReadTransaction tx, PrincipalArn p) {
    if (p instanceof PrincipalArn.User u) {
      return hosted(tx, u.accountId())
          .flatMap(a -> tx.users().user(a, u.name()))
          .filter(user -> user.arn().equals(u.arn()))
          .map(User::id);
    }
    if (p instanceof PrincipalArn.Role r) {
      return hosted(tx, r.accountId())
          .flatMap(a -> tx.roles().role(a, r.name()))
          .filter(role -> role.arn().equals(r.arn()))
          .map(Role::id);
    }
    if (p instanceof PrincipalArn.RoleSession s
        && SESSION_NAME.matcher(s.sessionName()).matches()) {
      return hosted(tx, s.accountId())
          .flatMap(a -> tx.roles().role(a, s.roleName()))
          .filter(role -> sessionArn(role.arn(), s.sessionName()).equals(s.arn()))
          .map(role -> role.id() + ":" + s.sessionName());
    }
    return Optional.empty(); // a user group, a malformed or badly named session
  }

  /** The account when this store holds it. */
  private static Optional<String> hosted(ReadTransaction tx, String accountId) {
    return accountId.matches("[0-9]{12}") && tx.accounts().account(accountId).isPresent()
        ? Optional.of(accountId)
        : Optional.empty();
  }

  /**
   * {@code arn:aws:sts::A:assumed-role/NAME/SESSION} of a role ARN (the path is not part of it).
   */
  private static String sessionArn(String roleArn, String sessionName) {
    String[] p = roleArn.split(":", 6);
    String name = p[5].substring(p[5].lastIndexOf('/') + 1);
    return "arn:" + p[1] + ":sts::" + p[4] + ":assumed-role/" + name + "/" + sessionName;
  }

  /** spec: IAM's refusal of a principal it cannot resolve (DEVIATIONS P13: wording unconfirmed). */
  private static GatehouseException invalid(String value) {
    return new GatehouseException(
        ErrorCode.MALFORMED_POLICY_DOCUMENT,
        "Invalid principal in policy: \"AWS\":\"" + value + "\"");
  }
}
