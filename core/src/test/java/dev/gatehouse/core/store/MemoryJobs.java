package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.IamJob;
import dev.gatehouse.core.store.MemoryStore.State;
import java.util.Optional;

/** The jobs group of a {@link MemoryStore} transaction. */
final class MemoryJobs implements JobWrites {
  private final State s;

  MemoryJobs(State s) {
    this.s = s;
  }

  @Override
  public Optional<IamJob> job(String accountId, String jobId) {
    return Optional.ofNullable(s.jobs.get(accountId + "\n" + jobId));
  }

  @Override
  public void putJob(IamJob job) {
    s.jobs.put(job.accountId() + "\n" + job.jobId(), job);
  }
}
