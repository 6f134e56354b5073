package dev.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.org.CreateAccountStatus;
import dev.gatehouse.core.org.Organization;
import dev.gatehouse.core.org.OrganizationAccount;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract: organizations, their accounts and CreateAccount requests (migration V3). */
public abstract class StoreContractOrganizations extends StoreContractSts {

  /** A fresh organization id (tests share one database). */
  protected String organizationId() {
    return "o-" + ids.accountId().substring(0, 10);
  }

  protected Organization createOrganization(String managementAccountId) {
    Organization org =
        new Organization(organizationId(), managementAccountId, Organization.FeatureSet.ALL, T0);
    write(tx -> tx.organizations().createOrganization(org, management(org)));
    return org;
  }

  private static OrganizationAccount management(Organization org) {
    return new OrganizationAccount(
        org.managementAccountId(),
        org.id(),
        "management",
        "",
        OrganizationAccount.JoinedMethod.INVITED,
        T0);
  }

  protected OrganizationAccount member(Organization org, String accountId, String email) {
    return new OrganizationAccount(
        accountId,
        org.id(),
        "member " + accountId,
        email,
        OrganizationAccount.JoinedMethod.CREATED,
        T0);
  }

  @Test
  void anOrganizationStartsWithItsManagementAccountWhichIsInOneOnly() {
    assertThat(reads().organizations().organizationOf(account)).isEmpty();
    assertThat(reads().organizations().organizationAccount(account)).isEmpty();
    Organization org = createOrganization(account);
    assertThat(reads().organizations().organizationOf(account)).contains(org);
    assertThat(reads().organizations().organizationAccounts(org.id()))
        .containsExactly(management(org));
    assertThatThrownBy(() -> createOrganization(account)).isInstanceOf(StoreConflict.class);
    // A second organization elsewhere: management accounts without an e-mail do not collide.
    String other = newAccount();
    Organization second = createOrganization(other);
    assertThat(reads().organizations().organizationOf(other)).contains(second);
  }

  @Test
  void memberAccountsAreListedByIdWithTheirTagsAndUniqueEmails() {
    Organization org = createOrganization(account);
    String a = newAccount();
    String b = newAccount();
    String emailA = "Team." + a + "@example.com";
    write(
        tx ->
            tx.organizations()
                .addOrganizationAccount(
                    member(org, a, emailA), List.of(new Tag("team", "b"), new Tag("Cost", "1"))));
    write(
        tx ->
            tx.organizations()
                .addOrganizationAccount(member(org, b, b + "@example.com"), List.of()));
    assertThat(reads().organizations().organizationOf(a)).contains(org);
    assertThat(reads().organizations().organizationAccount(a)).contains(member(org, a, emailA));
    assertThat(reads().organizations().organizationAccounts(org.id()))
        .extracting(OrganizationAccount::accountId)
        .containsExactlyElementsOf(List.of(account, a, b).stream().sorted().toList());
    assertThat(reads().organizations().organizationAccountTags(a))
        .containsExactly(new Tag("Cost", "1"), new Tag("team", "b"));
    assertThat(reads().organizations().organizationAccountTags(b)).isEmpty();
    assertThat(
            reads()
                .organizations()
                .organizationEmailInUse(emailA.toUpperCase(java.util.Locale.ROOT)))
        .isTrue();
    assertThat(reads().organizations().organizationEmailInUse("nobody." + a + "@example.com"))
        .isFalse();

    String c = newAccount();
    String duplicate = "team." + a + "@EXAMPLE.com";
    assertThatThrownBy(
            () ->
                write(
                    tx ->
                        tx.organizations()
                            .addOrganizationAccount(member(org, c, duplicate), List.of())))
        .isInstanceOf(StoreConflict.class);
    assertThatThrownBy(
            () ->
                write(
                    tx ->
                        tx.organizations()
                            .addOrganizationAccount(member(org, a, c + "@example.com"), List.of())))
        .isInstanceOf(StoreConflict.class);
    assertThatThrownBy(() -> createOrganization(a)).isInstanceOf(StoreConflict.class);
    assertThat(reads().organizations().organizationAccount(c)).isEmpty();
  }

