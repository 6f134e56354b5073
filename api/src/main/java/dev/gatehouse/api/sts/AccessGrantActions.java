package dev.gatehouse.api.sts;

import dev.gatehouse.api.ApiRoute;
import dev.gatehouse.api.Caller;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Operation.Aim;
import dev.gatehouse.api.QueryParameters;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.grants.AccessDecision;
import dev.gatehouse.core.grants.AccessGrant;
import dev.gatehouse.core.grants.AccessGrants;
import dev.gatehouse.core.grants.AccessRequest;
import dev.gatehouse.core.grants.GrantActor;
import dev.gatehouse.core.grants.GrantAuthorizer;
import dev.gatehouse.core.grants.RequestFilter;
import dev.gatehouse.core.grants.RequestPolicy;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.Page;
import dev.gatehouse.core.iam.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Gatehouse's access-grant actions (DESIGN.md decision 12) on the same Query route as {@link
 * RevocationApi} (signing service {@code gatehouse}), each authorized by IAM as {@code
 * gatehouse:ACTION} on the role's ARN (CreateAccessRequest as {@code gatehouse:RequestAccess}:
 * {@link GrantAuthorizer}) and audited like every call. The rules (approvers, quorum,
 * break-glass...) are core's {@link AccessGrants}.
 */
public final class AccessGrantActions {
  private final AccessGrants grants;
  private final IamServices iam;
  private final Function<String, Optional<Role>> roleByArn;

  /**
   * @param roleByArn the role an ARN names (STS's lookup)
   */
  public AccessGrantActions(
      AccessGrants grants, IamServices iam, Function<String, Optional<Role>> roleByArn) {
    this.grants = grants;
    this.iam = iam;
    this.roleByArn = roleByArn;
  }

  /** {@code route} with these actions added to its table. */
  public ApiRoute addTo(ApiRoute route) {
    return route.with(operations(), new GrantAuthorizer(route.authorizer()));
  }

  record Create(
      String roleArn,
      Duration duration,
      String reason,
      String ticket,
      Optional<Instant> startTime) {}

  record Decide(String requestId, String comment) {}

  /** ListAccessRequests: its filter and page (MaxItems 1-1000, default 100; Marker). */
  record Listing(RequestFilter filter, PageRequest page) {}

  record OnGrant(String grantId, String comment, Optional<Duration> more) {}

  record PutPolicy(String roleName, RequestPolicy.Terms terms) {}

