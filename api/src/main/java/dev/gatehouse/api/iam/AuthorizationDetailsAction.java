package dev.gatehouse.api.iam;

import static dev.gatehouse.api.iam.Ops.account;
import static dev.gatehouse.api.iam.Ops.any;
import static dev.gatehouse.api.iam.Ops.op;
import static dev.gatehouse.api.iam.Ops.page;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.AttachedPolicy;
import dev.gatehouse.core.iam.AuthorizationDetails;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.InstanceProfileView;
import dev.gatehouse.core.iam.Page;
import dev.gatehouse.core.iam.PageRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GetAccountAuthorizationDetails: every user, group, role and managed policy with their policies
 * (spec: IAM API reference, GetAccountAuthorizationDetails), in pages of MaxItems entries counted
 * across the four lists, users first, then groups, roles and policies.
 */
final class AuthorizationDetailsAction {
  private AuthorizationDetailsAction() {}

  record Filters(Set<AuthorizationDetails.Filter> filters, PageRequest page) {}

  /** One page: the entries of each list it holds, and the marker of the next. */
  record Paged(AuthorizationDetails details, Optional<String> marker) {}

  /** An entry of the combined listing; the key orders the kinds, then names (or ARNs). */
  private record Entry(String key, Object detail) {}

  static Operation<?, ?> operation(IamServices iam) {
    return op(
        "GetAccountAuthorizationDetails",
        p -> new Filters(filters(p.list("Filter")), page(p)),
        (c, in) -> any(),
        (c, in) ->
            slice(
                iam.accounts().getAccountAuthorizationDetails(account(c), in.filters()), in.page()),
        AuthorizationDetailsAction::encode);
  }

  static Paged slice(AuthorizationDetails all, PageRequest request) {
    List<Entry> entries = new ArrayList<>();
    all.users().forEach(d -> entries.add(new Entry("1" + d.user().name(), d)));
    all.groups().forEach(d -> entries.add(new Entry("2" + d.group().name(), d)));
    all.roles().forEach(d -> entries.add(new Entry("3" + d.role().name(), d)));
    all.policies().forEach(d -> entries.add(new Entry("4" + d.policy().arn(), d)));
    Page<Entry> page = Page.slice(entries, Entry::key, request);
    List<AuthorizationDetails.UserDetail> users = new ArrayList<>();
    List<AuthorizationDetails.GroupDetail> groups = new ArrayList<>();
    List<AuthorizationDetails.RoleDetail> roles = new ArrayList<>();
    List<AuthorizationDetails.PolicyDetail> policies = new ArrayList<>();
    for (Entry e : page.items()) {
      if (e.detail() instanceof AuthorizationDetails.UserDetail d) {
        users.add(d);
      } else if (e.detail() instanceof AuthorizationDetails.GroupDetail d) {
        groups.add(d);
      } else if (e.detail() instanceof AuthorizationDetails.RoleDetail d) {
        roles.add(d);
      } else if (e.detail() instanceof AuthorizationDetails.PolicyDetail d) {
        policies.add(d);
      }
    }
    return new Paged(new AuthorizationDetails(users, groups, roles, policies), page.marker());
  }

  static Set<AuthorizationDetails.Filter> filters(List<String> values) {
    Set<AuthorizationDetails.Filter> out = EnumSet.noneOf(AuthorizationDetails.Filter.class);
    for (String v : values) {
      out.add(
          AuthorizationDetails.Filter.fromWireName(v)
              .orElseThrow(
                  () ->
                      new GatehouseException(
                          ErrorCode.VALIDATION_ERROR,
                          "1 validation error detected: Value '["
                              + v
                              + "]' at 'filter' failed to satisfy constraint: Member must satisfy"
                              + " constraint: [Member must satisfy enum value set: [User, Role,"
                              + " LocalManagedPolicy, Group, AWSManagedPolicy]]")));
    }
    return out;
  }

