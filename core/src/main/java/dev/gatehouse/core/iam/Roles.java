package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.IamErrors;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * IAM role actions. spec: IAM API Reference, CreateRole ... DeleteRolePermissionsBoundary
 * (ListInstanceProfilesForRole is in {@link InstanceProfiles}).
 */
public final class Roles {
  /** spec: IAM quotas: roles per account 1,000 (default). */
  public static final int MAX_ROLES = 1000;

  /** spec: IAM quotas: role trust policy length 2,048 characters (default). */
  public static final int MAX_TRUST_POLICY_SIZE = 2048;

  private final IamContext ctx;

  Roles(IamContext ctx) {
    this.ctx = ctx;
  }

  /**
   * CreateRole. {@code path}, {@code description} and {@code permissionsBoundary} are empty when
   * not given; {@code maxSessionDuration} is 0 when not given (then 3600).
   */
  public record CreateRoleRequest(
      String roleName,
      String path,
      String assumeRolePolicyDocument,
      String description,
      int maxSessionDuration,
      String permissionsBoundary,
      List<Tag> tags) {
    public CreateRoleRequest {
      Objects.requireNonNull(roleName, "roleName");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(assumeRolePolicyDocument, "assumeRolePolicyDocument");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(permissionsBoundary, "permissionsBoundary");
      tags = List.copyOf(tags);
    }

    public static CreateRoleRequest of(String roleName, String trustPolicy) {
      return new CreateRoleRequest(roleName, "", trustPolicy, "", 0, "", List.of());
    }
  }

  public Role createRole(String accountId, CreateRoleRequest request) {
    Validation.name("roleName", request.roleName(), 64);
    String path = Validation.path("path", request.path());
    ServiceLinkedRoles.requireOrdinaryPath(path);
    trustPolicy(request.assumeRolePolicyDocument());
    Validation.description(request.description());
    int maxSession =
        request.maxSessionDuration() == 0
            ? Role.DEFAULT_MAX_SESSION_DURATION
            : request.maxSessionDuration();
    Validation.maxSessionDuration(maxSession);
    if (!request.permissionsBoundary().isEmpty()) {
      Validation.policyArn("permissionsBoundary", request.permissionsBoundary());
    }
    Validation.tags(request.tags());
    Role created =
        ctx.write(
            accountId,
            Change.role(request.roleName()),
            tx -> {
              String trust = TrustPrincipals.resolve(tx, request.assumeRolePolicyDocument());
              if (!request.permissionsBoundary().isEmpty()) {
                Boundaries.require(ctx, tx, accountId, request.permissionsBoundary());
              }
              Role role =
                  new Role(
                      accountId,
                      request.roleName(),
                      ctx.ids().roleId(),
                      path,
                      ctx.now(),
                      request.description(),
                      maxSession,
                      trust,
                      request.permissionsBoundary());
              IamRules.createRole(tx, role, MAX_ROLES);
              IamRules.putTags(tx, role.id(), request.tags());
              return role;
            });
    return ctx.shownRole(created);
  }

  private void trustPolicy(String document) {
    Validation.document("assumeRolePolicyDocument", document);
    if (Validation.sizeWithoutWhitespace(document) > MAX_TRUST_POLICY_SIZE) {
      throw IamErrors.quota("ACLSizePerRole", MAX_TRUST_POLICY_SIZE);
    }
    ctx.validator().validate(document, DocumentKind.TRUST);
  }

  /** GetRole: the role as IAM shows it (its trust policy's principals by current ARN). */
  public TaggedRole getRole(String accountId, String roleName) {
    Validation.name("roleName", roleName, 64);
    TaggedRole role =
        ctx.reads().role(accountId, roleName).orElseThrow(() -> IamErrors.noSuchRole(roleName));
    return new TaggedRole(ctx.shownRole(role.role()), role.tags(), role.lastUsed());
  }

  public Page<Role> listRoles(String accountId, String pathPrefix, PageRequest page) {
    String prefix = Validation.pathPrefix(pathPrefix);
    // Already in listing order (from the snapshot where there is one): the page is read from the
    // marker on.
    return Page.ofSorted(
            ctx.reads().roles(accountId),
            r -> r.name().toLowerCase(Locale.ROOT),
            r -> r.path().startsWith(prefix),
            page)
        .map(ctx::shownRole);
  }

