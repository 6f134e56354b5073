package dev.gatehouse.core.org;

import static dev.gatehouse.core.org.OrganizationsTest.DENIED;
import static dev.gatehouse.core.org.OrganizationsTest.NOT_IN_USE;
import static dev.gatehouse.core.org.OrganizationsTest.fails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.store.MemoryStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The organization's root and what Terraform reads of the tree: ListRoots, ListParents,
 * ListAWSServiceAccessForOrganization, and the tags a request on an account is authorized with.
 */
class OrganizationsRootTest {
  static final Instant NOW = Instant.parse("2026-03-04T05:06:07.089Z");
  static final String MANAGEMENT = "111111111111";
  static final String OUTSIDER = "222222222222";
  static final String CHILD_NOT_FOUND =
      "We can't find an organizational unit (OU) or Amazon Web Services account with the ChildId"
          + " that you specified.";

  MemoryStore store;
  Organizations organizations;
  Organization org;
  String member;

  @BeforeEach
  void setUp() {
    store = new MemoryStore();
    organizations =
        new Organizations(
            store, Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom(), IamChangeListener.none());
    for (String id : List.of(MANAGEMENT, OUTSIDER)) {
      store.write(
          tx -> {
            tx.accounts().createAccount(new Account(id, NOW));
            return null;
          });
    }
    org = organizations.createOrganization(MANAGEMENT, "");
    member =
        organizations
            .createAccount(
                MANAGEMENT,
                new CreateAccountRequest(
                    "m@example.com", "M", "", "", List.of(new Tag("Protected", "true"))))
            .createdAccountId()
            .orElseThrow();
  }

  @Test
  void theRootIdIsAwsShapedAndStablePerOrganization() {
    assertThat(org.rootId()).matches(Organization.ROOT_ID_PATTERN);
    assertThat(org.rootArn())
        .isEqualTo(
            "arn:aws:organizations::" + MANAGEMENT + ":root/" + org.id() + "/" + org.rootId());
    Organization again =
        new Organization(
            org.id(), org.managementAccountId(), org.featureSet(), Instant.EPOCH.plusSeconds(1));
    assertThat(again.rootId()).isEqualTo(org.rootId());
    assertThat(organizations.describeOrganization(member).rootId()).isEqualTo(org.rootId());
  }

  @Test
  void everyAccountsOneParentIsTheRoot() {
    assertThat(organizations.listRoots(MANAGEMENT, "", 1)).isEqualTo(org);
    assertThat(organizations.listParents(MANAGEMENT, member, "", 20)).isEqualTo(org);
    assertThat(organizations.listParents(MANAGEMENT, MANAGEMENT, "", 1)).isEqualTo(org);
    assertThat(organizations.listAwsServiceAccess(MANAGEMENT, "", 20)).isEmpty();
  }

  @Test
  void aChildOutsideTheOrganizationOrAnOuIsNotFound() {
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account("333333333333", NOW));
          return null;
        });
    organizations.createOrganization("333333333333", "");
    for (String child : List.of(OUTSIDER, "333333333333", "999999999999", "ou-ab12-abcdefgh")) {
      fails(
          ErrorCode.CHILD_NOT_FOUND,
          CHILD_NOT_FOUND,
          () -> organizations.listParents(MANAGEMENT, child, "", 20));
    }
  }

  @Test
  void onlyTheManagementAccountReadsTheTree() {
    ErrorCode denied = ErrorCode.ORGANIZATIONS_ACCESS_DENIED;
    fails(denied, DENIED, () -> organizations.listRoots(member, "", 20));
    fails(denied, DENIED, () -> organizations.listParents(member, member, "", 20));
    fails(denied, DENIED, () -> organizations.listAwsServiceAccess(member, "", 20));
    ErrorCode none = ErrorCode.ORGANIZATIONS_NOT_IN_USE;
    fails(none, NOT_IN_USE, () -> organizations.listRoots(OUTSIDER, "", 20));
    fails(none, NOT_IN_USE, () -> organizations.listParents(OUTSIDER, OUTSIDER, "", 20));
    fails(none, NOT_IN_USE, () -> organizations.listAwsServiceAccess(OUTSIDER, "", 20));
  }

  @Test
  void aRequestOnAnAccountIsAuthorizedWithTheAccountsTags() {
    String memberArn = "arn:aws:organizations::" + MANAGEMENT + ":account/" + org.id() + "/";
    assertThat(organizations.accountResource(MANAGEMENT, member))
        .contains(
            new Organizations.AccountResource(memberArn + member, Map.of("Protected", "true")));
    // Members read the same (the action itself then refuses them).
    assertThat(organizations.accountResource(member, member).orElseThrow().tags())
        .containsEntry("Protected", "true");
    organizations.untagResource(MANAGEMENT, member, List.of("Protected"));
    assertThat(organizations.accountResource(MANAGEMENT, member).orElseThrow().tags()).isEmpty();
    // An account of no organization, or of another, lends the request no tags.
    assertThat(organizations.accountResource(MANAGEMENT, OUTSIDER))
        .contains(new Organizations.AccountResource(memberArn + OUTSIDER, Map.of()));
    assertThat(organizations.accountResource(OUTSIDER, member)).isEmpty();
  }
}
