package dev.gatehouse.policy;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A compiled {@code Principal} / {@code NotPrincipal} set (spec: principal page, D1-D2).
 *
 * <p>Besides ARNs and accounts, an AWS principal may be a unique id: a user ({@code AIDA...}), a
 * role ({@code AROA...}) or a role session ({@code AROA...:session}, the session's {@code
 * aws:userid}). spec: principal page, "IAM user principals" and "IAM role principals": IAM
 * transforms the ARN of a user or role in a trust policy to its unique principal ID when the policy
 * is saved; an ID whose entity was deleted matches no one, not even a new entity of the same name.
 * Only callers that carry their unique id are named this way.
 */
final class PrincipalMatcher {
  /**
   * A stored unique id of a user or role, or of a role session. spec: reference_identifiers, unique
   * IDs (prefix and upper-case letters and digits); AssumeRole RoleSessionName pattern.
   */
  private static final Pattern UNIQUE_ID =
      Pattern.compile("(AIDA|AROA)[A-Z0-9]{16,}|AROA[A-Z0-9]{16,}:[\\w+=,.@-]{2,64}");

  /** How a caller was named, weakest first; decides what limits still apply (spec A5). */
  enum Match {
    /** Not named. */
    NONE,
    /** Through its account ({@code 123456789012} or {@code :root}): delegates to the account. */
    ACCOUNT,
    /** A session through its role's ARN: the boundary and session policy still limit it. */
    ROLE,
    /**
     * Everyone ({@code "*"}): the caller's permissions boundary still limits it [inf]. AWS says a
     * grant naming the caller's own ARN escapes the boundary and is silent on {@code "*"}; the
     * reading that grants less is taken (DEVIATIONS P1).
     */
    EVERYONE,
    /** The caller itself: not limited by identity-side policies. */
    DIRECT
  }

  private boolean everyone;
  private final Set<String> accounts = new HashSet<>();
  private final Set<String> arns = new HashSet<>();
  private final Set<String> roles = new HashSet<>();
  private final Set<String> names = new HashSet<>();
  private final Set<String> ids = new HashSet<>();

  PrincipalMatcher(PrincipalSet set) {
    if (set instanceof PrincipalSet.Named n) {
      for (PrincipalSet.Entry entry : n.entries()) {
        for (String v : entry.values()) {
          add(entry.type(), v);
        }
      }
    } else {
      everyone = true;
    }
  }

  private void add(PrincipalType type, String v) {
    if (type != PrincipalType.AWS) {
      names.add(type.name() + " " + v);
      return;
    }
    if (v.equals("*")) {
      everyone = true;
    } else if (v.matches("[0-9]{12}")) {
      accounts.add(v);
    } else if (isUniqueId(v)) {
      ids.add(v);
    } else {
      String[] p = v.split(":", 6);
      if (p.length == 6 && p[2].equals("iam") && p[5].equals("root")) {
        accounts.add(p[4]);
      } else if (p.length == 6 && p[2].equals("iam") && p[5].startsWith("role/")) {
        roles.add(p[4] + "/" + p[5].substring(p[5].lastIndexOf('/') + 1));
        arns.add(v);
      } else {
        arns.add(v);
      }
    }
  }

  /** Whether an AWS principal value is a unique id (as stored trust policies name principals). */
  static boolean isUniqueId(String v) {
    return UNIQUE_ID.matcher(v).matches();
  }

  /** The strongest way this set names {@code caller}. */
  Match match(Caller caller) {
    Match named = byEntries(caller);
    // "*" beside the caller's own ARN leaves the stronger naming: the caller is still named
    // directly.
    return everyone && named.compareTo(Match.EVERYONE) < 0 ? Match.EVERYONE : named;
  }

  /** How the set's entries other than {@code "*"} name {@code caller}. */
  private Match byEntries(Caller caller) {
    if (caller instanceof Caller.AccountRoot r) {
      return account(r.account());
    } else if (caller instanceof Caller.IamUser u) {
      return arns.contains(u.arn()) || hasId(u.id()) ? Match.DIRECT : account(u.account());
    } else if (caller instanceof Caller.IamRole r) {
      return namesRole(r.account(), r.name(), r.id()) || arns.contains(r.arn())
          ? Match.DIRECT
          : account(r.account());
    } else if (caller instanceof Caller.RoleSession s) {
      if (namesSession(s)) {
        return Match.DIRECT;
      }
      return namesRole(s.account(), s.roleName(), s.roleId()) ? Match.ROLE : account(s.account());
    } else if (caller instanceof Caller.FederatedUser f) {
      return direct(f.arn(), f.account());
    } else if (caller instanceof Caller.ServicePrincipal s) {
      return named(PrincipalType.SERVICE, s.name());
    } else if (caller instanceof Caller.FederatedPrincipal f) {
      return named(PrincipalType.FEDERATED, f.name());
    } else if (caller instanceof Caller.CanonicalUser c) {
      return named(PrincipalType.CANONICAL_USER, c.id());
    }
    return Match.NONE; // anonymous: only "*" names it
  }

  /**
   * Whether {@code NotPrincipal} excludes {@code caller}: every form AWS may evaluate (account,
   * role, session or user) must be listed [inf] (spec: notprincipal page, "include the account ARN
   * ... and the role ARN").
   */
  boolean excludes(Caller caller) {
    if (everyone) {
      return true;
    }
    if (caller instanceof Caller.AccountRoot r) {
      return accounts.contains(r.account());
    } else if (caller instanceof Caller.IamUser u) {
      return (arns.contains(u.arn()) || hasId(u.id())) && accounts.contains(u.account());
    } else if (caller instanceof Caller.IamRole r) {
      return namesRole(r.account(), r.name(), r.id()) && accounts.contains(r.account());
    } else if (caller instanceof Caller.RoleSession s) {
      return namesSession(s)
          && namesRole(s.account(), s.roleName(), s.roleId())
          && accounts.contains(s.account());
    } else if (caller instanceof Caller.FederatedUser f) {
      return arns.contains(f.arn()) && accounts.contains(f.account());
    } else if (caller instanceof Caller.Anonymous) {
      return false;
    }
    return match(caller) == Match.DIRECT;
  }

  /** A role by ARN (path ignored: a session ARN has none) or by its unique id. */
  private boolean namesRole(String account, String name, String id) {
    return roles.contains(account + "/" + name) || hasId(id);
  }

  /** A role session by ARN or by its {@code aws:userid} ({@code AROA...:session}). */
  private boolean namesSession(Caller.RoleSession s) {
    return arns.contains(s.arn()) || hasId(s.userId());
  }

  /** INVARIANT: an unknown (empty) id names no one. */
  private boolean hasId(String id) {
    return !id.isEmpty() && ids.contains(id);
  }

  private Match direct(String arn, String account) {
    return arns.contains(arn) ? Match.DIRECT : account(account);
  }

  private Match account(String account) {
    return accounts.contains(account) ? Match.ACCOUNT : Match.NONE;
  }

  private Match named(PrincipalType type, String name) {
    return names.contains(type.name() + " " + name) ? Match.DIRECT : Match.NONE;
  }
}
