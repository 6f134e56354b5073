package dev.gatehouse.core.org;

import static dev.gatehouse.core.org.OrganizationsTest.DENIED;
import static dev.gatehouse.core.org.OrganizationsTest.NOT_IN_USE;
import static dev.gatehouse.core.org.OrganizationsTest.fails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.store.MemoryStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ListTagsForResource, TagResource and UntagResource on the accounts of an organization. */
class OrganizationsTagsTest {
  static final Instant NOW = Instant.parse("2026-03-04T05:06:07.089Z");
  static final String MANAGEMENT = "111111111111";
  static final String OUTSIDER = "222222222222";
  static final String TARGET_NOT_FOUND =
      "We can't find a root, OU, account, or policy with the TargetId that you specified.";

  MemoryStore store;
  Organizations organizations;
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
    organizations.createOrganization(MANAGEMENT, "");
    member =
        organizations
            .createAccount(
                MANAGEMENT,
                new CreateAccountRequest(
                    "m@example.com", "M", "", "", List.of(new Tag("team", "core"))))
            .createdAccountId()
            .orElseThrow();
  }

  private List<Tag> tags(String accountId) {
    return organizations.listTagsForResource(MANAGEMENT, accountId, "");
  }

  @Test
  void tagsAreListedAddedOverwrittenAndRemovedByKey() {
    assertThat(tags(member)).containsExactly(new Tag("team", "core"));
    assertThat(tags(MANAGEMENT)).isEmpty();

    organizations.tagResource(
        MANAGEMENT, member, List.of(new Tag("team", "edge"), new Tag("Cost", "")));
    assertThat(tags(member)).containsExactly(new Tag("Cost", ""), new Tag("team", "edge"));

    organizations.tagResource(MANAGEMENT, MANAGEMENT, List.of(new Tag("root", "yes")));
    assertThat(tags(MANAGEMENT)).containsExactly(new Tag("root", "yes"));

    organizations.untagResource(MANAGEMENT, member, List.of("team", "absent"));
    assertThat(tags(member)).containsExactly(new Tag("Cost", ""));
    organizations.untagResource(MANAGEMENT, member, List.of("Cost"));
    assertThat(tags(member)).isEmpty();
    assertThat(tags(MANAGEMENT)).containsExactly(new Tag("root", "yes"));
  }

  @Test
  void anAccountKeepsAtMostFiftyTagsAndARefusedRequestChangesNothing() {
    List<Tag> fortyNine = new ArrayList<>();
    for (int i = 0; i < 49; i++) {
      fortyNine.add(new Tag("k" + i, "v"));
    }
    organizations.tagResource(MANAGEMENT, member, fortyNine);
    assertThat(tags(member)).hasSize(50);
    // Overwriting a key does not count twice.
    organizations.tagResource(MANAGEMENT, member, List.of(new Tag("k0", "w")));
    assertThatThrownBy(
            () -> organizations.tagResource(MANAGEMENT, member, List.of(new Tag("one", "more"))))
        .isInstanceOf(OrganizationsException.class)
        .hasMessage("Tags: you can attach at most 50 tags to a resource.")
        .satisfies(
            e -> {
              OrganizationsException o = (OrganizationsException) e;
              assertThat(o.code()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION);
              assertThat(o.reason()).contains("MAX_TAG_LIMIT_EXCEEDED");
            });
    assertThat(tags(member))
        .hasSize(50)
        .contains(new Tag("k0", "w"))
        .doesNotContain(new Tag("one", "more"));
  }

  @Test
  void onlyTheManagementAccountOfTheOrganizationTagsItsAccounts() {
    ErrorCode denied = ErrorCode.ORGANIZATIONS_ACCESS_DENIED;
    fails(denied, DENIED, () -> organizations.listTagsForResource(member, member, ""));
    fails(denied, DENIED, () -> organizations.tagResource(member, member, List.of()));
    fails(denied, DENIED, () -> organizations.untagResource(member, member, List.of("team")));

    ErrorCode notInUse = ErrorCode.ORGANIZATIONS_NOT_IN_USE;
    fails(notInUse, NOT_IN_USE, () -> organizations.listTagsForResource(OUTSIDER, member, ""));
    fails(notInUse, NOT_IN_USE, () -> organizations.tagResource(OUTSIDER, member, List.of()));
    fails(notInUse, NOT_IN_USE, () -> organizations.untagResource(OUTSIDER, member, List.of("a")));
    assertThat(tags(member)).containsExactly(new Tag("team", "core"));
  }

  @Test
  void accountsOutsideTheOrganizationAndOtherResourceKindsAreNotFound() {
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account("333333333333", NOW));
          return null;
        });
    organizations.createOrganization("333333333333", "");
    ErrorCode code = ErrorCode.TARGET_NOT_FOUND;
    for (String id :
        List.of(OUTSIDER, "333333333333", "r-ab12", "ou-ab12-abcdefgh", "p-12345678")) {
      fails(code, TARGET_NOT_FOUND, () -> organizations.listTagsForResource(MANAGEMENT, id, ""));
      fails(
          code,
          TARGET_NOT_FOUND,
          () -> organizations.tagResource(MANAGEMENT, id, List.of(new Tag("a", "b"))));
      fails(
          code, TARGET_NOT_FOUND, () -> organizations.untagResource(MANAGEMENT, id, List.of("a")));
    }
  }
}
