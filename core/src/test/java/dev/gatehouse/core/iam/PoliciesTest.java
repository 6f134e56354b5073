package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.IDENTITY;
import static dev.gatehouse.core.iam.IamTestKit.READ_ONLY_ACCESS;
import static dev.gatehouse.core.iam.IamTestKit.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Managed policies, versions, attachments and inline policies. */
class PoliciesTest {
  private final IamServices iam = new IamTestKit().iam;

  @Test
  void managedPoliciesAndVersions() {
    ManagedPolicy p =
        iam.managedPolicies()
            .createPolicy(
                ACCOUNT,
                new ManagedPolicies.CreatePolicyRequest(
                    "Read", "/team/", IDENTITY, "reads", List.of()));
    assertThat(p.id()).startsWith("ANPA");
    assertThat(p.arn()).isEqualTo("arn:aws:iam::123456789012:policy/team/Read");
    assertThat(iam.managedPolicies().getPolicy(ACCOUNT, p.arn()).defaultVersionId())
        .isEqualTo("v1");

    String v2doc = IDENTITY.replace("GetObject", "PutObject");
    PolicyVersion v2 = iam.managedPolicies().createPolicyVersion(ACCOUNT, p.arn(), v2doc, true);
    assertThat(v2.versionId()).isEqualTo("v2");
    iam.managedPolicies().createPolicyVersion(ACCOUNT, p.arn(), IDENTITY, false);
    assertThat(iam.managedPolicies().getPolicy(ACCOUNT, p.arn()).defaultVersionId())
        .isEqualTo("v2");
    assertThat(
            iam.managedPolicies().listPolicyVersions(ACCOUNT, p.arn(), PageRequest.first()).items())
        .extracting(PolicyVersion::versionId)
        .containsExactly("v3", "v2", "v1");
    assertThat(iam.managedPolicies().getPolicyVersion(ACCOUNT, p.arn(), "v2").document())
        .isEqualTo(v2doc);
    iam.managedPolicies().setDefaultPolicyVersion(ACCOUNT, p.arn(), "v3");
    iam.managedPolicies().deletePolicyVersion(ACCOUNT, p.arn(), "v2");
    iam.managedPolicies().deletePolicyVersion(ACCOUNT, p.arn(), "v1");
    iam.managedPolicies().deletePolicy(ACCOUNT, p.arn());
    assertThat(
            iam.managedPolicies()
                .listPolicies(ACCOUNT, PolicyScope.LOCAL, false, "", PageRequest.first())
                .items())
        .isEmpty();
  }

