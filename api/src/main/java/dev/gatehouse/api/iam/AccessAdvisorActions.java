package dev.gatehouse.api.iam;

import static dev.gatehouse.api.iam.Ops.account;
import static dev.gatehouse.api.iam.Ops.any;
import static dev.gatehouse.api.iam.Ops.arn;
import static dev.gatehouse.api.iam.Ops.op;
import static dev.gatehouse.api.iam.Ops.opt;
import static dev.gatehouse.api.iam.Ops.page;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.advisor.AccessAdvisor;
import dev.gatehouse.core.advisor.AccessReport;
import dev.gatehouse.core.advisor.AccessReport.EntityUse;
import dev.gatehouse.core.advisor.AccessReport.ServiceLastAccessed;
import dev.gatehouse.core.advisor.AccessReport.TrackedAction;
import dev.gatehouse.core.advisor.PoliciesGranting;
import dev.gatehouse.core.advisor.PoliciesGranting.Granting;
import dev.gatehouse.core.advisor.PoliciesGranting.ServiceGrants;
import dev.gatehouse.core.iam.Page;
import dev.gatehouse.core.iam.PageRequest;
import java.util.List;

/**
 * IAM access advisor. spec: IAM API Reference, GenerateServiceLastAccessedDetails (JobId),
 * GetServiceLastAccessedDetails, GetServiceLastAccessedDetailsWithEntities and
 * ListPoliciesGrantingServiceAccess. Generate and ListPoliciesGranting are authorized against the
 * entity or policy the Arn names, the two reads against {@code *} (Service Authorization
 * Reference).
 */
public final class AccessAdvisorActions {
  private AccessAdvisorActions() {}

  record Generate(String arn, String granularity) {}

  record Job(String jobId, PageRequest page) {}

  record JobService(String jobId, String namespace, PageRequest page) {}

  record Grants(String arn, List<String> namespaces) {}

  record Report(AccessReport report, Page<ServiceLastAccessed> services) {}

  record Entities(AccessReport report, Page<EntityUse> entities) {}

  public static List<Operation<?, ?>> table(AccessAdvisor advisor) {
    PoliciesGranting granting = advisor.policiesGranting();
    return List.of(
        op(
            "GenerateServiceLastAccessedDetails",
            p -> new Generate(p.required("Arn"), opt(p, "Granularity")),
            (c, in) -> arn(in.arn()),
            (c, in) -> advisor.generate(account(c), in.arn(), in.granularity()),
            (out, s) -> s.field("JobId", out)),
        op(
            "GetServiceLastAccessedDetails",
            p -> new Job(p.required("JobId"), page(p)),
            (c, in) -> any(),
            (c, in) -> {
              AccessReport r = advisor.report(account(c), in.jobId());
              return new Report(r, AccessAdvisor.services(r, in.page()));
            },
            AccessAdvisorActions::report),
        op(
            "GetServiceLastAccessedDetailsWithEntities",
            p -> new JobService(p.required("JobId"), p.required("ServiceNamespace"), page(p)),
            (c, in) -> any(),
            (c, in) ->
                new Entities(
                    advisor.report(account(c), in.jobId()),
                    advisor.entities(account(c), in.jobId(), in.namespace(), in.page())),
            AccessAdvisorActions::entities),
        op(
            "ListPoliciesGrantingServiceAccess",
            p -> new Grants(p.required("Arn"), p.list("ServiceNamespaces")),
            (c, in) -> arn(in.arn()),
            (c, in) -> granting.list(account(c), in.arn(), in.namespaces()),
            AccessAdvisorActions::granting));
  }

  private static void job(AccessReport r, Shape s) {
    s.field("JobStatus", AccessReport.COMPLETED)
        .field("JobCreationDate", r.created())
        .field("JobCompletionDate", r.completed());
  }

  private static void report(Report out, Shape s) {
    job(out.report(), s);
    s.field("JobType", out.report().granularity());
    s.startList("ServicesLastAccessed");
    for (ServiceLastAccessed service : out.services().items()) {
      s.member()
          .field("ServiceName", service.serviceName())
          .field("ServiceNamespace", service.serviceNamespace());
      service
          .lastUse()
          .ifPresent(
              u ->
                  s.field("LastAuthenticated", u.at())
                      .field("LastAuthenticatedEntity", u.entityArn())
                      .field("LastAuthenticatedRegion", u.region()));
      s.field("TotalAuthenticatedEntities", service.totalAuthenticatedEntities());
      if (service.trackedActions().isPresent()) {
        s.startList("TrackedActionsLastAccessed");
        for (TrackedAction a : service.trackedActions().get()) {
          s.member().field("ActionName", a.actionName());
          a.lastUse()
              .ifPresent(
                  u ->
                      s.field("LastAccessedEntity", u.entityArn())
                          .field("LastAccessedTime", u.at())
                          .field("LastAccessedRegion", u.region()));
          s.end();
        }
        s.end();
      }
      s.end();
    }
    s.end();
    IamShapes.page(s, out.services().marker());
  }

  private static void entities(Entities out, Shape s) {
    job(out.report(), s);
    s.startList("EntityDetailsList");
    for (EntityUse e : out.entities().items()) {
      s.member()
          .start("EntityInfo")
          .field("Arn", e.arn())
          .field("Name", e.name())
          .field("Type", e.type())
          .field("Id", e.id())
          .field("Path", e.path())
          .end();
      e.lastAuthenticated().ifPresent(at -> s.field("LastAuthenticated", at));
      s.end();
    }
    s.end();
    IamShapes.page(s, out.entities().marker());
  }

  private static void granting(List<ServiceGrants> out, Shape s) {
    s.startList("PoliciesGrantingServiceAccess");
    for (ServiceGrants g : out) {
      s.member().field("ServiceNamespace", g.serviceNamespace()).startList("Policies");
      for (Granting p : g.policies()) {
        s.member().field("PolicyName", p.policyName()).field("PolicyType", p.policyType());
        p.policyArn().ifPresent(a -> s.field("PolicyArn", a));
        p.entityType().ifPresent(t -> s.field("EntityType", t));
        p.entityName().ifPresent(n -> s.field("EntityName", n));
        s.end();
      }
      s.end().end();
    }
    s.end();
    s.field("IsTruncated", false);
  }
}
