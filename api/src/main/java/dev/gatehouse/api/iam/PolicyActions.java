package dev.gatehouse.api.iam;

import static dev.gatehouse.api.iam.Ops.account;
import static dev.gatehouse.api.iam.Ops.arn;
import static dev.gatehouse.api.iam.Ops.command;
import static dev.gatehouse.api.iam.Ops.list;
import static dev.gatehouse.api.iam.Ops.op;
import static dev.gatehouse.api.iam.Ops.opt;
import static dev.gatehouse.api.iam.Ops.page;
import static dev.gatehouse.api.iam.Ops.tagging;
import static dev.gatehouse.api.iam.Ops.tags;
import static dev.gatehouse.api.iam.Ops.with;

import dev.gatehouse.api.Caller;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Operation.Aim;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.ManagedPolicies;
import dev.gatehouse.core.iam.Page;
import dev.gatehouse.core.iam.PageRequest;
import dev.gatehouse.core.iam.PolicyScope;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Managed policies, their versions and their attachments. */
final class PolicyActions {
  private PolicyActions() {}

  record PolicyRef(String arn) {}

  /** CreatePolicy's and GetPolicy's answer: the policy with its tags. */
  record TaggedPolicy(ManagedPolicy policy, List<Tag> tags) {}

  record PolicyTagging(String arn, List<Tag> tags) {}

  record PolicyUntagging(String arn, List<String> keys) {}

  record Listing(PolicyScope scope, boolean onlyAttached, String pathPrefix, PageRequest page) {}

  record VersionRef(String arn, String versionId) {}

  record NewVersion(String arn, String document, boolean setAsDefault) {}

  record ArnPage(String arn, PageRequest page) {}

  record Attachment(String entity, String arn) {}

  record AttachedListing(String entity, String pathPrefix, PageRequest page) {}

  record EntityListing(String arn, List<EntityKind> filter, String pathPrefix, PageRequest page) {}

