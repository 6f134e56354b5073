package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Caller;
import dev.gatehouse.api.InProcessCalls;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.error.GatehouseException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the access-grant screens call Gatehouse's access-grant actions (DESIGN.md decision 12), and
 * read their answers. Every call is the {@code gatehouse} API action an SDK would send, through
 * {@link InProcessCalls}: authorized by IAM and audited as the person signed in.
 *
 * <p>Requests, the requester's own list and giving a grant back are the signed-in identity's (only
 * IAM users request access, as Switch Role also starts from the identity); deciding a request is
 * whoever acts now (approvers may be roles). Both carry the sign-in's MFA facts, which the request
 * policy's MFA conditions read.
 */
final class GrantCalls {
  private GrantCalls() {}

  /** The signing name of Gatehouse's own API. */
  static final String API = "gatehouse";

  /** A grant action as the signed-in identity, with its sign-in's MFA facts. */
  static ObjectNode asIdentity(Visit v, String action, Map<String, String> params) {
    ConsoleSession.Identity identity = v.actor().identity();
    Caller caller = new Caller(identity.principal(), "", Acting.REGION, API, identity.mfa());
    ConsoleRequest r = v.request();
    InProcessCalls.Origin origin =
        new InProcessCalls.Origin(
            r.sourceIp(),
            r.secure(),
            Acting.USER_AGENT,
            Acting.signInKeys(identity.mfa(), v.console().clock().instant()));
    return v.console().calls().call(API, action, params, caller, origin);
  }

  /**
   * A grant action as who acts now: the role session of Switch Role (its token carries its MFA
   * facts), else the identity with its sign-in's.
   */
  static ObjectNode asActor(Visit v, String action, Map<String, String> params) {
    return v.actor().inRole() ? v.call(API, action, params) : asIdentity(v, action, params);
  }

  /** The requests of a ListAccessRequests answer. */
  static List<JsonNode> requests(ObjectNode listed) {
    List<JsonNode> out = new ArrayList<>();
    listed.path("accessRequests").forEach(out::add);
    return out;
  }

  /** Whether IAM allows who acts now {@code action} on the role (a check only: no call is made). */
  static boolean allows(Visit v, String action, String roleArn) {
    Actor a = v.actor();
    try {
      v.console().calls().check(a.caller(), action, new Target.Arn(roleArn), a.origin());
      return true;
    } catch (GatehouseException e) {
      return false;
    }
  }

  /** The signed-in identity's requests (ListAccessRequests with Requester, as the identity). */
  static List<JsonNode> mine(Visit v, Map<String, String> filter) {
    Map<String, String> params = new LinkedHashMap<>(filter);
    params.put("Requester", v.actor().identity().principal().arn());
    return requests(asIdentity(v, "ListAccessRequests", params));
  }

  /**
   * The request policy of a role (GetRoleRequestPolicy as the identity): empty when the role has
   * none, or when the identity may not read it.
   */
  static Optional<JsonNode> policy(Visit v, String roleName) {
    try {
      return Optional.of(
          asIdentity(v, "GetRoleRequestPolicy", Map.of("RoleName", baseName(roleName)))
              .path("requestPolicy"));
    } catch (GatehouseException e) {
      return Optional.empty();
    }
  }

  /** When the identity's live grant {@code grantId} ends, if the API lets the identity read it. */
  static Optional<Instant> grantEnd(Visit v, String roleArn, String grantId) {
    try {
      for (JsonNode r : mine(v, Map.of("RoleArn", roleArn, "Status", "ACTIVE"))) {
        JsonNode g = r.path("grant");
        if (g.path("grantId").asText().equals(grantId)) {
          return instant(g.path("endTime").asText());
        }
      }
    } catch (GatehouseException e) {
      // Not allowed to list: the header falls back to the session's own end.
    }
    return Optional.empty();
  }

  /** An ISO 8601 time of an answer. */
  static Optional<Instant> instant(String text) {
    try {
      return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A role's name with its path, from its ARN ({@code ops/RoleX}). */
  static String roleName(String roleArn) {
    int at = roleArn.indexOf(":role/");
    return at < 0 ? roleArn : roleArn.substring(at + ":role/".length());
  }

  /** The account of an ARN. */
  static String account(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length > 4 ? parts[4] : "";
  }

  /** A role's name without its path (the RoleName IAM's actions take). */
  static String baseName(String roleName) {
    return roleName.substring(roleName.lastIndexOf('/') + 1);
  }

  /** The user name of a user ARN, or the ARN itself. */
  static String shortName(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  /** A duration as people read it: {@code 2 h}, {@code 1 h 30 min}, {@code 3 d 4 h}. */
  static String duration(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 1) {
      return "less than 1 min";
    }
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    long mins = minutes % 60;
    List<String> parts = new ArrayList<>();
    if (days > 0) {
      parts.add(days + " d");
    }
    if (hours > 0) {
      parts.add(hours + " h");
    }
    if (mins > 0 && days == 0) {
      parts.add(mins + " min");
    }
    return String.join(" ", parts);
  }

  /** Seconds as {@link #duration(Duration)}. */
  static String seconds(long seconds) {
    return duration(Duration.ofSeconds(seconds));
  }

  /** The time left until {@code end}, or "ended". */
  static String left(Instant now, Instant end) {
    return now.isBefore(end) ? duration(Duration.between(now, end)) + " left" : "ended";
  }

  /** The console path of the Request access form of a role (its name with its path). */
  static String requestPath(String roleName) {
    return RequestAccessPage.PATH + "?role=" + Visit.segment(roleName);
  }
}
