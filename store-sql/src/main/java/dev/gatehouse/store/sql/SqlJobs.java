package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.IamJob;
import dev.gatehouse.core.store.JobWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/** Asynchronous IAM jobs (table of V12). */
final class SqlJobs implements JobWrites {
  private final Jdbc jdbc;

  SqlJobs(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  private static IamJob job(ResultSet rs) throws SQLException {
    long completed = rs.getLong(6);
    Optional<Instant> completion =
        rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(completed));
    return new IamJob(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        Instant.ofEpochMilli(rs.getLong(5)),
        completion,
        rs.getString(7));
  }

  @Override
  public Optional<IamJob> job(String accountId, String jobId) {
    return jdbc.one(
        "SELECT account_id, job_id, kind, status, created_at, completed_at, content"
            + " FROM iam_jobs WHERE account_id = ? AND job_id = ?",
        SqlJobs::job,
        accountId,
        jobId);
  }

  @Override
  public void putJob(IamJob job) {
    jdbc.update(
        "DELETE FROM iam_jobs WHERE account_id = ? AND job_id = ?", job.accountId(), job.jobId());
    jdbc.update(
        "INSERT INTO iam_jobs (account_id, job_id, kind, status, created_at, completed_at, content)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        job.accountId(),
        job.jobId(),
        job.kind(),
        job.status(),
        job.createDate().toEpochMilli(),
        job.completionDate().isPresent()
            ? (Object) job.completionDate().get().toEpochMilli()
            : new Jdbc.Nullable(Types.BIGINT),
        job.content());
  }
}