  static List<Operation<?, ?>> table(dev.gatehouse.core.iam.IamServices iam) {
    ManagedPolicies policies = iam.managedPolicies();
    List<Operation<?, ?>> out = new ArrayList<>();
    out.add(
        op(
            "CreatePolicy",
            p ->
                new ManagedPolicies.CreatePolicyRequest(
                    p.required("PolicyName"),
                    opt(p, "Path"),
                    p.required("PolicyDocument"),
                    opt(p, "Description"),
                    tags(p)),
            (c, in) -> tagging(Ops.created("policy", in.policyName(), in.path()), in.tags()),
            (c, in) -> new TaggedPolicy(policies.createPolicy(account(c), in), in.tags()),
            (tagged, s) -> IamShapes.policy(s, "Policy", tagged.policy(), tagged.tags(), true)));
    out.add(
        op(
            "GetPolicy",
            p -> new PolicyRef(p.required("PolicyArn")),
            (c, in) -> policy(iam, c, in.arn()),
            (c, in) ->
                new TaggedPolicy(
                    policies.getPolicy(account(c), in.arn()),
                    iam.policyTags().of(account(c), in.arn())),
            (tagged, s) -> IamShapes.policy(s, "Policy", tagged.policy(), tagged.tags(), true)));
    out.add(
        op(
            "ListPolicies",
            p ->
                new Listing(
                    scope(opt(p, "Scope")),
                    p.bool("OnlyAttached").orElse(false),
                    opt(p, "PathPrefix"),
                    page(p)),
            // spec: AWS names this resource "policy path /" in its AccessDenied messages.
            (c, in) -> arn("policy path " + (in.pathPrefix().isEmpty() ? "/" : in.pathPrefix())),
            (c, in) ->
                policies.listPolicies(
                    account(c), in.scope(), in.onlyAttached(), in.pathPrefix(), in.page()),
            (page, s) ->
                list(
                    s,
                    "Policies",
                    page,
                    (pol, m) -> IamShapes.policy(m, "member", pol, List.of(), false))));
    out.add(
        command(
            "DeletePolicy",
            p -> new PolicyRef(p.required("PolicyArn")),
            (c, in) -> policy(iam, c, in.arn()),
            (c, in) -> policies.deletePolicy(account(c), in.arn())));
    out.add(
        op(
            "CreatePolicyVersion",
            p ->
                new NewVersion(
                    p.required("PolicyArn"),
                    p.required("PolicyDocument"),
                    p.bool("SetAsDefault").orElse(false)),
            (c, in) -> policy(iam, c, in.arn()),
            (c, in) ->
                policies.createPolicyVersion(
                    account(c), in.arn(), in.document(), in.setAsDefault()),
            (v, s) -> IamShapes.policyVersion(s, "PolicyVersion", v, false)));
    out.add(
        op(
            "GetPolicyVersion",
            p -> new VersionRef(p.required("PolicyArn"), p.required("VersionId")),
            (c, in) -> policy(iam, c, in.arn()),
            (c, in) -> policies.getPolicyVersion(account(c), in.arn(), in.versionId()),
            (v, s) -> IamShapes.policyVersion(s, "PolicyVersion", v, true)));
    out.add(
        op(
            "ListPolicyVersions",
            p -> new ArnPage(p.required("PolicyArn"), page(p)),
            (c, in) -> policy(iam, c, in.arn()),
            (c, in) -> policies.listPolicyVersions(account(c), in.arn(), in.page()),
            (page, s) ->
                list(
                    s,
                    "Versions",
                    page,
                    (v, m) -> IamShapes.policyVersion(m, "member", v, false))));
    out.add(
        command(
            "DeletePolicyVersion",
            p -> new VersionRef(p.required("PolicyArn"), p.required("VersionId")),
            (c, in) -> policy(iam, c, in.arn()),
            (c, in) -> policies.deletePolicyVersion(account(c), in.arn(), in.versionId())));
    out.add(
        command(
            "SetDefaultPolicyVersion",
            p -> new VersionRef(p.required("PolicyArn"), p.required("VersionId")),
            (c, in) -> policy(iam, c, in.arn()),
            (c, in) -> policies.setDefaultPolicyVersion(account(c), in.arn(), in.versionId())));
    policyTagging(iam, out);
    attachments(iam, out, EntityKind.USER, "User", Ops::user);
    attachments(iam, out, EntityKind.GROUP, "Group", Ops::group);
    attachments(iam, out, EntityKind.ROLE, "Role", Ops::role);
    out.add(
        op(
            "ListEntitiesForPolicy",
            p ->
                new EntityListing(
                    p.required("PolicyArn"),
                    entityFilter(opt(p, "EntityFilter")),
                    opt(p, "PathPrefix"),
                    page(p)),
            (c, in) -> policy(iam, c, in.arn()),
            (c, in) ->
                iam.attachments()
                    .listEntitiesForPolicy(
                        account(c), in.arn(), in.filter(), in.pathPrefix(), in.page()),
            PolicyActions::entities));
    return out;
  }

  /**
   * A managed policy as the resource, with its tags as {@code aws:ResourceTag/...} (spec: Service
   * Authorization Reference, resource type {@code policy}): the authorizer looks up the tags of
   * entities named by name, and a policy is named by ARN.
   */
  private static Aim policy(dev.gatehouse.core.iam.IamServices iam, Caller caller, String arn) {
    Aim aim = arn(arn);
    for (Tag tag : iam.policyTags().of(account(caller), arn)) {
      aim = with(aim, "aws:ResourceTag/" + tag.key(), List.of(tag.value()));
    }
    return aim;
  }

  /** TagPolicy, UntagPolicy, ListPolicyTags: customer managed policies only. */
  private static void policyTagging(
      dev.gatehouse.core.iam.IamServices iam, List<Operation<?, ?>> out) {
    out.add(
        command(
            "TagPolicy",
            p -> new PolicyTagging(p.required("PolicyArn"), tags(p)),
            (c, in) -> tagging(policy(iam, c, in.arn()), in.tags()),
            (c, in) -> iam.policyTags().tag(account(c), in.arn(), in.tags())));
    out.add(
        command(
            "UntagPolicy",
            p -> new PolicyUntagging(p.required("PolicyArn"), p.list("TagKeys")),
            (c, in) -> with(policy(iam, c, in.arn()), "aws:TagKeys", in.keys()),
            (c, in) -> iam.policyTags().untag(account(c), in.arn(), in.keys())));
    out.add(
        op(
            "ListPolicyTags",
            p -> new ArnPage(p.required("PolicyArn"), page(p)),
            (c, in) -> policy(iam, c, in.arn()),
            (c, in) -> iam.policyTags().list(account(c), in.arn(), in.page()),
            (page, s) -> list(s, "Tags", page, UserAndGroupActions::tag)));
  }

