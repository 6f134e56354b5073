package dev.gatehouse.core.advisor;

import dev.gatehouse.core.advisor.AccessReport.EntityUse;
import dev.gatehouse.core.advisor.AccessReport.ServiceLastAccessed;
import dev.gatehouse.core.advisor.AccessReport.TrackedAction;
import dev.gatehouse.core.advisor.AccessReport.Use;
import dev.gatehouse.core.advisor.Subject.Entity;
import dev.gatehouse.core.advisor.Subject.SubjectPolicy;
import dev.gatehouse.core.domain.IamJob;
import dev.gatehouse.core.domain.ServiceAccess;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.Page;
import dev.gatehouse.core.iam.PageRequest;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.core.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * IAM access advisor. spec: IAM API Reference, GenerateServiceLastAccessedDetails (Arn of a user,
 * group, role or policy; Granularity SERVICE_LEVEL or ACTION_LEVEL; JobId),
 * GetServiceLastAccessedDetails, GetServiceLastAccessedDetailsWithEntities; IAM User Guide,
 * "Refining permissions using last accessed information".
 *
 * <p>The report lists every service the subject's policies allow, used or not; when each was last
 * attempted, by which entity and in which region comes from Gatehouse's own record of attempts
 * ({@link AccessActivity}). Gatehouse builds the report within the Generate call and keeps it as an
 * IAM job, so every node answers the job id with the same report, COMPLETED from the start.
 */
public final class AccessAdvisor {
  /** The kind of the IAM jobs holding reports. */
  public static final String KIND = "service-last-accessed";

  public static final String SERVICE_LEVEL = "SERVICE_LEVEL";
  public static final String ACTION_LEVEL = "ACTION_LEVEL";

  /**
   * The services whose actions ACTION_LEVEL reports track: those Gatehouse serves, the only ones
   * its record can hold attempts of (AWS tracks the services of its own list).
   */
  public static final Set<String> TRACKED = Set.of("iam", "sts", "s3", "organizations");

  private static final Pattern JOB_ID =
      Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
  private static final Pattern NAMESPACE = Pattern.compile("[\\w-]*");

  private final Subjects subjects;
  private final Store store;
  private final Clock clock;
  private final AccessActivity activity;
  private final ServicePermissions permissions;

  public AccessAdvisor(
      IamServices iam,
      Snapshots snapshots,
      Store store,
      Clock clock,
      AccessActivity activity,
      ServicePermissions permissions) {
    this.subjects = new Subjects(iam, snapshots, store);
    this.store = store;
    this.clock = clock;
    this.activity = activity;
    this.permissions = permissions;
  }

  /** ListPoliciesGrantingServiceAccess, over the same subjects and permissions. */
  public PoliciesGranting policiesGranting() {
    return new PoliciesGranting(subjects, permissions);
  }

  /**
   * GenerateServiceLastAccessedDetails: builds the report of {@code arn} and returns its job id.
   *
   * @param granularity empty for SERVICE_LEVEL
   */
  public String generate(String accountId, String arn, String granularity) {
    String level = granularity.isEmpty() ? SERVICE_LEVEL : granularity;
    if (!level.equals(SERVICE_LEVEL) && !level.equals(ACTION_LEVEL)) {
      throw validation(
          granularity, "granularity", "satisfy enum value set: [SERVICE_LEVEL, ACTION_LEVEL]");
    }
    if (arn.length() < 20 || arn.length() > 2048) {
      throw validation(arn, "arn", "have length between 20 and 2048");
    }
    Subject subject = subjects.resolve(accountId, arn, true);
    activity.flush(); // this node's latest attempts count
    List<ServiceAccess> attempts = store.read(tx -> tx.serviceAccess().serviceAccess(accountId));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String jobId = UUID.randomUUID().toString();
    AccessReport report =
        new AccessReport(jobId, arn, level, now, now, services(subject, attempts, level));
    store.write(
        tx -> {
          tx.jobs()
              .putJob(
                  new IamJob(
                      accountId,
                      jobId,
                      KIND,
                      AccessReport.COMPLETED,
                      now,
                      Optional.of(now),
                      ReportJson.write(report)));
          return null;
        });
    return jobId;
  }

