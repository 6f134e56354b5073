package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.store.ReadTransaction;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * IAM instance profiles. spec: IAM API Reference, CreateInstanceProfile ...
 * ListInstanceProfileTags, AddRoleToInstanceProfile, RemoveRoleFromInstanceProfile,
 * ListInstanceProfilesForRole.
 */
public final class InstanceProfiles {
  /** spec: IAM quotas: instance profiles per account 1,000 (default). */
  public static final int MAX_INSTANCE_PROFILES = 1000;

  /** spec: IAM quotas: roles per instance profile 1 (not adjustable). */
  public static final int MAX_ROLES_PER_PROFILE = 1;

  /** spec: InstanceProfileName, instanceProfileNameType: 1-128 of {@code [\w+=,.@-]+}. */
  private static final int MAX_NAME = 128;

  private final IamContext ctx;

  InstanceProfiles(IamContext ctx) {
    this.ctx = ctx;
  }

  /** CreateInstanceProfile. {@code path} is empty when not given. */
  public record CreateInstanceProfileRequest(String name, String path, List<Tag> tags) {
    public CreateInstanceProfileRequest {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(path, "path");
      tags = List.copyOf(tags);
    }
  }

  static InstanceProfile profile(ReadTransaction tx, String accountId, String name) {
    return tx.instanceProfiles()
        .instanceProfile(accountId, name)
        .orElseThrow(() -> IamErrors.noSuchInstanceProfile(name));
  }

  private static void name(String name) {
    Validation.name("instanceProfileName", name, MAX_NAME);
  }

  public InstanceProfileView create(String accountId, CreateInstanceProfileRequest request) {
    name(request.name());
    String path = Validation.path("path", request.path());
    Validation.tags(request.tags());
    return ctx.write(
        accountId,
        tx -> {
          InstanceProfile p =
              new InstanceProfile(
                  accountId, request.name(), ctx.ids().instanceProfileId(), path, ctx.now());
          IamRules.createInstanceProfile(tx, p, MAX_INSTANCE_PROFILES);
          IamRules.putTags(tx, p.id(), request.tags());
          return new InstanceProfileView(p, List.of(), request.tags());
        });
  }

  public InstanceProfileView get(String accountId, String name) {
    name(name);
    return ctx.shownProfile(
        ctx.read(
            tx -> {
              InstanceProfile p = profile(tx, accountId, name);
              return new InstanceProfileView(
                  p, tx.instanceProfiles().instanceProfileRoles(p.id()), tx.tags().tags(p.id()));
            }));
  }

  /** ListInstanceProfiles. {@code pathPrefix} is empty for all. */
  public Page<InstanceProfileView> list(String accountId, String pathPrefix, PageRequest page) {
    String prefix = Validation.pathPrefix(pathPrefix);
    List<InstanceProfileView> all =
        ctx.read(
            tx ->
                tx.instanceProfiles().instanceProfiles(accountId).stream()
                    .filter(p -> p.path().startsWith(prefix))
                    .map(
                        p ->
                            new InstanceProfileView(
                                p, tx.instanceProfiles().instanceProfileRoles(p.id()), List.of()))
                    .toList());
    return Page.slice(all, v -> v.profile().name().toLowerCase(Locale.ROOT), page)
        .map(ctx::shownProfile);
  }

  public void delete(String accountId, String name) {
    name(name);
    ctx.write(
        accountId,
        tx -> {
          IamRules.deleteInstanceProfile(tx, profile(tx, accountId, name));
          return null;
        });
  }

  /** spec: AddRoleToInstanceProfile: "an instance profile can contain only one role". */
  public void addRole(String accountId, String profileName, String roleName) {
    name(profileName);
    Validation.name("roleName", roleName, 64);
    ctx.write(
        accountId,
        tx -> {
          InstanceProfile p = profile(tx, accountId, profileName);
          Role r = IamContext.role(tx, accountId, roleName);
          IamRules.addRoleToInstanceProfile(tx, p, r);
          return null;
        });
  }

  public void removeRole(String accountId, String profileName, String roleName) {
    name(profileName);
    Validation.name("roleName", roleName, 64);
    ctx.write(
        accountId,
        tx -> {
          InstanceProfile p = profile(tx, accountId, profileName);
          Role r = IamContext.role(tx, accountId, roleName);
          if (!tx.instanceProfiles().removeRoleFromInstanceProfile(p.id(), r.id())) {
            throw IamErrors.roleNotInInstanceProfile(roleName, profileName);
          }
          return null;
        });
  }

  /** ListInstanceProfilesForRole: the profiles holding the role, with their roles. */
  public Page<InstanceProfileView> listForRole(
      String accountId, String roleName, PageRequest page) {
    Validation.name("roleName", roleName, 64);
    List<InstanceProfileView> all =
        ctx.read(
            tx ->
                tx
                    .instanceProfiles()
                    .instanceProfilesForRole(IamContext.role(tx, accountId, roleName).id())
                    .stream()
                    .map(
                        p ->
                            new InstanceProfileView(
                                p, tx.instanceProfiles().instanceProfileRoles(p.id()), List.of()))
                    .toList());
    return Page.slice(all, v -> v.profile().name().toLowerCase(Locale.ROOT), page)
        .map(ctx::shownProfile);
  }

  public void tag(String accountId, String name, List<Tag> tags) {
    name(name);
    EntityTags.tag(ctx, accountId, tx -> profile(tx, accountId, name).id(), tags);
  }

  public void untag(String accountId, String name, List<String> tagKeys) {
    name(name);
    EntityTags.untag(ctx, accountId, tx -> profile(tx, accountId, name).id(), tagKeys);
  }

  public Page<Tag> listTags(String accountId, String name, PageRequest page) {
    name(name);
    return EntityTags.list(ctx, tx -> profile(tx, accountId, name).id(), page);
  }
}
