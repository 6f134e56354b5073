package dev.gatehouse.core.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.store.MemoryStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Organizations actions over the in-memory store: the outcomes and every refusal. */
class OrganizationsTest {
  static final Instant NOW = Instant.parse("2026-03-04T05:06:07.089Z");
  static final String MANAGEMENT = "111111111111";
  static final String OTHER = "222222222222";

  MemoryStore store;
  List<String> changed;
  Organizations organizations;

  @BeforeEach
  void setUp() {
    store = new MemoryStore();
    changed = new CopyOnWriteArrayList<>();
    organizations =
        new Organizations(
            store, Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom(), changed::add);
    for (String id : List.of(MANAGEMENT, OTHER)) {
      store.write(
          tx -> {
            tx.accounts().createAccount(new Account(id, NOW));
            return null;
          });
    }
  }

  static void fails(ErrorCode code, String message, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(GatehouseException.class)
        .hasMessage(message)
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(code);
  }

  static final String NOT_IN_USE = "Your account is not a member of an organization.";
  static final String DENIED = "You don't have permissions to access this resource.";

  @Test
  void everyActionNeedsAnOrganizationFirst() {
    ErrorCode code = ErrorCode.ORGANIZATIONS_NOT_IN_USE;
    fails(code, NOT_IN_USE, () -> organizations.describeOrganization(MANAGEMENT));
    fails(
        code,
        NOT_IN_USE,
        () ->
            organizations.createAccount(MANAGEMENT, CreateAccountRequest.of("a@example.com", "A")));
    fails(code, NOT_IN_USE, () -> organizations.listAccounts(MANAGEMENT, "", 20));
    fails(code, NOT_IN_USE, () -> organizations.describeAccount(MANAGEMENT, OTHER));
    fails(
        code,
        NOT_IN_USE,
        () -> organizations.describeCreateAccountStatus(MANAGEMENT, "car-12345678"));
    assertThat(organizations.organizationOf(MANAGEMENT)).isEmpty();
  }

  @Test
  void theCallerBecomesTheManagementAccountOfOneOrganization() {
    Organization org = organizations.createOrganization(MANAGEMENT, "");
    assertThat(org.id()).matches("o-[a-z0-9]{10}");
    assertThat(org.featureSet()).isEqualTo(Organization.FeatureSet.ALL);
    assertThat(org.arn())
        .isEqualTo("arn:aws:organizations::" + MANAGEMENT + ":organization/" + org.id());
    assertThat(org.managementAccountArn())
        .isEqualTo(
            "arn:aws:organizations::" + MANAGEMENT + ":account/" + org.id() + "/" + MANAGEMENT);
    assertThat(organizations.describeOrganization(MANAGEMENT)).isEqualTo(org);
    assertThat(organizations.organizationOf(MANAGEMENT)).contains(org);
    fails(
        ErrorCode.ALREADY_IN_ORGANIZATION,
        "This account is already a member of an organization. An account can belong to only one"
            + " organization at a time.",
        () -> organizations.createOrganization(MANAGEMENT, "ALL"));
    OrganizationMember self = organizations.describeAccount(MANAGEMENT, MANAGEMENT);
    assertThat(self.account().joinedMethod()).isEqualTo(OrganizationAccount.JoinedMethod.INVITED);
    assertThat(self.account().name()).isEqualTo(MANAGEMENT);
    assertThat(self.account().email()).isEmpty();

    Organization billing = organizations.createOrganization(OTHER, "CONSOLIDATED_BILLING");
    assertThat(billing.featureSet()).isEqualTo(Organization.FeatureSet.CONSOLIDATED_BILLING);
  }

  @Test
  void createAccountBuildsTheMemberAccountWithItsAccessRole() {
    Organization org = organizations.createOrganization(MANAGEMENT, "");
    CreateAccountStatus status =
        organizations.createAccount(
            MANAGEMENT,
            new CreateAccountRequest(
                "prod@example.com", "Production", "", "DENY", List.of(new Tag("team", "core"))));
    assertThat(status.state()).isEqualTo(CreateAccountStatus.State.SUCCEEDED);
    assertThat(status.id()).matches("car-[a-z0-9]{32}");
    assertThat(status.requestedDate()).isEqualTo(NOW);
    assertThat(status.completedDate()).isEqualTo(NOW);
    assertThat(status.failure()).isEmpty();
    String id = status.createdAccountId().orElseThrow();
    assertThat(id).matches("[1-9][0-9]{11}").isNotIn(MANAGEMENT, OTHER);
    assertThat(changed).containsExactly(id);
    assertThat(organizations.describeCreateAccountStatus(MANAGEMENT, status.id()))
        .isEqualTo(status);

    Role role =
        store.read(tx -> tx.roles().role(id, "OrganizationAccountAccessRole")).orElseThrow();
    assertThat(role.assumeRolePolicyDocument())
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::"
                + MANAGEMENT
                + ":root\"},\"Action\":\"sts:AssumeRole\"}]}");
    List<String> attached = store.read(tx -> tx.policies().attachedPolicies(role.id()));
    assertThat(attached).containsExactly("arn:aws:iam::aws:policy/AdministratorAccess");
    List<Tag> tags = store.read(tx -> tx.organizations().organizationAccountTags(id));
    assertThat(tags).containsExactly(new Tag("team", "core"));

    OrganizationMember member = organizations.describeAccount(MANAGEMENT, id);
    assertThat(member.arn())
        .isEqualTo("arn:aws:organizations::" + MANAGEMENT + ":account/" + org.id() + "/" + id);
    assertThat(member.account())
        .isEqualTo(
            new OrganizationAccount(
                id,
                org.id(),
                "Production",
                "prod@example.com",
                OrganizationAccount.JoinedMethod.CREATED,
                NOW));

