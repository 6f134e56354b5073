package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An IAM job that AWS runs asynchronously and answers by an id: a service-linked role's deletion
 * task, the account's credential report, an access-advisor report.
 *
 * @param jobId unique in the account (a deletion task id, {@code credential-report}, a job UUID)
 * @param kind what the job is, e.g. {@code service-linked-role-deletion}
 * @param status the job's state in AWS's words for its kind (SUCCEEDED, COMPLETE, ...)
 * @param content what the job produced (the report), empty when nothing
 */
public record IamJob(
    String accountId,
    String jobId,
    String kind,
    String status,
    Instant createDate,
    Optional<Instant> completionDate,
    String content) {
  public IamJob {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createDate, "createDate");
    Objects.requireNonNull(completionDate, "completionDate");
    Objects.requireNonNull(content, "content");
  }
}
