package dev.gatehouse.api.iam;

import dev.gatehouse.api.Shape;
import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.iam.InstanceProfileView;
import dev.gatehouse.core.iam.TaggedRole;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The IAM output shapes, member by member in the order of the IAM API model (spec: botocore
 * iam-2010-05-08 service model, shapes User, Role, Group, Policy, PolicyVersion, AccessKey...).
 */
final class IamShapes {
  private IamShapes() {}

  /**
   * Policy documents travel URL-encoded in IAM responses (spec: IAM API reference, e.g.
   * GetRolePolicy: "The policy document returned in this structure is URL-encoded compliant with
   * RFC 3986"). Spaces as {@code %20}: clients decode with an RFC 3986 unquote, not form decoding.
   */
  static String encodeDocument(String document) {
    return URLEncoder.encode(document, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  static void user(Shape out, String element, User user, List<Tag> tags) {
    userBase(out, element, user);
    boundary(out, user.permissionsBoundary());
    tags(out, tags);
    out.end();
  }

  /**
   * A user as ListUsers lists it. spec: ListUsers, "This operation does not return the following
   * attributes, even though they are an attribute of the returned object: PermissionsBoundary,
   * Tags".
   */
  static void listedUser(Shape out, String element, User user) {
    userBase(out, element, user);
    out.end();
  }

  private static void userBase(Shape out, String element, User user) {
    open(out, element)
        .field("Path", user.path())
        .field("UserName", user.name())
        .field("UserId", user.id())
        .field("Arn", user.arn())
        .field("CreateDate", user.createDate());
  }

  static void group(Shape out, String element, Group group) {
    open(out, element)
        .field("Path", group.path())
        .field("GroupName", group.name())
        .field("GroupId", group.id())
        .field("Arn", group.arn())
        .field("CreateDate", group.createDate())
        .end();
  }

  /**
   * A role. {@code full} adds what GetRole, CreateRole and UpdateRole-family responses carry (the
   * RoleLastUsed element, empty here); ListRoles leaves it out, as AWS does.
   */
  static void role(Shape out, String element, Role role, List<Tag> tags, boolean full) {
    role(out, element, role, tags, full, Optional.empty(), true);
  }

  /** GetRole's role: the full shape, with when and where it was last assumed. */
  static void role(Shape out, String element, TaggedRole role) {
    role(out, element, role.role(), role.tags(), true, role.lastUsed(), true);
  }

  /**
   * A role as ListRoles lists it. spec: ListRoles, "This operation does not return the following
   * attributes, even though they are an attribute of the returned object: PermissionsBoundary,
   * RoleLastUsed, Tags".
   */
  static void listedRole(Shape out, String element, Role role) {
    role(out, element, role, List.of(), false, Optional.empty(), false);
  }

  private static void role(
      Shape out,
      String element,
      Role role,
      List<Tag> tags,
      boolean full,
      Optional<RoleLastUsed> lastUsed,
      boolean withBoundary) {
    open(out, element)
        .field("Path", role.path())
        .field("RoleName", role.name())
        .field("RoleId", role.id())
        .field("Arn", role.arn())
        .field("CreateDate", role.createDate())
        .field("AssumeRolePolicyDocument", encodeDocument(role.assumeRolePolicyDocument()));
    if (!role.description().isEmpty()) {
      out.field("Description", role.description());
    }
    out.field("MaxSessionDuration", role.maxSessionDuration());
    if (withBoundary) {
      boundary(out, role.permissionsBoundary());
    }
    tags(out, tags);
    if (full) {
      out.start("RoleLastUsed");
      lastUsed.ifPresent(
          used -> out.field("LastUsedDate", used.date()).field("Region", used.region()));
      out.end();
    }
    out.end();
  }

  /**
   * An instance profile with its roles, each in the full role shape (spec: botocore shape
   * InstanceProfile: Path, InstanceProfileName, InstanceProfileId, Arn, CreateDate, Roles, Tags).
   */
  static void instanceProfile(Shape out, String element, InstanceProfileView view) {
    InstanceProfile p = view.profile();
    open(out, element)
        .field("Path", p.path())
        .field("InstanceProfileName", p.name())
        .field("InstanceProfileId", p.id())
        .field("Arn", p.arn())
        .field("CreateDate", p.createDate())
        .startList("Roles");
    for (Role role : view.roles()) {
      role(out, "member", role, List.of(), false);
    }
    out.end();
    tags(out, view.tags());
    out.end();
  }

  static void instanceProfileMember(InstanceProfileView view, Shape out) {
    instanceProfile(out, "member", view);
  }

  /** A managed policy; {@code description} only in GetPolicy and CreatePolicy, as AWS does. */
  static void policy(
      Shape out, String element, ManagedPolicy policy, List<Tag> tags, boolean description) {
    open(out, element)
        .field("PolicyName", policy.name())
        .field("PolicyId", policy.id())
        .field("Arn", policy.arn())
        .field("Path", policy.path())
        .field("DefaultVersionId", policy.defaultVersionId())
        .field("AttachmentCount", policy.attachmentCount())
        .field("PermissionsBoundaryUsageCount", 0)
        .field("IsAttachable", policy.attachable());
    if (description && !policy.description().isEmpty()) {
      out.field("Description", policy.description());
    }
    out.field("CreateDate", policy.createDate()).field("UpdateDate", policy.updateDate());
    tags(out, tags);
    out.end();
  }

  static void policyVersion(Shape out, String element, PolicyVersion version, boolean document) {
    open(out, element);
    if (document) {
      out.field("Document", encodeDocument(version.document()));
    }
    out.field("VersionId", version.versionId())
        .field("IsDefaultVersion", version.isDefault())
        .field("CreateDate", version.createDate())
        .end();
  }

  /** AccessKeyMetadata (list) or AccessKey (create, with the secret). */
  static void accessKey(
      Shape out, String element, AccessKey key, String userName, Optional<String> secret) {
    open(out, element)
        .field("UserName", userName)
        .field("AccessKeyId", key.accessKeyId())
        .field("Status", key.status().wireName());
    secret.ifPresent(s -> out.secret("SecretAccessKey", s));
    out.field("CreateDate", key.createDate()).end();
  }

  /** List entries are {@code <member>}; other structures carry their own element name. */
  static Shape open(Shape out, String element) {
    return element.equals("member") ? out.member() : out.start(element);
  }

  static void tags(Shape out, List<Tag> tags) {
    if (tags.isEmpty()) {
      return;
    }
    tagList(out, tags);
  }

  /** {@code <Tags><member><Key/><Value/></member>...</Tags>}, written even when empty. */
  static void tagList(Shape out, List<Tag> tags) {
    out.startList("Tags");
    for (Tag tag : tags) {
      out.member().field("Key", tag.key()).field("Value", tag.value()).end();
    }
    out.end();
  }

  /**
   * spec: botocore iam model, shape AttachedPermissionsBoundary: PermissionsBoundaryType is the
   * enum PermissionsBoundaryAttachmentType, whose one value is {@code PermissionsBoundaryPolicy}.
   */
  static void boundary(Shape out, Optional<String> arn) {
    arn.ifPresent(
        a ->
            out.start("PermissionsBoundary")
                .field("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
                .field("PermissionsBoundaryArn", a)
                .end());
  }

  /** IsTruncated and, when truncated, Marker (spec: IAM pagination). */
  static void page(Shape out, Optional<String> nextMarker) {
    out.field("IsTruncated", nextMarker.isPresent());
    nextMarker.ifPresent(m -> out.field("Marker", m));
  }
}
