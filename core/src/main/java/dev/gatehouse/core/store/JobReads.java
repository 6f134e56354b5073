package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.IamJob;
import java.util.Optional;

/** Reads of the store port: asynchronous IAM jobs, by account and job id. */
public interface JobReads {
  /** The job with exactly this id in the account. */
  Optional<IamJob> job(String accountId, String jobId);
}
