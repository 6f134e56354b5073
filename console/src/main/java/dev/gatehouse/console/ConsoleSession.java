package dev.gatehouse.console;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.sts.MfaFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One browser's console session, kept in server memory only (the cookie carries its random id).
 * Holds the CSRF token, the signed-in identity, the role session of Switch Role (its credentials
 * never leave the server), the recently used roles and the next flash message.
 */
public final class ConsoleSession {
  /** Roles offered again in the identity menu. */
  static final int RECENT_ROLES = 5;

  private final String id;
  private final String csrfToken;
  private Instant lastSeen;
  private Optional<Identity> identity = Optional.empty();
  private Optional<Pending> pending = Optional.empty();
  private Optional<RoleSession> role = Optional.empty();
  private final List<RoleChoice> recent = new ArrayList<>();
  private Optional<Flash> flash = Optional.empty();

  /**
   * The signed-in identity.
   *
   * @param accountLabel what the header shows for the account (the alias typed, else the id)
   * @param mfa whether the sign-in used an MFA code, and when
   */
  public record Identity(Principal principal, String accountLabel, MfaFacts mfa) {
    public Identity {
      Objects.requireNonNull(principal);
      Objects.requireNonNull(accountLabel);
      Objects.requireNonNull(mfa);
    }

    /** {@code Stuart} or {@code root user}. */
    public String displayName() {
      return principal instanceof Principal.User u ? u.userName() : "root user";
    }
  }

  /** A sign-in that still needs an MFA code or a new password. */
  record Pending(
      String accountId,
      Optional<String> userName,
      String accountLabel,
      Stage stage,
      boolean resetRequired,
      MfaFacts mfa,
      int failures) {
    enum Stage {
      MFA,
      NEW_PASSWORD
    }
  }

  /** A role as the Switch Role form names it (also a recent-role entry). */
  public record RoleChoice(String accountId, String roleName, String displayName, String color) {
    public RoleChoice {
      Objects.requireNonNull(accountId);
      Objects.requireNonNull(roleName);
      Objects.requireNonNull(displayName);
      Objects.requireNonNull(color);
    }
  }

  /**
   * The credentials of the current role session (the token is opened again on every request).
   *
   * @param grantEnd the end of the access grant the session was issued under, when it has one
   */
  record RoleSession(
      RoleChoice choice,
      String accessKeyId,
      String sessionToken,
      String arn,
      Optional<Instant> grantEnd) {
    RoleSession(RoleChoice choice, String accessKeyId, String sessionToken, String arn) {
      this(choice, accessKeyId, sessionToken, arn, Optional.empty());
    }
  }

  /** A message shown once on the next page. */
  public record Flash(Kind kind, String text) {
    /** How the message is shown. */
    public enum Kind {
      SUCCESS,
      ERROR,
      INFO
    }
  }

  ConsoleSession(String id, String csrfToken, Instant now) {
    this.id = id;
    this.csrfToken = csrfToken;
    this.lastSeen = now;
  }

  String id() {
    return id;
  }

  /** The token every form of this session carries. */
  public String csrfToken() {
    return csrfToken;
  }

  synchronized Instant lastSeen() {
    return lastSeen;
  }

  synchronized void touch(Instant now) {
    lastSeen = now;
  }

  public synchronized Optional<Identity> identity() {
    return identity;
  }

  synchronized void signedIn(Identity who) {
    identity = Optional.of(who);
    pending = Optional.empty();
    role = Optional.empty();
  }

  synchronized Optional<Pending> pending() {
    return pending;
  }

  synchronized void pending(Optional<Pending> next) {
    pending = next;
  }

  synchronized Optional<RoleSession> role() {
    return role;
  }

  /** Enters role mode and remembers the role (most recent first, at most five). */
  synchronized void switched(RoleSession session) {
    role = Optional.of(session);
    RoleChoice c = session.choice();
    recent.removeIf(r -> r.accountId().equals(c.accountId()) && r.roleName().equals(c.roleName()));
    recent.add(0, c);
    while (recent.size() > RECENT_ROLES) {
      recent.remove(recent.size() - 1);
    }
  }

  synchronized void switchBack() {
    role = Optional.empty();
  }

  public synchronized List<RoleChoice> recentRoles() {
    return List.copyOf(recent);
  }

  public synchronized void flash(Flash.Kind kind, String text) {
    flash = Optional.of(new Flash(kind, text));
  }

  /** The pending message, once. */
  synchronized Optional<Flash> takeFlash() {
    Optional<Flash> f = flash;
    flash = Optional.empty();
    return f;
  }
}
