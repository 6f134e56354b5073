package dev.gatehouse.core.grants;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A role's request policy: with one, the role can be assumed only under a live access grant. Who
 * may request it is decided by IAM ({@code gatehouse:RequestAccess} on the role ARN); this policy
 * says how long a grant may last, who approves and how many must agree, and what a request must
 * carry.
 *
 * @param roleId the role's unique id ({@code AROA...}); a role deleted and created again under the
 *     same name has a new id and no policy
 * @param maxDuration the longest grant
 * @param approvers ARNs of users, groups (any member) and roles (any session of the role)
 * @param quorum how many distinct approvers must approve
 * @param mfaToRequest whether the requester must have used MFA
 * @param mfaToApprove whether an approver must have used MFA
 * @param reasonRequired whether a request without a reason is refused
 * @param ticketRequired whether a request without a ticket id is refused
 * @param breakGlass whether the requester may approve their own request, with a mandatory reason
 *     (flagged in audit and notifications)
 * @param singleUse whether each grant allows one AssumeRole only
 */
public record RequestPolicy(
    String accountId,
    String roleId,
    String roleArn,
    Duration maxDuration,
    List<String> approvers,
    int quorum,
    boolean mfaToRequest,
    boolean mfaToApprove,
    boolean reasonRequired,
    boolean ticketRequired,
    boolean breakGlass,
    boolean singleUse,
    Instant updatedAt) {

  /** The shortest a grant may be (AssumeRole's shortest session). */
  public static final Duration MIN_DURATION = Duration.ofMinutes(15);

  /** The longest a grant may be. */
  public static final Duration MAX_DURATION = Duration.ofDays(7);

  /** The most approvers a policy may name, and the largest quorum. */
  public static final int MAX_APPROVERS = 20;

  private static final Pattern APPROVER =
      Pattern.compile("arn:aws:iam::[0-9]{12}:(user|group|role)/[\\w+=,.@/-]{1,512}");

  public RequestPolicy {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(roleId, "roleId");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(maxDuration, "maxDuration");
    approvers = List.copyOf(approvers);
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (maxDuration.compareTo(MIN_DURATION) < 0 || maxDuration.compareTo(MAX_DURATION) > 0) {
      throw invalid(
          "MaxDurationSeconds must be between "
              + MIN_DURATION.toSeconds()
              + " and "
              + MAX_DURATION.toSeconds()
              + "; got "
              + maxDuration.toSeconds());
    }
    if (approvers.size() > MAX_APPROVERS) {
      throw invalid("Approvers names " + approvers.size() + " ARNs; at most " + MAX_APPROVERS);
    }
    for (String a : approvers) {
      if (!APPROVER.matcher(a).matches()) {
        throw invalid("Approvers: '" + a + "' is not the ARN of an IAM user, group or role");
      }
    }
    if (quorum < 1 || quorum > MAX_APPROVERS) {
      throw invalid("Quorum must be between 1 and " + MAX_APPROVERS + "; got " + quorum);
    }
    if (approvers.isEmpty() && !breakGlass) {
      throw invalid("Approvers must name at least one approver unless BreakGlass is true");
    }
  }

  /** A policy's terms, as PutRoleRequestPolicy gives them, before they are bound to a role. */
  public record Terms(
      Duration maxDuration,
      List<String> approvers,
      int quorum,
      boolean mfaToRequest,
      boolean mfaToApprove,
      boolean reasonRequired,
      boolean ticketRequired,
      boolean breakGlass,
      boolean singleUse) {
    public Terms {
      Objects.requireNonNull(maxDuration, "maxDuration");
      approvers = List.copyOf(approvers);
    }

    /** These terms as the policy of {@code role}, validated. */
    public RequestPolicy forRole(dev.gatehouse.core.domain.Role role, Instant now) {
      return new RequestPolicy(
          role.accountId(),
          role.id(),
          role.arn(),
          maxDuration,
          approvers,
          quorum,
          mfaToRequest,
          mfaToApprove,
          reasonRequired,
          ticketRequired,
          breakGlass,
          singleUse,
          now);
    }
  }

  /** The terms of this policy. */
  public Terms terms() {
    return new Terms(
        maxDuration,
        approvers,
        quorum,
        mfaToRequest,
        mfaToApprove,
        reasonRequired,
        ticketRequired,
        breakGlass,
        singleUse);
  }

  private static GatehouseException invalid(String message) {
    return new GatehouseException(ErrorCode.INVALID_PARAMETER_VALUE, message);
  }
}
