package dev.gatehouse.core.org;

import java.util.Objects;

/** An account of an organization, with the organization (which gives the account its ARN). */
public record OrganizationMember(Organization organization, OrganizationAccount account) {
  public OrganizationMember {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(account, "account");
  }

  /** {@code arn:aws:organizations::MANAGEMENT:account/o-ID/ACCOUNT}. */
  public String arn() {
    return organization.accountArn(account.accountId());
  }
}
