package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.IamJob;

/**
 * Writes of the store port: asynchronous IAM jobs. Persistence only (see {@link WriteTransaction}).
 */
public interface JobWrites extends JobReads {
  /** Stores the job, replacing the account's job with the same id if there is one. */
  void putJob(IamJob job);
}
