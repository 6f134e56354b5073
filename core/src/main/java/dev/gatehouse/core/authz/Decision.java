package dev.gatehouse.core.authz;

import java.util.List;
import java.util.Objects;

/**
 * An allowed request, with what allowed it (for the audit record). Denials are thrown as AWS's
 * AccessDenied error instead, so no caller can forget to check.
 *
 * @param resourceArn the ARN the request was authorized against ({@code *} when none)
 * @param reason why: {@code root}, or the determining statements
 */
public record Decision(String resourceArn, List<String> reason) {
  public Decision {
    Objects.requireNonNull(resourceArn, "resourceArn");
    reason = List.copyOf(reason);
  }
}
