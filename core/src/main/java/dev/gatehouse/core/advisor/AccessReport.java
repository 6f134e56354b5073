package dev.gatehouse.core.advisor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service last accessed report as GetServiceLastAccessedDetails and
 * GetServiceLastAccessedDetailsWithEntities answer it. spec: IAM API Reference,
 * GetServiceLastAccessedDetails (JobStatus, JobType, JobCreationDate, JobCompletionDate,
 * ServicesLastAccessed) and the ServiceLastAccessed, TrackedActionLastAccessed, EntityDetails and
 * EntityInfo shapes.
 *
 * @param arn the user, group, role or policy the report is about
 * @param granularity {@code SERVICE_LEVEL} or {@code ACTION_LEVEL} (the JobType)
 * @param services by namespace
 */
public record AccessReport(
    String jobId,
    String arn,
    String granularity,
    Instant created,
    Instant completed,
    List<ServiceLastAccessed> services) {
  public AccessReport {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(completed, "completed");
    services = List.copyOf(services);
  }

  /** AWS's JobStatus of a report Gatehouse has built. */
  public static final String COMPLETED = "COMPLETED";

  /** A use: when, by which entity, in which region. */
  public record Use(Instant at, String entityArn, String region) {
    public Use {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(entityArn, "entityArn");
      Objects.requireNonNull(region, "region");
    }
  }

  /**
   * One service the subject's policies allow.
   *
   * @param lastUse empty when no entity of the report ever attempted it
   * @param totalAuthenticatedEntities how many of the report's entities attempted it
   * @param trackedActions empty unless the report is ACTION_LEVEL and the service's actions are
   *     tracked
   * @param entities the report's entities (GetServiceLastAccessedDetailsWithEntities)
   */
  public record ServiceLastAccessed(
      String serviceName,
      String serviceNamespace,
      Optional<Use> lastUse,
      int totalAuthenticatedEntities,
      Optional<List<TrackedAction>> trackedActions,
      List<EntityUse> entities) {
    public ServiceLastAccessed {
      Objects.requireNonNull(serviceName, "serviceName");
      Objects.requireNonNull(serviceNamespace, "serviceNamespace");
      Objects.requireNonNull(lastUse, "lastUse");
      trackedActions = trackedActions.map(List::copyOf);
      entities = List.copyOf(entities);
    }
  }

  /** One allowed action of a tracked service, with its last use if any. */
  public record TrackedAction(String actionName, Optional<Use> lastUse) {
    public TrackedAction {
      Objects.requireNonNull(actionName, "actionName");
      Objects.requireNonNull(lastUse, "lastUse");
    }
  }

  /**
   * A user, group or role (EntityInfo) with when it last attempted a service.
   *
   * @param type USER, ROLE or GROUP
   */
  public record EntityUse(
      String arn,
      String name,
      String type,
      String id,
      String path,
      Optional<Instant> lastAuthenticated) {
    public EntityUse {
      Objects.requireNonNull(arn, "arn");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(lastAuthenticated, "lastAuthenticated");
    }
  }

  /** The service of this namespace in the report, if the subject's policies allow it. */
  public Optional<ServiceLastAccessed> service(String namespace) {
    return services.stream().filter(s -> s.serviceNamespace().equals(namespace)).findFirst();
  }
}