  /** The action table. */
  public List<Operation<?, ?>> operations() {
    return List.of(
        new Operation<>(
            "CreateAccessRequest",
            p ->
                new Create(
                    required(p, "RoleArn"),
                    Duration.ofSeconds(p.integer("DurationSeconds").orElse(3600)),
                    p.get("Reason").orElse(""),
                    p.get("TicketId").orElse(""),
                    time(p, "StartTime")),
            (caller, in) -> Aim.of(new Target.Arn(in.roleArn())),
            (caller, in) ->
                grants.request(
                    actor(caller),
                    role(caller, in.roleArn()),
                    in.duration(),
                    in.reason(),
                    in.ticket(),
                    in.startTime()),
            (r, out) -> request(out.start("AccessRequest"), r, List.of()).end()),
        new Operation<>(
            "ApproveAccessRequest",
            p -> new Decide(required(p, "AccessRequestId"), p.get("Comment").orElse("")),
            (caller, in) -> Aim.of(requestTarget(caller, in.requestId())),
            (caller, in) ->
                grants.approve(actor(caller), account(caller), in.requestId(), in.comment()),
            (d, out) -> request(out.start("AccessRequest"), d.request(), d.history()).end()),
        new Operation<>(
            "DenyAccessRequest",
            p -> new Decide(required(p, "AccessRequestId"), p.get("Comment").orElse("")),
            (caller, in) -> Aim.of(requestTarget(caller, in.requestId())),
            (caller, in) ->
                grants.deny(actor(caller), account(caller), in.requestId(), in.comment()),
            (r, out) -> request(out.start("AccessRequest"), r, List.of()).end()),
        new Operation<>(
            "GetAccessRequest",
            p -> required(p, "AccessRequestId"),
            (caller, id) -> Aim.of(requestTarget(caller, id)),
            (caller, id) -> grants.get(account(caller), id),
            (d, out) -> request(out.start("AccessRequest"), d.request(), d.history()).end()),
        new Operation<>(
            "ListAccessRequests",
            p ->
                new Listing(
                    filter(p),
                    PageRequest.parse(p.get("Marker").orElse(""), p.get("MaxItems").orElse(""))),
            (caller, in) -> Aim.of(new Target.Any()),
            (caller, in) ->
                Page.slice(
                    grants.list(account(caller), in.filter()),
                    AccessGrantActions::listOrder,
                    in.page()),
            (page, out) -> {
              out.startList("AccessRequests");
              for (AccessGrants.Detail d : page.items()) {
                request(out.member(), d.request(), d.history()).end();
              }
              out.end();
              out.field("IsTruncated", page.isTruncated());
              page.marker().ifPresent(m -> out.field("Marker", m));
            }),
        new Operation<>(
            "RevokeAccessGrant",
            p -> new OnGrant(required(p, "GrantId"), p.get("Comment").orElse(""), Optional.empty()),
            (caller, in) -> Aim.of(grantTarget(caller, in.grantId())),
            (caller, in) ->
                grants.revoke(actor(caller), account(caller), in.grantId(), in.comment()),
            (r, out) -> request(out.start("AccessRequest"), r, List.of()).end()),
        new Operation<>(
            "ReleaseAccessGrant",
            p -> new OnGrant(required(p, "GrantId"), "", Optional.empty()),
            (caller, in) -> Aim.of(grantTarget(caller, in.grantId())),
            (caller, in) -> grants.release(actor(caller), account(caller), in.grantId()),
            (r, out) -> request(out.start("AccessRequest"), r, List.of()).end()),
        new Operation<>(
            "ExtendAccessGrant",
            p ->
                new OnGrant(
                    required(p, "GrantId"),
                    p.get("Comment").orElse(""),
                    Optional.of(
                        Duration.ofSeconds(
                            p.integer("DurationSeconds")
                                .orElseThrow(() -> missing("DurationSeconds"))))),
            (caller, in) -> Aim.of(grantTarget(caller, in.grantId())),
            (caller, in) ->
                grants.extend(
                    actor(caller),
                    account(caller),
                    in.grantId(),
                    in.more().orElseThrow(),
                    in.comment()),
            (r, out) -> request(out.start("AccessRequest"), r, List.of()).end()),
        new Operation<>(
            "PutRoleRequestPolicy",
            p -> new PutPolicy(required(p, "RoleName"), terms(p)),
            (caller, in) -> Aim.of(roleTarget(caller, in.roleName())),
            (caller, in) -> grants.putPolicy(roleNamed(caller, in.roleName()), in.terms()),
            (p, out) -> policy(out.start("RequestPolicy"), p).end()),
        new Operation<>(
            "GetRoleRequestPolicy",
            p -> required(p, "RoleName"),
            (caller, name) -> Aim.of(roleTarget(caller, name)),
            (caller, name) -> grants.policy(roleNamed(caller, name)),
            (p, out) -> policy(out.start("RequestPolicy"), p).end()),
        new Operation<>(
            "DeleteRoleRequestPolicy",
            p -> required(p, "RoleName"),
            (caller, name) -> Aim.of(roleTarget(caller, name)),
            (caller, name) -> {
              grants.deletePolicy(roleNamed(caller, name));
              return Boolean.TRUE;
            },
            Operation.noResult()));
  }

  /** Oldest first, as the store lists them: creation time, then id. */
  private static String listOrder(AccessGrants.Detail d) {
    return String.format(
        Locale.ROOT, "%019d %s", d.request().createdAt().toEpochMilli(), d.request().id());
  }

  private Shape request(Shape out, AccessRequest r, List<AccessDecision> history) {
    Instant now = grants.now();
    out.field("AccessRequestId", r.id())
        .field("RoleArn", r.roleArn())
        .field("Requester", r.requesterArn())
        .field("Reason", r.reason())
        .field("TicketId", r.ticket())
        .field("DurationSeconds", r.duration().toSeconds())
        .field("CreateDate", r.createdAt())
        .field("Status", r.phaseAt(now).name())
        .field("Quorum", r.quorum())
        .field("SingleUse", r.singleUse())
        .field("BreakGlass", r.breakGlass());
    r.notBefore().ifPresent(t -> out.field("StartTime", t));
    if (r.grant().isPresent()) {
      AccessGrant g = r.grant().get();
      out.start("Grant")
          .field("GrantId", g.id())
          .field("StartTime", g.start())
          .field("EndTime", g.end())
          .field("Used", g.used())
          .end();
    }
    r.ended().ifPresent(e -> out.field("EndedDate", e.at()));
    if (!history.isEmpty()) {
      out.startList("History");
      for (AccessDecision d : history) {
        out.member()
            .field("Step", d.seq())
            .field("Date", d.at())
            .field("Actor", d.actorArn())
            .field("Action", d.kind().name())
            .field("Comment", d.comment())
            .field("Detail", d.detail())
            .end();
      }
      out.end();
    }
    return out;
  }

