package dev.gatehouse.api.iam;

import static dev.gatehouse.api.iam.Ops.account;
import static dev.gatehouse.api.iam.Ops.boundary;
import static dev.gatehouse.api.iam.Ops.command;
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
import dev.gatehouse.api.iam.UserAndGroupActions.NamedArn;
import dev.gatehouse.api.iam.UserAndGroupActions.NamedPage;
import dev.gatehouse.api.iam.UserAndGroupActions.Tagging;
import dev.gatehouse.api.iam.UserAndGroupActions.Untagging;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.Roles;
import dev.gatehouse.core.iam.TaggedRole;
import java.util.List;
import java.util.Optional;

/** IAM roles: the actions, their inputs and their outputs. */
final class RoleActions {
  private RoleActions() {}

  record RoleUpdate(String name, Optional<String> description, int maxSessionDuration) {}

  record Description(String name, String description) {}

  record Document(String name, String document) {}

  static List<Operation<?, ?>> table(IamServices iam) {
    Roles roles = iam.roles();
    return List.of(
        op(
            "CreateRole",
            p ->
                new Roles.CreateRoleRequest(
                    p.required("RoleName"),
                    opt(p, "Path"),
                    p.required("AssumeRolePolicyDocument"),
                    opt(p, "Description"),
                    p.integer("MaxSessionDuration").orElse(Role.DEFAULT_MAX_SESSION_DURATION),
                    opt(p, "PermissionsBoundary"),
                    tags(p)),
            (c, in) ->
                boundary(
                    tagging(Ops.created("role", in.roleName(), in.path()), in.tags()),
                    in.permissionsBoundary()),
            (c, in) -> new TaggedRole(roles.createRole(account(c), in), in.tags()),
            (out, s) -> IamShapes.role(s, "Role", out.role(), out.tags(), false)),
        op(
            "GetRole",
            p -> new Named(p.required("RoleName")),
            (c, in) -> role(in.name()),
            (c, in) -> roles.getRole(account(c), in.name()),
            (out, s) -> IamShapes.role(s, "Role", out)),
        op(
            "ListRoles",
            p -> new Listing(opt(p, "PathPrefix"), page(p)),
            (c, in) -> Ops.listing(c, "role", in.pathPrefix()),
            (c, in) -> roles.listRoles(account(c), in.pathPrefix(), in.page()),
            (out, s) -> list(s, "Roles", out, (r, m) -> IamShapes.listedRole(m, "member", r))),
        // spec: botocore iam model, UpdateRole's output UpdateRoleResponse has no members but a
        // resultWrapper: the response carries an empty <UpdateRoleResult/>.
        op(
            "UpdateRole",
            p ->
                new RoleUpdate(
                    p.required("RoleName"),
                    p.get("Description"),
                    p.integer("MaxSessionDuration").orElse(0)),
            (c, in) -> role(in.name()),
            (c, in) ->
                roles.updateRole(
                    account(c),
                    in.name(),
                    in.description().isPresent(),
                    in.description().orElse(""),
                    in.maxSessionDuration()),
            Operation.emptyResult()),
        op(
            "UpdateRoleDescription",
            p -> new Description(p.required("RoleName"), p.required("Description")),
            (c, in) -> role(in.name()),
            (c, in) -> roles.updateRoleDescription(account(c), in.name(), in.description()),
            (out, s) -> IamShapes.role(s, "Role", out, List.of(), true)),
        command(
            "UpdateAssumeRolePolicy",
            p -> new Document(p.required("RoleName"), p.required("PolicyDocument")),
            (c, in) -> role(in.name()),
            (c, in) -> roles.updateAssumeRolePolicy(account(c), in.name(), in.document())),
        command(
            "DeleteRole",
            p -> new Named(p.required("RoleName")),
            (c, in) -> role(in.name()),
            (c, in) -> roles.deleteRole(account(c), in.name())),
        command(
            "TagRole",
            p -> new Tagging(p.required("RoleName"), tags(p)),
            (c, in) -> tagging(role(in.name()), in.tags()),
            (c, in) -> roles.tagRole(account(c), in.name(), in.tags())),
        command(
            "UntagRole",
            p -> new Untagging(p.required("RoleName"), p.list("TagKeys")),
            (c, in) -> with(role(in.name()), "aws:TagKeys", in.keys()),
            (c, in) -> roles.untagRole(account(c), in.name(), in.keys())),
        op(
            "ListRoleTags",
            p -> new NamedPage(p.required("RoleName"), page(p)),
            (c, in) -> role(in.name()),
            (c, in) -> roles.listRoleTags(account(c), in.name(), in.page()),
            (out, s) -> list(s, "Tags", out, UserAndGroupActions::tag)),
        command(
            "PutRolePermissionsBoundary",
            p -> new NamedArn(p.required("RoleName"), p.required("PermissionsBoundary")),
            (c, in) -> boundary(role(in.name()), in.arn()),
            (c, in) -> roles.putRolePermissionsBoundary(account(c), in.name(), in.arn())),
        command(
            "DeleteRolePermissionsBoundary",
            p -> new Named(p.required("RoleName")),
            (c, in) -> role(in.name()),
            (c, in) -> roles.deleteRolePermissionsBoundary(account(c), in.name())));
  }
}
