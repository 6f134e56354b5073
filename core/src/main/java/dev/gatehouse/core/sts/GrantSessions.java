package dev.gatehouse.core.sts;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How a session issued under an access grant differs (DESIGN.md decision 12): its source identity
 * is the requester, it carries the grant's id and reason as transitive session tags (sealed into
 * the token: ending the grant revokes it, and chained sessions with it), and it ends at the grant's
 * end at the latest.
 */
final class GrantSessions {
  /** Characters a session tag value may hold (spec: IAM User Guide, id_session-tags.md). */
  private static final String TAG_VALUE_OTHER = "_.:/=+-@ ";

  private static final int MAX_TAG_VALUE = 256;

  private GrantSessions() {}

  /** Callers cannot set the tags Gatehouse sets for grants. */
  static void refuseReservedTags(List<SessionTag> tags) {
    for (SessionTag t : tags) {
      if (t.key().equalsIgnoreCase(SessionClaims.GRANT_ID_TAG)
          || t.key().equalsIgnoreCase(SessionClaims.GRANT_REASON_TAG)) {
        throw new GatehouseException(
            ErrorCode.INVALID_PARAMETER_VALUE,
            "The session tag key " + t.key() + " is reserved for Gatehouse's access grants.");
      }
    }
  }

  /** {@code in} under {@code grant}: source identity and tags set; unchanged without a grant. */
  static AssumeRoleRequest underGrant(AssumeRoleRequest in, GrantCheck grant) {
    if (!(grant instanceof GrantCheck.Live live)) {
      return in;
    }
    if (!in.sourceIdentity().isEmpty() && !in.sourceIdentity().equals(live.requesterName())) {
      throw new GatehouseException(
          ErrorCode.INVALID_PARAMETER_VALUE,
          "SourceIdentity of a session under access grant "
              + live.grantId()
              + " is its requester, "
              + live.requesterName()
              + ".");
    }
    List<SessionTag> tags = new ArrayList<>(in.tags());
    tags.add(new SessionTag(SessionClaims.GRANT_ID_TAG, live.grantId()));
    List<String> transitive = new ArrayList<>(in.transitiveTagKeys());
    transitive.add(SessionClaims.GRANT_ID_TAG);
    String reason = tagValue(live.reason());
    if (!reason.isEmpty()) {
      tags.add(new SessionTag(SessionClaims.GRANT_REASON_TAG, reason));
      transitive.add(SessionClaims.GRANT_REASON_TAG);
    }
    return new AssumeRoleRequest(
        in.roleArn(),
        in.sessionName(),
        in.duration(),
        in.externalId(),
        in.mfa(),
        in.policies(),
        tags,
        transitive,
        live.requesterName());
  }

  /** The session's duration, ending at the grant's end at the latest. */
  static Duration capped(Duration asked, Instant now, GrantCheck.Live live) {
    Duration left = Duration.ofSeconds(Duration.between(now, live.end()).toSeconds());
    if (left.isZero() || left.isNegative()) {
      left = Duration.ofSeconds(1);
    }
    return left.compareTo(asked) < 0 ? left : asked;
  }

  /** {@code text} as a session tag value: characters tags refuse become spaces; at most 256. */
  static String tagValue(String text) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < text.length() && b.length() < MAX_TAG_VALUE; i++) {
      char c = text.charAt(i);
      b.append(Character.isLetterOrDigit(c) || TAG_VALUE_OTHER.indexOf(c) >= 0 ? c : ' ');
    }
    return b.toString().strip();
  }
}