  /** Attach/Detach/ListAttached for one entity kind; the names follow AWS's pattern. */
  private static void attachments(
      dev.gatehouse.core.iam.IamServices iam,
      List<Operation<?, ?>> out,
      EntityKind kind,
      String noun,
      Function<String, Aim> target) {
    String nameParameter = noun + "Name";
    out.add(
        command(
            "Attach" + noun + "Policy",
            p -> new Attachment(p.required(nameParameter), p.required("PolicyArn")),
            (c, in) -> with(target.apply(in.entity()), "iam:PolicyARN", List.of(in.arn())),
            (c, in) -> iam.attachments().attach(account(c), kind, in.entity(), in.arn())));
    out.add(
        command(
            "Detach" + noun + "Policy",
            p -> new Attachment(p.required(nameParameter), p.required("PolicyArn")),
            (c, in) -> with(target.apply(in.entity()), "iam:PolicyARN", List.of(in.arn())),
            (c, in) -> iam.attachments().detach(account(c), kind, in.entity(), in.arn())));
    out.add(
        op(
            "ListAttached" + noun + "Policies",
            p -> new AttachedListing(p.required(nameParameter), opt(p, "PathPrefix"), page(p)),
            (c, in) -> target.apply(in.entity()),
            (c, in) ->
                iam.attachments()
                    .listAttached(account(c), kind, in.entity(), in.pathPrefix(), in.page()),
            (page, s) ->
                list(
                    s,
                    "AttachedPolicies",
                    page,
                    (a, m) ->
                        m.member()
                            .field("PolicyName", a.policyName())
                            .field("PolicyArn", a.policyArn())
                            .end())));
  }

  /** spec: ListPolicies Scope: All (default), AWS, Local. */
  static PolicyScope scope(String value) {
    if (value.isEmpty()) {
      return PolicyScope.ALL;
    }
    return PolicyScope.fromWireName(value)
        .orElseThrow(
            () ->
                new GatehouseException(
                    ErrorCode.VALIDATION_ERROR,
                    "1 validation error detected: Value '"
                        + value
                        + "' at 'scope' failed to satisfy constraint: Member must satisfy enum"
                        + " value set: [All, AWS, Local]"));
  }

  /** spec: ListEntitiesForPolicy EntityFilter: User, Role, Group (others list nothing here). */
  static List<EntityKind> entityFilter(String value) {
    if (value.isEmpty()) {
      return List.of(EntityKind.USER, EntityKind.GROUP, EntityKind.ROLE);
    }
    for (EntityKind kind : EntityKind.values()) {
      if (kind.wireName().equals(value)) {
        return List.of(kind);
      }
    }
    if (value.equals("LocalManagedPolicy") || value.equals("AWSManagedPolicy")) {
      return List.of();
    }
    throw new GatehouseException(
        ErrorCode.VALIDATION_ERROR,
        "1 validation error detected: Value '"
            + value
            + "' at 'entityFilter' failed to satisfy constraint: Member must satisfy enum value"
            + " set: [User, Role, LocalManagedPolicy, Group, AWSManagedPolicy]");
  }

  private static void entities(Page<EntityRef> page, Shape s) {
    for (EntityKind kind : List.of(EntityKind.GROUP, EntityKind.USER, EntityKind.ROLE)) {
      String noun = kind.wireName();
      s.startList("Policy" + noun + "s");
      for (EntityRef ref : page.items()) {
        if (ref.kind() == kind) {
          s.member().field(noun + "Name", ref.name()).field(noun + "Id", ref.id()).end();
        }
      }
      s.end();
    }
    IamShapes.page(s, page.marker());
  }
}
