package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.org.CreateAccountStatus;
import dev.gatehouse.core.org.Organization;
import dev.gatehouse.core.org.OrganizationAccount;
import java.util.List;

/**
 * Writes of the store port: Organizations, their accounts and CreateAccount requests. Persistence
 * only (see {@link WriteTransaction}).
 */
public interface OrganizationWrites extends OrganizationReads {
  /** Creates an organization with its management account as its first account. */
  void createOrganization(Organization organization, OrganizationAccount management);

  /** Adds an existing account to an existing organization with the tags it was created with. */
  void addOrganizationAccount(OrganizationAccount account, List<Tag> tags);

  /** Replaces the tags of an organization's account with {@code tags} (unique keys). */
  void replaceOrganizationAccountTags(String accountId, List<Tag> tags);

  /** Records a CreateAccount request (its id is new). */
  void recordCreateAccountStatus(CreateAccountStatus status);
}