  static void encode(Paged paged, Shape s) {
    AuthorizationDetails details = paged.details();
    s.startList("UserDetailList");
    for (AuthorizationDetails.UserDetail d : details.users()) {
      User u = d.user();
      s.member()
          .field("Path", u.path())
          .field("UserName", u.name())
          .field("UserId", u.id())
          .field("Arn", u.arn())
          .field("CreateDate", u.createDate());
      inline(s, "UserPolicyList", d.inlinePolicies());
      s.startList("GroupList");
      d.groupNames().forEach(s::member);
      s.end();
      attached(s, d.attachedPolicies());
      IamShapes.boundary(s, u.permissionsBoundary());
      IamShapes.tags(s, d.tags());
      s.end();
    }
    s.end().startList("GroupDetailList");
    for (AuthorizationDetails.GroupDetail d : details.groups()) {
      Group g = d.group();
      s.member()
          .field("Path", g.path())
          .field("GroupName", g.name())
          .field("GroupId", g.id())
          .field("Arn", g.arn())
          .field("CreateDate", g.createDate());
      inline(s, "GroupPolicyList", d.inlinePolicies());
      attached(s, d.attachedPolicies());
      s.end();
    }
    s.end().startList("RoleDetailList");
    for (AuthorizationDetails.RoleDetail d : details.roles()) {
      Role r = d.role();
      s.member()
          .field("Path", r.path())
          .field("RoleName", r.name())
          .field("RoleId", r.id())
          .field("Arn", r.arn())
          .field("CreateDate", r.createDate())
          .field(
              "AssumeRolePolicyDocument", IamShapes.encodeDocument(r.assumeRolePolicyDocument()));
      s.startList("InstanceProfileList");
      for (InstanceProfileView profile : d.instanceProfiles()) {
        IamShapes.instanceProfile(s, "member", profile);
      }
      s.end();
      inline(s, "RolePolicyList", d.inlinePolicies());
      attached(s, d.attachedPolicies());
      IamShapes.boundary(s, r.permissionsBoundary());
      IamShapes.tags(s, d.tags());
      // spec: botocore iam model, RoleDetail.RoleLastUsed (as GetRole shows it).
      s.start("RoleLastUsed");
      d.lastUsed()
          .ifPresent(used -> s.field("LastUsedDate", used.date()).field("Region", used.region()));
      s.end();
      s.end();
    }
    s.end().startList("Policies");
    for (AuthorizationDetails.PolicyDetail d : details.policies()) {
      ManagedPolicy p = d.policy();
      s.member()
          .field("PolicyName", p.name())
          .field("PolicyId", p.id())
          .field("Arn", p.arn())
          .field("Path", p.path())
          .field("DefaultVersionId", p.defaultVersionId())
          .field("AttachmentCount", p.attachmentCount())
          .field("PermissionsBoundaryUsageCount", 0)
          .field("IsAttachable", p.attachable())
          .field("CreateDate", p.createDate())
          .field("UpdateDate", p.updateDate());
      s.startList("PolicyVersionList");
      for (PolicyVersion v : d.versions()) {
        IamShapes.policyVersion(s, "member", v, true);
      }
      s.end().end();
    }
    s.end();
    IamShapes.page(s, paged.marker());
  }

  private static void inline(Shape s, String name, List<InlinePolicy> policies) {
    s.startList(name);
    for (InlinePolicy p : policies) {
      s.member()
          .field("PolicyName", p.name())
          .field("PolicyDocument", IamShapes.encodeDocument(p.document()))
          .end();
    }
    s.end();
  }

  private static void attached(Shape s, List<AttachedPolicy> policies) {
    s.startList("AttachedManagedPolicies");
    for (AttachedPolicy p : policies) {
      s.member().field("PolicyName", p.policyName()).field("PolicyArn", p.policyArn()).end();
    }
    s.end();
  }
}
