package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.authz.AuthorizationView;
import dev.gatehouse.core.authz.SnapshotViews;
import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Instance profiles and managed-policy tags: what succeeds, and what it returns. */
class InstanceProfilesTest {
  private static final String POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
          + "\"Resource\":\"*\"}]}";

  private final IamTestKit kit = new IamTestKit();
  private final IamServices iam = kit.iam;
  private final InstanceProfiles profiles = iam.instanceProfiles();

  @Test
  void profilesHoldARoleAndCarryTags() {
    InstanceProfileView created =
        profiles.create(
            ACCOUNT,
            new InstanceProfiles.CreateInstanceProfileRequest(
                "web", "/apps/", List.of(new Tag("team", "web"))));
    InstanceProfile web = created.profile();
    assertThat(web.id()).matches("AIPA[A-Z2-7]{17}");
    assertThat(web.arn()).isEqualTo("arn:aws:iam::123456789012:instance-profile/apps/web");
    assertThat(web.createDate()).isEqualTo(IamTestKit.NOW);
    assertThat(created.roles()).isEmpty();
    assertThat(created.tags()).containsExactly(new Tag("team", "web"));
    profiles.create(
        ACCOUNT, new InstanceProfiles.CreateInstanceProfileRequest("batch", "", List.of()));
    assertThat(iam.accounts().getAccountSummary(ACCOUNT))
        .containsEntry("InstanceProfiles", 2)
        .containsEntry("InstanceProfilesQuota", 1000);

    Role role =
        iam.roles().createRole(ACCOUNT, Roles.CreateRoleRequest.of("app", IamTestKit.TRUST));
    profiles.addRole(ACCOUNT, "WEB", "APP");
    InstanceProfileView got = profiles.get(ACCOUNT, "Web");
    assertThat(got.profile()).isEqualTo(web);
    assertThat(got.roles()).containsExactly(role);
    assertThat(got.tags()).containsExactly(new Tag("team", "web"));

    assertThat(profiles.list(ACCOUNT, "", PageRequest.first()).items())
        .extracting(v -> v.profile().name())
        .containsExactly("batch", "web");
    Page<InstanceProfileView> under = profiles.list(ACCOUNT, "/apps/", PageRequest.first());
    assertThat(under.items()).extracting(InstanceProfileView::profile).containsExactly(web);
    assertThat(under.items().get(0).roles()).containsExactly(role);
    assertThat(under.items().get(0).tags()).as("lists leave tags out").isEmpty();
    Page<InstanceProfileView> first = profiles.list(ACCOUNT, "", new PageRequest("", 1));
    assertThat(first.isTruncated()).isTrue();
    assertThat(profiles.listForRole(ACCOUNT, "app", PageRequest.first()).items())
        .extracting(InstanceProfileView::profile)
        .containsExactly(web);

    AuthorizationDetails details =
        iam.accounts()
            .getAccountAuthorizationDetails(ACCOUNT, EnumSet.of(AuthorizationDetails.Filter.ROLE));
    assertThat(details.roles()).hasSize(1);
    assertThat(details.roles().get(0).instanceProfiles())
        .extracting(InstanceProfileView::profile)
        .containsExactly(web);

    profiles.tag(ACCOUNT, "web", List.of(new Tag("env", "prod")));
    profiles.untag(ACCOUNT, "web", List.of("TEAM"));
    assertThat(profiles.listTags(ACCOUNT, "web", PageRequest.first()).items())
        .containsExactly(new Tag("env", "prod"));

    profiles.removeRole(ACCOUNT, "web", "app");
    assertThat(profiles.get(ACCOUNT, "web").roles()).isEmpty();
    assertThat(profiles.listForRole(ACCOUNT, "app", PageRequest.first()).items()).isEmpty();
    profiles.delete(ACCOUNT, "web");
    iam.roles().deleteRole(ACCOUNT, "app");
    assertThat(profiles.list(ACCOUNT, "", PageRequest.first()).items())
        .extracting(v -> v.profile().name())
        .containsExactly("batch");
  }

  @Test
  void theAuthorizationViewKnowsAProfilesPathAndTags() {
    profiles.create(
        ACCOUNT,
        new InstanceProfiles.CreateInstanceProfileRequest(
            "web", "/apps/", List.of(new Tag("team", "web"))));
    AuthorizationView view = new SnapshotViews(kit.snapshots).apply(ACCOUNT);
    assertThat(view.path("instance-profile", "WEB")).contains("/apps/");
    assertThat(view.resourceTags("instance-profile", "web")).isEqualTo(Map.of("team", "web"));
    assertThat(view.path("instance-profile", "none")).isEmpty();
    assertThat(view.resourceTags("instance-profile", "none")).isEmpty();
  }

  @Test
  void customerManagedPoliciesCarryTags() {
    ManagedPolicy p =
        iam.managedPolicies()
            .createPolicy(
                ACCOUNT,
                new ManagedPolicies.CreatePolicyRequest(
                    "tagged", "", POLICY, "", List.of(new Tag("owner", "ops"))));
    PolicyTags tags = iam.policyTags();
    assertThat(tags.of(ACCOUNT, p.arn())).containsExactly(new Tag("owner", "ops"));
    tags.tag(ACCOUNT, p.arn(), List.of(new Tag("cost", "42"), new Tag("OWNER", "sec")));
    assertThat(tags.list(ACCOUNT, p.arn(), PageRequest.first()).items())
        .containsExactly(new Tag("cost", "42"), new Tag("OWNER", "sec"));
    tags.untag(ACCOUNT, p.arn(), List.of("Cost"));
    assertThat(tags.of(ACCOUNT, p.arn())).containsExactly(new Tag("OWNER", "sec"));
    assertThat(tags.of(ACCOUNT, IamTestKit.READ_ONLY_ACCESS)).isEmpty();
    iam.managedPolicies().deletePolicy(ACCOUNT, p.arn());
    assertThat(tags.of(ACCOUNT, p.arn())).isEmpty();
  }
}
