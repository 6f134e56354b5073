package dev.gatehouse.api.iam;

import static dev.gatehouse.api.iam.Ops.account;
import static dev.gatehouse.api.iam.Ops.op;
import static dev.gatehouse.api.iam.Ops.opt;
import static dev.gatehouse.api.iam.Ops.role;
import static dev.gatehouse.api.iam.Ops.with;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.iam.UserAndGroupActions.Named;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.ServiceLinkedRoles;
import java.util.List;

/**
 * Service-linked roles. spec: IAM API Reference, CreateServiceLinkedRole (AWSServiceName,
 * Description, CustomSuffix; the Role), DeleteServiceLinkedRole (RoleName; DeletionTaskId),
 * GetServiceLinkedRoleDeletionStatus (DeletionTaskId; Status, Reason). CreateServiceLinkedRole is
 * authorized against the role it creates with the condition key iam:AWSServiceName (Service
 * Authorization Reference).
 */
final class ServiceLinkedRoleActions {
  private ServiceLinkedRoleActions() {}

  record Create(String service, String description, String suffix) {}

  record Task(String id) {}

  static List<Operation<?, ?>> table(IamServices iam) {
    ServiceLinkedRoles roles = iam.serviceLinkedRoles();
    return List.of(
        op(
            "CreateServiceLinkedRole",
            p ->
                new Create(
                    p.required("AWSServiceName"), opt(p, "Description"), opt(p, "CustomSuffix")),
            (c, in) ->
                with(
                    Ops.created(
                        "role",
                        ServiceLinkedRoles.roleName(in.service(), in.suffix()),
                        ServiceLinkedRoles.path(in.service())),
                    "iam:AWSServiceName",
                    List.of(in.service())),
            (c, in) -> roles.create(account(c), in.service(), in.description(), in.suffix()),
            (out, s) -> IamShapes.role(s, "Role", out, List.of(), true)),
        op(
            "DeleteServiceLinkedRole",
            p -> new Named(p.required("RoleName")),
            (c, in) -> role(in.name()),
            (c, in) -> roles.delete(account(c), in.name()),
            (out, s) -> s.field("DeletionTaskId", out)),
        op(
            "GetServiceLinkedRoleDeletionStatus",
            p -> new Task(p.required("DeletionTaskId")),
            (c, in) ->
                ServiceLinkedRoles.roleArnOfTask(account(c), in.id())
                    .map(Ops::arn)
                    .orElseGet(Ops::any),
            (c, in) -> roles.deletionStatus(account(c), in.id()),
            (out, s) -> {
              s.field("Status", out.status());
              out.reason().ifPresent(r -> s.start("Reason").field("Reason", r).end());
            }));
  }
}