    CreateAccountStatus named =
        organizations.createAccount(
            MANAGEMENT,
            new CreateAccountRequest("dev@example.com", "Dev", "Admin", "ALLOW", List.of()));
    String dev = named.createdAccountId().orElseThrow();
    Optional<Role> admin = store.read(tx -> tx.roles().role(dev, "Admin"));
    Optional<Role> defaultRole =
        store.read(tx -> tx.roles().role(dev, "OrganizationAccountAccessRole"));
    assertThat(admin).isPresent();
    assertThat(defaultRole).isEmpty();
  }

  @Test
  void onlyTheManagementAccountManagesAndMembersStillSeeTheOrganization() {
    Organization org = organizations.createOrganization(MANAGEMENT, "");
    String member =
        organizations
            .createAccount(MANAGEMENT, CreateAccountRequest.of("m@example.com", "M"))
            .createdAccountId()
            .orElseThrow();
    ErrorCode code = ErrorCode.ORGANIZATIONS_ACCESS_DENIED;
    fails(
        code,
        DENIED,
        () -> organizations.createAccount(member, CreateAccountRequest.of("x@example.com", "X")));
    fails(code, DENIED, () -> organizations.listAccounts(member, "", 20));
    fails(code, DENIED, () -> organizations.describeAccount(member, member));
    fails(code, DENIED, () -> organizations.describeCreateAccountStatus(member, "car-12345678"));
    assertThat(organizations.describeOrganization(member)).isEqualTo(org);
    fails(
        ErrorCode.ALREADY_IN_ORGANIZATION,
        "This account is already a member of an organization. An account can belong to only one"
            + " organization at a time.",
        () -> organizations.createOrganization(member, ""));
  }

  @Test
  void requestsAwsFailsLaterAreRecordedAsFailed() {
    organizations.createOrganization(MANAGEMENT, "");
    organizations.createAccount(MANAGEMENT, CreateAccountRequest.of("one@example.com", "One"));
    changed.clear();
    CreateAccountStatus again =
        organizations.createAccount(MANAGEMENT, CreateAccountRequest.of("ONE@example.com", "Two"));
    assertThat(again.state()).isEqualTo(CreateAccountStatus.State.FAILED);
    assertThat(again.failure()).contains("EMAIL_ALREADY_EXISTS");
    assertThat(again.createdAccountId()).isEmpty();
    assertThat(changed).isEmpty();
    assertThat(organizations.describeCreateAccountStatus(MANAGEMENT, again.id())).isEqualTo(again);
    List<Account> accounts = store.read(tx -> tx.accounts().all());
    assertThat(accounts).hasSize(3);

    for (int i = 3; i <= Organizations.MAX_ACCOUNTS; i++) {
      assertThat(
              organizations
                  .createAccount(MANAGEMENT, CreateAccountRequest.of(i + "@example.com", "N" + i))
                  .state())
          .isEqualTo(CreateAccountStatus.State.SUCCEEDED);
    }
    CreateAccountStatus over =
        organizations.createAccount(MANAGEMENT, CreateAccountRequest.of("over@example.com", "X"));
    assertThat(over.failure()).contains("ACCOUNT_LIMIT_EXCEEDED");
    assertThat(organizations.listAccounts(MANAGEMENT, "", 20).accounts())
        .hasSize(Organizations.MAX_ACCOUNTS);
  }

  @Test
  void accountsAndRequestsOfAnotherOrganizationAreNotFound() {
    organizations.createOrganization(MANAGEMENT, "");
    organizations.createOrganization(OTHER, "");
    CreateAccountStatus theirs =
        organizations.createAccount(OTHER, CreateAccountRequest.of("t@example.com", "T"));
    String theirAccount = theirs.createdAccountId().orElseThrow();
    fails(
        ErrorCode.CREATE_ACCOUNT_STATUS_NOT_FOUND,
        "We can't find an create account request with the CreateAccountRequestId that you"
            + " specified.",
        () -> organizations.describeCreateAccountStatus(MANAGEMENT, theirs.id()));
    fails(
        ErrorCode.CREATE_ACCOUNT_STATUS_NOT_FOUND,
        "We can't find an create account request with the CreateAccountRequestId that you"
            + " specified.",
        () -> organizations.describeCreateAccountStatus(MANAGEMENT, "car-00000000"));
    fails(
        ErrorCode.ACCOUNT_NOT_FOUND,
        "You specified an account that doesn't exist.",
        () -> organizations.describeAccount(MANAGEMENT, theirAccount));
    fails(
        ErrorCode.ACCOUNT_NOT_FOUND,
        "You specified an account that doesn't exist.",
        () -> organizations.describeAccount(MANAGEMENT, "999999999999"));
  }

  @Test
  void listAccountsPagesInAccountIdOrder() {
    organizations.createOrganization(MANAGEMENT, "");
    for (int i = 0; i < 4; i++) {
      organizations.createAccount(MANAGEMENT, CreateAccountRequest.of(i + "@example.com", "A" + i));
    }
    List<String> all =
        organizations.listAccounts(MANAGEMENT, "", 20).accounts().stream()
            .map(m -> m.account().accountId())
            .toList();
    assertThat(all).hasSize(5).isSorted().contains(MANAGEMENT);
    assertThat(organizations.listAccounts(MANAGEMENT, "", 5).next()).isEmpty();

    List<String> paged = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      AccountList page = organizations.listAccounts(MANAGEMENT, token, 2);
      assertThat(page.accounts()).hasSizeLessThanOrEqualTo(2);
      page.accounts().forEach(m -> paged.add(m.account().accountId()));
      token = page.nextToken();
      pages++;
    } while (!token.isEmpty());
    assertThat(pages).isEqualTo(3);
    assertThat(paged).isEqualTo(all);
  }
}
