package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.org.CreateAccountStatus;
import dev.gatehouse.core.org.Organization;
import dev.gatehouse.core.org.OrganizationAccount;
import java.util.List;
import java.util.Optional;

/** Reads of the store port: Organizations, their accounts and CreateAccount requests. */
public interface OrganizationReads {
  /** The organization {@code accountId} belongs to, as its management account or a member. */
  Optional<Organization> organizationOf(String accountId);

  /** The membership of an account in its organization, if it belongs to one. */
  Optional<OrganizationAccount> organizationAccount(String accountId);

  /** The accounts of an organization, the management account included, ordered by account id. */
  List<OrganizationAccount> organizationAccounts(String organizationId);

  /** Whether an account of any organization has this e-mail address (case-insensitively). */
  boolean organizationEmailInUse(String email);

  /** The tags of an organization's account, ordered by key. */
  List<Tag> organizationAccountTags(String accountId);

  /** A CreateAccount request by id. */
  Optional<CreateAccountStatus> createAccountStatus(String requestId);
}