  private List<ServiceLastAccessed> services(
      Subject subject, List<ServiceAccess> attempts, String level) {
    Set<String> counted = new HashSet<>();
    for (Entity e : subject.entities()) {
      counted.add(e.arn());
    }
    List<String> documents = subject.policies().stream().map(SubjectPolicy::json).toList();
    SortedMap<String, SortedSet<String>> allowed = permissions.allowed(documents);
    List<ServiceLastAccessed> out = new ArrayList<>();
    for (var service : allowed.entrySet()) {
      String namespace = service.getKey();
      List<ServiceAccess> mine =
          attempts.stream()
              .filter(a -> a.serviceNamespace().equals(namespace))
              .filter(a -> counted.contains(a.entityArn()))
              .toList();
      Optional<List<TrackedAction>> tracked =
          level.equals(ACTION_LEVEL) && TRACKED.contains(namespace)
              ? Optional.of(tracked(service.getValue(), mine))
              : Optional.empty();
      List<EntityUse> entities = new ArrayList<>();
      for (Entity e : subject.entities()) {
        entities.add(
            new EntityUse(
                e.arn(),
                e.name(),
                e.type(),
                e.id(),
                e.path(),
                latest(mine.stream().filter(a -> a.entityArn().equals(e.arn())).toList())
                    .map(Use::at)));
      }
      out.add(
          new ServiceLastAccessed(
              permissions.serviceName(namespace),
              namespace,
              latest(mine),
              (int) mine.stream().map(ServiceAccess::entityArn).distinct().count(),
              tracked,
              entities));
    }
    return out;
  }

  private static List<TrackedAction> tracked(SortedSet<String> actions, List<ServiceAccess> mine) {
    List<TrackedAction> out = new ArrayList<>();
    for (String action : actions) {
      out.add(
          new TrackedAction(
              action,
              latest(mine.stream().filter(a -> a.actionName().equalsIgnoreCase(action)).toList())));
    }
    return out;
  }

  private static Optional<Use> latest(List<ServiceAccess> attempts) {
    return attempts.stream()
        .max(Comparator.comparing(ServiceAccess::lastAccessed))
        .map(a -> new Use(a.lastAccessed(), a.entityArn(), a.region()));
  }

  /**
   * GetServiceLastAccessedDetails: the report of a job of the account.
   *
   * @throws GatehouseException NoSuchEntity for a job id the account never generated
   */
  public AccessReport report(String accountId, String jobId) {
    if (jobId.length() != 36) {
      throw validation(jobId, "jobId", "have length 36");
    }
    Optional<IamJob> job =
        JOB_ID.matcher(jobId).matches()
            ? store.read(tx -> tx.jobs().job(accountId, jobId)).filter(j -> j.kind().equals(KIND))
            : Optional.empty();
    return ReportJson.read(
        job.orElseThrow(
            () ->
                GatehouseException.noSuchEntity(
                    "No service last accessed report with job id " + jobId + " exists.")));
  }

  /** ServicesLastAccessed, a page at a time (by namespace). */
  public static Page<ServiceLastAccessed> services(AccessReport report, PageRequest page) {
    return Page.slice(report.services(), ServiceLastAccessed::serviceNamespace, page);
  }

  /**
   * GetServiceLastAccessedDetailsWithEntities: the report's entities with their last attempt of the
   * service, a page at a time (by ARN); none for a service the report does not list.
   */
  public Page<EntityUse> entities(
      String accountId, String jobId, String namespace, PageRequest page) {
    checkNamespace(namespace, "serviceNamespace");
    AccessReport report = report(accountId, jobId);
    List<EntityUse> entities =
        report
            .service(namespace.toLowerCase(Locale.ROOT))
            .map(ServiceLastAccessed::entities)
            .orElse(List.of());
    return Page.slice(entities, EntityUse::arn, page);
  }

  static void checkNamespace(String namespace, String param) {
    if (namespace.isEmpty() || namespace.length() > 64) {
      throw validation(namespace, param, "have length between 1 and 64");
    }
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw validation(
          namespace, param, "satisfy regular expression pattern: " + NAMESPACE.pattern());
    }
  }

  static GatehouseException validation(String value, String param, String constraint) {
    return GatehouseException.validation(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + param
            + "' failed to satisfy constraint: Member must "
            + constraint);
  }
}
