package dev.gatehouse.core.authz;

import dev.gatehouse.policy.RequestContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The request context AWS builds for a call: principal, resource, request and environment keys.
 *
 * <p>spec: IAM User Guide, "AWS global condition context keys" and "IAM condition context keys"
 * (iam:ResourceTag for users and roles); Service Authorization Reference for Organizations (the
 * account resource type carries aws:ResourceTag).
 */
final class RequestContexts {
  private RequestContexts() {}

  static RequestContext build(
      AuthorizationRequest request,
      AuthorizationView view,
      String resourceArn,
      String resourceType) {
    Principal principal = request.principal();
    RequestContext.Builder ctx = RequestContext.builder(view.principalContext(principal));
    SessionContext.addKeys(principal, request.time(), ctx);
    ctx.put("aws:PrincipalIsAWSService", "false");
    // Network and environment keys.
    ctx.put("aws:SourceIp", request.sourceIp());
    ctx.put("aws:SecureTransport", Boolean.toString(request.secureTransport()));
    ctx.put("aws:CurrentTime", currentTime(request.time()));
    ctx.put("aws:EpochTime", Long.toString(request.time().getEpochSecond()));
    ctx.put("aws:ViaAWSService", "false");
    // Resource keys.
    if (!resourceArn.equals("*")) {
      ctx.put("aws:ResourceAccount", principal.accountId());
    }
    if (request.target() instanceof Target.Named named) {
      for (Map.Entry<String, String> tag :
          view.resourceTags(named.resourceType(), named.name()).entrySet()) {
        ctx.put("aws:ResourceTag/" + tag.getKey(), tag.getValue());
        if (resourceType.equals("user") || resourceType.equals("role")) {
          ctx.put("iam:ResourceTag/" + tag.getKey(), tag.getValue());
        }
      }
    }
    if (request.target() instanceof Target.Arn arn) {
      for (Map.Entry<String, String> tag : arn.resourceTags().entrySet()) {
        ctx.put("aws:ResourceTag/" + tag.getKey(), tag.getValue());
      }
    }
    // Request keys (aws:RequestTag/..., aws:TagKeys, iam:PolicyARN, iam:PermissionsBoundary...).
    for (Map.Entry<String, List<String>> key : request.requestKeys().entrySet()) {
      ctx.putAll(key.getKey(), key.getValue());
    }
    return ctx.build();
  }

  /**
   * The principal keys that depend only on the principal and the view (its tags): the first keys of
   * every context, so the later ones (a session's tags) replace them as before.
   */
  static RequestContext principalKeys(Principal principal, AuthorizationView view) {
    RequestContext.Builder ctx = RequestContext.builder();
    ctx.put("aws:PrincipalArn", principal.principalArn());
    ctx.put("aws:PrincipalAccount", principal.accountId());
    ctx.put("aws:PrincipalType", principal.principalType());
    ctx.put("aws:userid", principal.principalId());
    if (principal instanceof Principal.User user) {
      // spec: aws:username is present only for IAM users.
      ctx.put("aws:username", user.userName());
    }
    for (Map.Entry<String, String> tag : view.principalTags(principal).entrySet()) {
      ctx.put("aws:PrincipalTag/" + tag.getKey(), tag.getValue());
    }
    return ctx.build();
  }

  /** The second and its ISO-8601 text, formatted once per second rather than per request. */
  private record Second(long epochSecond, String text) {}

  private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

  /** aws:CurrentTime: the request time to the second, ISO-8601 in UTC. */
  static String currentTime(Instant time) {
    Second last = lastSecond;
    if (last.epochSecond() != time.getEpochSecond()) {
      last =
          new Second(
              time.getEpochSecond(),
              DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS)));
      lastSecond = last;
    }
    return last.text();
  }
}
