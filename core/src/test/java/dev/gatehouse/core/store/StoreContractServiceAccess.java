package dev.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.ServiceAccess;
import org.junit.jupiter.api.Test;

/**
 * Contract: access advisor's record, one per account, entity, service and action, kept at its
 * latest attempt whatever order the attempts are written in.
 */
public abstract class StoreContractServiceAccess extends StoreContractJobs {

  @Test
  void serviceAccessKeepsTheLatestAttemptPerEntityServiceAndAction() {
    String user = "arn:aws:iam::" + account + ":user/alice";
    ServiceAccess first = new ServiceAccess(account, user, "iam", "GetUser", "us-east-1", T0);
    write(tx -> tx.serviceAccess().recordServiceAccess(first));
    assertThat(reads().serviceAccess().serviceAccess(account)).containsExactly(first);
    assertThat(reads().serviceAccess().serviceAccess(newAccount())).isEmpty();

    ServiceAccess later =
        new ServiceAccess(account, user, "iam", "GetUser", "eu-west-1", T0.plusSeconds(60));
    ServiceAccess earlier =
        new ServiceAccess(account, user, "iam", "GetUser", "ap-south-1", T0.minusSeconds(60));
    ServiceAccess other = new ServiceAccess(account, user, "s3", "ListBucket", "us-east-1", T0);
    write(
        tx -> {
          tx.serviceAccess().recordServiceAccess(later);
          tx.serviceAccess().recordServiceAccess(earlier);
          tx.serviceAccess().recordServiceAccess(other);
        });
    assertThat(reads().serviceAccess().serviceAccess(account))
        .containsExactlyInAnyOrder(later, other);
  }
}
