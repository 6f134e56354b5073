package dev.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract: instance profiles, the role each holds, their tags; customer managed policy tags. */
public abstract class StoreContractInstanceProfiles extends StoreContractPasswords {

  private InstanceProfile createProfile(String name, String path) {
    InstanceProfile p =
        new InstanceProfile(
            account, name, "AIPA" + name.toUpperCase(java.util.Locale.ROOT) + account, path, T0);
    write(tx -> tx.createInstanceProfile(p));
    return p;
  }

  @Test
  void instanceProfileNamesAreUniquePerAccountCaseInsensitively() {
    InstanceProfile web = createProfile("Web", "/apps/");
    assertThat(reads().instanceProfile(account, "WEB")).contains(web);
    assertThat(web.arn()).isEqualTo("arn:aws:iam::" + account + ":instance-profile/apps/Web");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Instance Profile web already exists.",
        () ->
            write(
                tx ->
                    tx.createInstanceProfile(
                        new InstanceProfile(account, "web", "AIPAOTHER" + account, "/", T0))));
    InstanceProfile batch = createProfile("batch", "/");
    assertThat(reads().instanceProfiles(account)).containsExactly(batch, web);
    assertThat(reads().instanceProfiles(newAccount())).isEmpty();
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The account 999999999999 cannot be found.",
        () ->
            write(
                tx ->
                    tx.createInstanceProfile(
                        new InstanceProfile("999999999999", "x", "AIPAX999", "/", T0))));
  }

  @Test
  void anInstanceProfileHoldsOneRoleAndBothDeletionsWaitForItsRemoval() {
    InstanceProfile p = createProfile("web", "/");
    Role r = createRole("app");
    Role other = createRole("other");
    write(tx -> tx.addRoleToInstanceProfile(p.id(), r.id(), 1));
    assertThat(reads().instanceProfileRoles(p.id())).containsExactly(r);
    assertThat(reads().instanceProfilesForRole(r.id())).containsExactly(p);
    assertThat(reads().instanceProfilesForRole(other.id())).isEmpty();
    for (Role second : List.of(other, r)) {
      assertFails(
          ErrorCode.LIMIT_EXCEEDED,
          "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
          () -> write(tx -> tx.addRoleToInstanceProfile(p.id(), second.id(), 1)));
    }
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must remove roles from instance profile first.",
        () -> write(tx -> tx.deleteRole(account, "app")));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must remove roles from instance profile first.",
        () -> write(tx -> tx.deleteInstanceProfile(account, "web")));

    assertThat(writes().removeRoleFromInstanceProfile(p.id(), other.id())).isFalse();
    assertThat(writes().removeRoleFromInstanceProfile(p.id(), r.id())).isTrue();
    assertThat(reads().instanceProfileRoles(p.id())).isEmpty();
    write(tx -> tx.deleteRole(account, "app"));
    write(tx -> tx.putTags(p.id(), List.of(new Tag("team", "web")), 50));
    write(tx -> tx.deleteInstanceProfile(account, "WEB"));
    assertThat(reads().instanceProfile(account, "web")).isEmpty();
    assertThat(reads().tags(p.id())).isEmpty();
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "Instance Profile web cannot be found.",
        () -> write(tx -> tx.deleteInstanceProfile(account, "web")));
  }

  @Test
  void aDeletedPolicyTakesItsTagsAlong() {
    ManagedPolicy p = createPolicy("tagged");
    write(tx -> tx.putTags(p.id(), List.of(new Tag("owner", "ops")), 50));
    assertThat(reads().tags(p.id())).containsExactly(new Tag("owner", "ops"));
    write(tx -> tx.deletePolicy(account, p.arn()));
    assertThat(reads().tags(p.id())).isEmpty();
  }
}