  @Test
  void anAccountsTagsAreReplacedWhole() {
    Organization org = createOrganization(account);
    String a = newAccount();
    String b = newAccount();
    write(
        tx ->
            tx.organizations()
                .addOrganizationAccount(member(org, a, a + "@example.com"), List.of()));
    write(
        tx ->
            tx.organizations()
                .addOrganizationAccount(
                    member(org, b, b + "@example.com"), List.of(new Tag("keep", "me"))));
    write(
        tx ->
            tx.organizations()
                .replaceOrganizationAccountTags(
                    a, List.of(new Tag("team", "x"), new Tag("Cost", ""))));
    assertThat(reads().organizations().organizationAccountTags(a))
        .containsExactly(new Tag("Cost", ""), new Tag("team", "x"));
    write(
        tx -> tx.organizations().replaceOrganizationAccountTags(a, List.of(new Tag("team", "y"))));
    assertThat(reads().organizations().organizationAccountTags(a))
        .containsExactly(new Tag("team", "y"));
    write(tx -> tx.organizations().replaceOrganizationAccountTags(a, List.of()));
    assertThat(reads().organizations().organizationAccountTags(a)).isEmpty();
    assertThat(reads().organizations().organizationAccountTags(b))
        .containsExactly(new Tag("keep", "me"));

    // A failed transaction keeps the tags it was about to replace.
    assertThatThrownBy(
            () ->
                write(
                    tx -> {
                      tx.organizations().replaceOrganizationAccountTags(b, List.of());
                      throw new IllegalStateException("fails after the write");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(reads().organizations().organizationAccountTags(b))
        .containsExactly(new Tag("keep", "me"));
  }

  @Test
  void createAccountRequestsKeepTheirOutcome() {
    Organization org = createOrganization(account);
    String created = newAccount();
    CreateAccountStatus succeeded =
        new CreateAccountStatus(
            "car-" + created,
            org.id(),
            "Production",
            CreateAccountStatus.State.SUCCEEDED,
            T0,
            T0.plusMillis(5),
            created,
            "");
    CreateAccountStatus failed =
        new CreateAccountStatus(
            "car-f" + created,
            org.id(),
            "Again",
            CreateAccountStatus.State.FAILED,
            T0,
            T0,
            "",
            "EMAIL_ALREADY_EXISTS");
    write(tx -> tx.organizations().recordCreateAccountStatus(succeeded));
    write(tx -> tx.organizations().recordCreateAccountStatus(failed));
    assertThat(reads().organizations().createAccountStatus(succeeded.id())).contains(succeeded);
    assertThat(reads().organizations().createAccountStatus(failed.id())).contains(failed);
    assertThat(reads().organizations().createAccountStatus("car-00000000")).isEmpty();
  }

  @Test
  void aFailedWriteLeavesNeitherTheAccountNorItsMembership() {
    Organization org = createOrganization(account);
    String id = ids.accountId();
    assertThatThrownBy(
            () ->
                write(
                    tx -> {
                      tx.accounts().createAccount(new Account(id, T0));
                      tx.organizations()
                          .addOrganizationAccount(
                              member(org, id, id + "@example.com"), List.of(new Tag("k", "v")));
                      throw new IllegalStateException("fails after the writes");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(reads().accounts().account(id)).isEmpty();
    assertThat(reads().organizations().organizationAccount(id)).isEmpty();
    assertThat(reads().organizations().organizationAccountTags(id)).isEmpty();
    assertThat(reads().organizations().organizationEmailInUse(id + "@example.com")).isFalse();
    assertThat(reads().organizations().organizationAccounts(org.id())).hasSize(1);
  }
}
