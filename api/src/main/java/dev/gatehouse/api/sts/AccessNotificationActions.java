package dev.gatehouse.api.sts;

import dev.gatehouse.api.ApiRoute;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Operation.Aim;
import dev.gatehouse.api.QueryParameters;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.grants.AccessNotifications;
import dev.gatehouse.core.grants.NotificationConfig;
import java.util.List;
import java.util.Locale;

/**
 * The account's access-request webhook, on the {@code gatehouse} route: PutAccessNotificationConfig
 * (Url, Secret, Format JSON or SLACK), GetAccessNotificationConfig (never the secret) and
 * DeleteAccessNotificationConfig, each authorized by IAM as {@code gatehouse:ACTION} on {@code *}
 * and audited (the Secret parameter is never written to the audit log).
 */
public final class AccessNotificationActions {
  private final AccessNotifications notifications;

  public AccessNotificationActions(AccessNotifications notifications) {
    this.notifications = notifications;
  }

  record Put(String url, String secret, String format) {}

  /** {@code route} with these actions added to its table, under its authorizer. */
  public ApiRoute addTo(ApiRoute route) {
    return route.with(operations(), route.authorizer());
  }

  List<Operation<?, ?>> operations() {
    return List.of(
        new Operation<>(
            "PutAccessNotificationConfig",
            p ->
                new Put(
                    required(p, "Url"),
                    required(p, "Secret"),
                    p.get("Format").orElse("JSON").toUpperCase(Locale.ROOT)),
            (caller, in) -> Aim.of(new Target.Any()),
            (caller, in) ->
                notifications.put(
                    caller.principal().accountId(), in.url(), in.secret(), in.format()),
            (c, out) -> config(out.start("AccessNotificationConfig"), c).end()),
        new Operation<>(
            "GetAccessNotificationConfig",
            p -> Boolean.TRUE,
            (caller, in) -> Aim.of(new Target.Any()),
            (caller, in) -> notifications.get(caller.principal().accountId()),
            (c, out) -> config(out.start("AccessNotificationConfig"), c).end()),
        new Operation<>(
            "DeleteAccessNotificationConfig",
            p -> Boolean.TRUE,
            (caller, in) -> Aim.of(new Target.Any()),
            (caller, in) -> {
              notifications.delete(caller.principal().accountId());
              return Boolean.TRUE;
            },
            Operation.noResult()));
  }

  private static Shape config(Shape out, NotificationConfig c) {
    return out.field("Url", c.url())
        .field("Format", c.format().name())
        .field("HasSecret", true)
        .field("UpdateDate", c.updatedAt());
  }

  private static String required(QueryParameters p, String name) {
    return p.get(name)
        .filter(v -> !v.isEmpty())
        .orElseThrow(
            () ->
                new GatehouseException(
                    ErrorCode.MISSING_PARAMETER,
                    "The request must contain the parameter " + name + "."));
  }
}
