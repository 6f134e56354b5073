package dev.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.IamJob;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Contract: asynchronous IAM jobs, kept per account by exact id, replaced by id; milestones, kept
 * once.
 */
public abstract class StoreContractJobs extends StoreContractAccessGrants {

  @Test
  void jobsAreKeptPerAccountByExactIdAndReplacedById() {
    String id = "task/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling/1";
    IamJob started = new IamJob(account, id, "deletion", "IN_PROGRESS", T0, Optional.empty(), "");
    write(tx -> tx.jobs().putJob(started));
    assertThat(reads().jobs().job(account, id)).contains(started);
    assertThat(reads().jobs().job(account, id.toUpperCase(java.util.Locale.ROOT))).isEmpty();
    assertThat(reads().jobs().job(newAccount(), id)).isEmpty();
    IamJob done =
        new IamJob(
            account, id, "deletion", "SUCCEEDED", T0, Optional.of(T0.plusSeconds(1)), "a,b\n1,2\n");
    write(tx -> tx.jobs().putJob(done));
    assertThat(reads().jobs().job(account, id)).contains(done);
  }

  @Test
  void aMilestoneIsReachedOnceAndKept() {
    String m = "m" + account; // the tests of a class may share a database
    assertThat(reads().milestones().reached(m)).isFalse();
    write(tx -> tx.milestones().reach(m, T0));
    assertThat(reads().milestones().reached(m)).isTrue();
    assertThat(reads().milestones().reached("M" + account)).isFalse();
    // Again, as a node racing another does: no conflict, still reached.
    write(tx -> tx.milestones().reach(m, T0.plusSeconds(1)));
    assertThat(reads().milestones().reached(m)).isTrue();
  }
}