  @Test
  void awsManagedPoliciesAreListedAndReadable() {
    ManagedPolicy ro = iam.managedPolicies().getPolicy(ACCOUNT, READ_ONLY_ACCESS);
    assertThat(ro.isAwsManaged()).isTrue();
    assertThat(ro.attachmentCount()).isZero();
    PolicyVersion v =
        iam.managedPolicies().getPolicyVersion(ACCOUNT, READ_ONLY_ACCESS, ro.defaultVersionId());
    assertThat(v.isDefault()).isTrue();
    assertThat(v.document()).contains("\"Statement\"");
    assertThat(
            iam.managedPolicies()
                .listPolicyVersions(ACCOUNT, READ_ONLY_ACCESS, PageRequest.first())
                .items())
        .containsExactly(v);

    Page<ManagedPolicy> aws =
        iam.managedPolicies()
            .listPolicies(ACCOUNT, PolicyScope.AWS, false, "", PageRequest.first());
    assertThat(aws.items()).hasSize(100);
    assertThat(aws.isTruncated()).isTrue();
    int total = aws.items().size();
    Page<ManagedPolicy> page = aws;
    while (page.isTruncated()) {
      page =
          iam.managedPolicies()
              .listPolicies(
                  ACCOUNT,
                  PolicyScope.AWS,
                  false,
                  "",
                  new PageRequest(page.marker().orElseThrow(), 1000));
      total += page.items().size();
    }
    assertThat(total).isGreaterThan(1000);

    iam.managedPolicies()
        .createPolicy(ACCOUNT, ManagedPolicies.CreatePolicyRequest.of("Mine", IDENTITY));
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("u"));
    iam.attachments().attachUserPolicy(ACCOUNT, "u", READ_ONLY_ACCESS);
    assertThat(
            iam.managedPolicies()
                .listPolicies(ACCOUNT, PolicyScope.ALL, true, "", PageRequest.first())
                .items())
        .extracting(ManagedPolicy::arn, ManagedPolicy::attachmentCount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(READ_ONLY_ACCESS, 1));
    assertThat(
            iam.managedPolicies()
                .listPolicies(ACCOUNT, PolicyScope.LOCAL, false, "", PageRequest.first())
                .items())
        .extracting(ManagedPolicy::name)
        .containsExactly("Mine");
  }

  @Test
  void attachmentsAreListedBothWays() {
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("u"));
    iam.groups().createGroup(ACCOUNT, "g", "");
    iam.roles().createRole(ACCOUNT, Roles.CreateRoleRequest.of("r", TRUST));
    ManagedPolicy mine =
        iam.managedPolicies()
            .createPolicy(
                ACCOUNT,
                new ManagedPolicies.CreatePolicyRequest("mine", "/x/", IDENTITY, "", List.of()));
    iam.attachments().attachUserPolicy(ACCOUNT, "u", mine.arn());
    iam.attachments().attachGroupPolicy(ACCOUNT, "g", mine.arn());
    iam.attachments().attachRolePolicy(ACCOUNT, "r", mine.arn());
    iam.attachments().attachRolePolicy(ACCOUNT, "r", READ_ONLY_ACCESS);

    assertThat(
            iam.attachments()
                .listAttached(ACCOUNT, EntityKind.ROLE, "r", "", PageRequest.first())
                .items())
        .containsExactly(
            new AttachedPolicy("mine", mine.arn()),
            new AttachedPolicy("ReadOnlyAccess", READ_ONLY_ACCESS));
    assertThat(
            iam.attachments()
                .listAttached(ACCOUNT, EntityKind.ROLE, "r", "/x/", PageRequest.first())
                .items())
        .containsExactly(new AttachedPolicy("mine", mine.arn()));
    assertThat(
            iam.attachments()
                .listEntitiesForPolicy(ACCOUNT, mine.arn(), List.of(), "", PageRequest.first())
                .items())
        .extracting(EntityRef::kind, EntityRef::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EntityKind.USER, "u"),
            org.assertj.core.groups.Tuple.tuple(EntityKind.GROUP, "g"),
            org.assertj.core.groups.Tuple.tuple(EntityKind.ROLE, "r"));
    assertThat(
            iam.attachments()
                .listEntitiesForPolicy(
                    ACCOUNT, mine.arn(), List.of(EntityKind.ROLE), "", PageRequest.first())
                .items())
        .extracting(EntityRef::name)
        .containsExactly("r");
    assertThat(iam.managedPolicies().getPolicy(ACCOUNT, mine.arn()).attachmentCount()).isEqualTo(3);

    iam.attachments().detachUserPolicy(ACCOUNT, "u", mine.arn());
    iam.attachments().detachGroupPolicy(ACCOUNT, "g", mine.arn());
    iam.attachments().detachRolePolicy(ACCOUNT, "r", mine.arn());
    assertThat(iam.managedPolicies().getPolicy(ACCOUNT, mine.arn()).attachmentCount()).isZero();
  }

  @Test
  void inlinePoliciesOfEveryKind() {
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("u"));
    iam.groups().createGroup(ACCOUNT, "g", "");
    iam.roles().createRole(ACCOUNT, Roles.CreateRoleRequest.of("r", TRUST));
    for (EntityKind kind : EntityKind.values()) {
      String name = kind == EntityKind.USER ? "u" : kind == EntityKind.GROUP ? "g" : "r";
      iam.inlinePolicies().put(ACCOUNT, kind, name, "B", IDENTITY);
      iam.inlinePolicies().put(ACCOUNT, kind, name, "a", IDENTITY);
      assertThat(iam.inlinePolicies().list(ACCOUNT, kind, name, PageRequest.first()).items())
          .containsExactly("a", "B");
      InlinePolicy got = iam.inlinePolicies().get(ACCOUNT, kind, name, "b");
      assertThat(got.name()).isEqualTo("B");
      assertThat(got.document()).isEqualTo(IDENTITY);
      iam.inlinePolicies().delete(ACCOUNT, kind, name, "b");
      assertThat(iam.inlinePolicies().list(ACCOUNT, kind, name, PageRequest.first()).items())
          .containsExactly("a");
    }
    // A role may hold up to 10,240 characters inline, more than a managed policy's 6,144.
    String big =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\""
            + "s".repeat(7000)
            + "\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    iam.inlinePolicies().put(ACCOUNT, EntityKind.ROLE, "r", "big", big);
    assertThat(iam.inlinePolicies().get(ACCOUNT, EntityKind.ROLE, "r", "big").document())
        .isEqualTo(big);
  }
}