  /**
   * UpdateRole: {@code description} is applied when {@code updateDescription}; {@code
   * maxSessionDuration} when not 0.
   */
  public Role updateRole(
      String accountId,
      String roleName,
      boolean updateDescription,
      String description,
      int maxSessionDuration) {
    Validation.name("roleName", roleName, 64);
    if (updateDescription) {
      Validation.description(description);
    }
    if (maxSessionDuration != 0) {
      Validation.maxSessionDuration(maxSessionDuration);
    }
    return ctx.shownRole(
        ctx.write(
            accountId,
            Change.role(roleName),
            tx -> {
              Role r = IamContext.role(tx, accountId, roleName);
              Role updated = updateDescription ? r.withDescription(description) : r;
              if (maxSessionDuration != 0) {
                ServiceLinkedRoles.requireModifiable(r);
                updated = updated.withMaxSessionDuration(maxSessionDuration);
              }
              tx.roles().updateRole(updated);
              return updated;
            }));
  }

  public Role updateRoleDescription(String accountId, String roleName, String description) {
    return updateRole(accountId, roleName, true, description, 0);
  }

  /**
   * UpdateAssumeRolePolicy. Writing the policy again is how a principal recreated since the last
   * write is trusted again (its new unique id replaces the old one).
   */
  public void updateAssumeRolePolicy(String accountId, String roleName, String policyDocument) {
    Validation.name("roleName", roleName, 64);
    trustPolicy(policyDocument);
    ctx.write(
        accountId,
        Change.role(roleName),
        tx -> {
          Role r = IamContext.role(tx, accountId, roleName);
          ServiceLinkedRoles.requireModifiable(r);
          tx.roles()
              .updateRole(
                  r.withAssumeRolePolicyDocument(TrustPrincipals.resolve(tx, policyDocument)));
          return null;
        });
  }

  public void deleteRole(String accountId, String roleName) {
    Validation.name("roleName", roleName, 64);
    ctx.write(
        accountId,
        Change.role(roleName),
        tx -> {
          Role r = IamContext.role(tx, accountId, roleName);
          ServiceLinkedRoles.requireModifiable(r);
          IamRules.deleteRole(tx, r);
          return null;
        });
  }

  public void tagRole(String accountId, String roleName, List<Tag> tags) {
    Validation.name("roleName", roleName, 64);
    EntityTags.tag(
        ctx,
        accountId,
        tx -> IamContext.role(tx, accountId, roleName).id(),
        Change.role(roleName),
        tags);
  }

  public void untagRole(String accountId, String roleName, List<String> tagKeys) {
    Validation.name("roleName", roleName, 64);
    EntityTags.untag(
        ctx,
        accountId,
        tx -> IamContext.role(tx, accountId, roleName).id(),
        Change.role(roleName),
        tagKeys);
  }

  public Page<Tag> listRoleTags(String accountId, String roleName, PageRequest page) {
    Validation.name("roleName", roleName, 64);
    // From the account's snapshot (EntityReads), as GetRole: the tags it holds are the store's.
    return EntityTags.page(
        ctx.reads()
            .role(accountId, roleName)
            .orElseThrow(() -> IamErrors.noSuchRole(roleName))
            .tags(),
        page);
  }

  public void putRolePermissionsBoundary(String accountId, String roleName, String boundaryArn) {
    Validation.name("roleName", roleName, 64);
    Validation.policyArn("permissionsBoundary", boundaryArn);
    ctx.write(
        accountId,
        Change.role(roleName),
        tx -> {
          Role r = IamContext.role(tx, accountId, roleName);
          ServiceLinkedRoles.requireModifiable(r);
          Boundaries.require(ctx, tx, accountId, boundaryArn);
          tx.roles().updateRole(r.withPermissionsBoundary(boundaryArn));
          return null;
        });
  }

  public void deleteRolePermissionsBoundary(String accountId, String roleName) {
    Validation.name("roleName", roleName, 64);
    ctx.write(
        accountId,
        Change.role(roleName),
        tx -> {
          Role r = IamContext.role(tx, accountId, roleName);
          ServiceLinkedRoles.requireModifiable(r);
          tx.roles().updateRole(r.withPermissionsBoundary(""));
          return null;
        });
  }

  /** GetRole's RoleLastUsed: when and where the role was last assumed, if ever. */
  public Optional<RoleLastUsed> getRoleLastUsed(String accountId, String roleName) {
    Validation.name("roleName", roleName, 64);
    return ctx.read(tx -> tx.roles().roleLastUsed(IamContext.role(tx, accountId, roleName).id()));
  }

  /**
   * Records a successful AssumeRole of the role (called by STS); a change of the account, so the
   * next GetRole shows it.
   */
  public void recordRoleUse(String accountId, String roleName, String region) {
    ctx.writeLastUse(
        accountId,
        tx -> {
          Role r = IamContext.role(tx, accountId, roleName);
          tx.roles().recordRoleUse(r.id(), new RoleLastUsed(ctx.now(), region));
          return r.id();
        });
  }
}