  static Shape policy(Shape out, RequestPolicy p) {
    out.field("RoleArn", p.roleArn())
        .field("MaxDurationSeconds", p.maxDuration().toSeconds())
        .field("Quorum", p.quorum())
        .field("MfaToRequest", p.mfaToRequest())
        .field("MfaToApprove", p.mfaToApprove())
        .field("ReasonRequired", p.reasonRequired())
        .field("TicketRequired", p.ticketRequired())
        .field("BreakGlass", p.breakGlass())
        .field("SingleUse", p.singleUse())
        .field("UpdateDate", p.updatedAt());
    out.startList("Approvers");
    for (String a : p.approvers()) {
      out.member(a);
    }
    out.end();
    return out;
  }

  private static RequestPolicy.Terms terms(QueryParameters p) {
    return new RequestPolicy.Terms(
        Duration.ofSeconds(p.integer("MaxDurationSeconds").orElse(3600 * 4)),
        p.list("Approvers"),
        p.integer("Quorum").orElse(1),
        p.bool("MfaToRequest").orElse(false),
        p.bool("MfaToApprove").orElse(false),
        p.bool("ReasonRequired").orElse(true),
        p.bool("TicketRequired").orElse(false),
        p.bool("BreakGlass").orElse(false),
        p.bool("SingleUse").orElse(false));
  }

  private static RequestFilter filter(QueryParameters p) {
    Optional<AccessRequest.Phase> phase = Optional.empty();
    if (p.get("Status").isPresent()) {
      String s = p.get("Status").get().toUpperCase(Locale.ROOT);
      try {
        phase = Optional.of(AccessRequest.Phase.valueOf(s));
      } catch (IllegalArgumentException e) {
        throw new GatehouseException(
            ErrorCode.INVALID_PARAMETER_VALUE,
            "Status must be one of PENDING, APPROVED, ACTIVE, DENIED, EXPIRED, REVOKED,"
                + " RELEASED; got "
                + p.get("Status").get());
      }
    }
    return new RequestFilter(
        p.get("RoleArn").filter(v -> !v.isEmpty()),
        p.get("Requester").filter(v -> !v.isEmpty()),
        phase,
        time(p, "Since"));
  }

  private static Optional<Instant> time(QueryParameters p, String name) {
    Optional<String> v = p.get(name).filter(s -> !s.isEmpty());
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(v.get()));
    } catch (DateTimeParseException e) {
      throw new GatehouseException(
          ErrorCode.INVALID_PARAMETER_VALUE,
          name + " must be an ISO 8601 time such as 2026-12-07T10:00:00Z; got " + v.get());
    }
  }

  /** The caller, with whether MFA was used (console sign-in, or the session's facts). */
  static GrantActor actor(Caller caller) {
    boolean mfa = caller.signInMfa().isPresent();
    if (caller.principal() instanceof Principal.Session s && s.claims().mfa().isPresent()) {
      mfa = true;
    }
    return new GrantActor(caller.principal(), mfa);
  }

  private Role role(Caller caller, String roleArn) {
    return roleByArn
        .apply(roleArn)
        .filter(r -> r.accountId().equals(account(caller)))
        .orElseThrow(
            () ->
                new GatehouseException(
                    ErrorCode.NO_SUCH_ENTITY,
                    "The role with ARN " + roleArn + " cannot be found in your account."));
  }

  private Role roleNamed(Caller caller, String name) {
    return iam.roles().getRole(account(caller), name).role();
  }

  /** The named role's ARN (with its path); path-less for a role that does not exist. */
  private Target roleTarget(Caller caller, String name) {
    try {
      return new Target.Arn(roleNamed(caller, name).arn());
    } catch (GatehouseException e) {
      return new Target.Arn("arn:aws:iam::" + account(caller) + ":role/" + name);
    }
  }

  /** A request's role, so that IAM decides on its ARN; the request's id when not found. */
  private Target requestTarget(Caller caller, String requestId) {
    try {
      return new Target.Arn(grants.get(account(caller), requestId).request().roleArn());
    } catch (GatehouseException e) {
      return new Target.Any();
    }
  }

  private Target grantTarget(Caller caller, String grantId) {
    return grants
        .findGrant(account(caller), grantId)
        .<Target>map(r -> new Target.Arn(r.roleArn()))
        .orElse(new Target.Any());
  }

  private static String account(Caller caller) {
    return caller.principal().accountId();
  }

  private static String required(QueryParameters p, String name) {
    return p.get(name).filter(v -> !v.isEmpty()).orElseThrow(() -> missing(name));
  }

  private static GatehouseException missing(String name) {
    return new GatehouseException(
        ErrorCode.MISSING_PARAMETER, "The request must contain the parameter " + name);
  }
}
