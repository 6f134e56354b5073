package dev.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract: instance profiles, the role each holds, their tags; customer managed policy tags. */
public abstract class StoreContractInstanceProfiles extends StoreContractPasswords {

  private InstanceProfile createProfile(String name, String path) {
    InstanceProfile p =
        new InstanceProfile(
            account, name, "AIPA" + name.toUpperCase(java.util.Locale.ROOT) + account, path, T0);
    write(tx -> tx.instanceProfiles().createInstanceProfile(p));
    return p;
  }

  @Test
  void instanceProfileNamesAreUniquePerAccountCaseInsensitively() {
    InstanceProfile web = createProfile("Web", "/apps/");
    assertThat(reads().instanceProfiles().instanceProfile(account, "WEB")).contains(web);
    assertThat(web.arn()).isEqualTo("arn:aws:iam::" + account + ":instance-profile/apps/Web");
    assertThatThrownBy(
            () ->
                write(
                    tx ->
                        tx.instanceProfiles()
                            .createInstanceProfile(
                                new InstanceProfile(
                                    account, "web", "AIPAOTHER" + account, "/", T0))))
        .isInstanceOf(StoreConflict.class);
    InstanceProfile batch = createProfile("batch", "/");
    assertThat(reads().instanceProfiles().instanceProfiles(account)).containsExactly(batch, web);
    assertThat(reads().instanceProfiles().instanceProfileCount(account)).isEqualTo(2);
    assertThat(reads().instanceProfiles().instanceProfiles(newAccount())).isEmpty();
  }

  @Test
  void anInstanceProfileHoldsRolesAndIsDeletedWithItsTags() {
    InstanceProfile p = createProfile("web", "/");
    Role r = createRole("app");
    Role other = createRole("other");
    assertThat(writes().instanceProfiles().addRoleToInstanceProfile(p.id(), r.id())).isTrue();
    assertThat(writes().instanceProfiles().addRoleToInstanceProfile(p.id(), r.id())).isFalse();
    assertThat(reads().instanceProfiles().instanceProfileRoles(p.id())).containsExactly(r);
    assertThat(reads().instanceProfiles().instanceProfilesForRole(r.id())).containsExactly(p);
    assertThat(reads().instanceProfiles().instanceProfilesForRole(other.id())).isEmpty();

    assertThat(writes().instanceProfiles().removeRoleFromInstanceProfile(p.id(), other.id()))
        .isFalse();
    assertThat(writes().instanceProfiles().removeRoleFromInstanceProfile(p.id(), r.id())).isTrue();
    assertThat(reads().instanceProfiles().instanceProfileRoles(p.id())).isEmpty();
    write(tx -> tx.tags().putTags(p.id(), List.of(new Tag("team", "web"))));
    write(tx -> tx.instanceProfiles().deleteInstanceProfile(p.id()));
    assertThat(reads().instanceProfiles().instanceProfile(account, "web")).isEmpty();
    assertThat(reads().tags().tags(p.id())).isEmpty();
  }
}
