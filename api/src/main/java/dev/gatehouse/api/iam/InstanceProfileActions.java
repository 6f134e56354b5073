package dev.gatehouse.api.iam;

import static dev.gatehouse.api.iam.Ops.account;
import static dev.gatehouse.api.iam.Ops.command;
import static dev.gatehouse.api.iam.Ops.instanceProfile;
import static dev.gatehouse.api.iam.Ops.list;
import static dev.gatehouse.api.iam.Ops.op;
import static dev.gatehouse.api.iam.Ops.opt;
import static dev.gatehouse.api.iam.Ops.page;
import static dev.gatehouse.api.iam.Ops.role;
import static dev.gatehouse.api.iam.Ops.tagging;
import static dev.gatehouse.api.iam.Ops.tags;
import static dev.gatehouse.api.iam.Ops.with;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.iam.UserAndGroupActions.Listing;
import dev.gatehouse.api.iam.UserAndGroupActions.Named;
import dev.gatehouse.api.iam.UserAndGroupActions.NamedPage;
import dev.gatehouse.api.iam.UserAndGroupActions.Tagging;
import dev.gatehouse.api.iam.UserAndGroupActions.Untagging;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.InstanceProfiles;
import java.util.List;

/**
 * IAM instance profiles: the actions, their inputs and their outputs. The resource each is
 * authorized against is the instance profile (spec: Service Authorization Reference, resource type
 * {@code instance-profile}); ListInstanceProfilesForRole's is the role.
 */
final class InstanceProfileActions {
  private InstanceProfileActions() {}

  record Membership(String profileName, String roleName) {}

  static List<Operation<?, ?>> table(IamServices iam) {
    InstanceProfiles profiles = iam.instanceProfiles();
    return List.of(
        op(
            "CreateInstanceProfile",
            p ->
                new InstanceProfiles.CreateInstanceProfileRequest(
                    p.required("InstanceProfileName"), opt(p, "Path"), tags(p)),
            (c, in) -> tagging(Ops.created("instance-profile", in.name(), in.path()), in.tags()),
            (c, in) -> profiles.create(account(c), in),
            (out, s) -> IamShapes.instanceProfile(s, "InstanceProfile", out)),
        op(
            "GetInstanceProfile",
            p -> new Named(p.required("InstanceProfileName")),
            (c, in) -> instanceProfile(in.name()),
            (c, in) -> profiles.get(account(c), in.name()),
            (out, s) -> IamShapes.instanceProfile(s, "InstanceProfile", out)),
        op(
            "ListInstanceProfiles",
            p -> new Listing(opt(p, "PathPrefix"), page(p)),
            (c, in) -> Ops.listing(c, "instance-profile", in.pathPrefix()),
            (c, in) -> profiles.list(account(c), in.pathPrefix(), in.page()),
            (out, s) -> list(s, "InstanceProfiles", out, IamShapes::instanceProfileMember)),
        command(
            "DeleteInstanceProfile",
            p -> new Named(p.required("InstanceProfileName")),
            (c, in) -> instanceProfile(in.name()),
            (c, in) -> profiles.delete(account(c), in.name())),
        command(
            "AddRoleToInstanceProfile",
            p -> new Membership(p.required("InstanceProfileName"), p.required("RoleName")),
            // spec: AddRoleToInstanceProfile API reference: the caller must also be allowed
            // iam:PassRole on the role.
            (c, in) ->
                instanceProfile(in.profileName())
                    .and("PassRole", new Target.Named("role", in.roleName(), "/")),
            (c, in) -> profiles.addRole(account(c), in.profileName(), in.roleName())),
        command(
            "RemoveRoleFromInstanceProfile",
            p -> new Membership(p.required("InstanceProfileName"), p.required("RoleName")),
            (c, in) -> instanceProfile(in.profileName()),
            (c, in) -> profiles.removeRole(account(c), in.profileName(), in.roleName())),
        op(
            "ListInstanceProfilesForRole",
            p -> new NamedPage(p.required("RoleName"), page(p)),
            (c, in) -> role(in.name()),
            (c, in) -> profiles.listForRole(account(c), in.name(), in.page()),
            (out, s) -> list(s, "InstanceProfiles", out, IamShapes::instanceProfileMember)),
        command(
            "TagInstanceProfile",
            p -> new Tagging(p.required("InstanceProfileName"), tags(p)),
            (c, in) -> tagging(instanceProfile(in.name()), in.tags()),
            (c, in) -> profiles.tag(account(c), in.name(), in.tags())),
        command(
            "UntagInstanceProfile",
            p -> new Untagging(p.required("InstanceProfileName"), p.list("TagKeys")),
            (c, in) -> with(instanceProfile(in.name()), "aws:TagKeys", in.keys()),
            (c, in) -> profiles.untag(account(c), in.name(), in.keys())),
        op(
            "ListInstanceProfileTags",
            p -> new NamedPage(p.required("InstanceProfileName"), page(p)),
            (c, in) -> instanceProfile(in.name()),
            (c, in) -> profiles.listTags(account(c), in.name(), in.page()),
            (out, s) -> list(s, "Tags", out, UserAndGroupActions::tag)));
  }
}
