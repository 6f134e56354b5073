package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.IamJob;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Service-linked roles. spec: IAM API Reference, CreateServiceLinkedRole, DeleteServiceLinkedRole,
 * GetServiceLinkedRoleDeletionStatus; IAM User Guide, "Using service-linked roles".
 *
 * <p>A service-linked role lives under the path {@code /aws-service-role/SERVICE/}, is named {@code
 * AWSServiceRoleFor} and the service's own suffix (with {@code _CUSTOMSUFFIX} for services that
 * accept one), and trusts the service principal. Only the service may change it: the normal role
 * calls refuse it with UnmodifiableEntity, except the description and tags. Its deletion is a task
 * with an id; Gatehouse hosts no service resources that could still use the role, so the task
 * succeeds at once and its status is kept for GetServiceLinkedRoleDeletionStatus.
 */
public final class ServiceLinkedRoles {
  /** The path every service-linked role lives under (spec: "Using service-linked roles"). */
  public static final String PATH_PREFIX = "/aws-service-role/";

  static final String DELETION = "service-linked-role-deletion";

  private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9.-]*\\.amazonaws\\.com");

  /** A service's role-name suffix and whether it accepts a CustomSuffix. */
  private record Naming(String suffix, boolean customSuffix) {}

  /**
   * The role names of well-known services (spec: each service's "Using service-linked roles" page).
   * Other services' roles are named from the first label of the service principal.
   */
  private static final Map<String, Naming> NAMES =
      Map.ofEntries(
          Map.entry("autoscaling.amazonaws.com", new Naming("AutoScaling", true)),
          Map.entry("ecs.amazonaws.com", new Naming("ECS", false)),
          Map.entry("eks.amazonaws.com", new Naming("AmazonEKS", false)),
          Map.entry(
              "elasticloadbalancing.amazonaws.com", new Naming("ElasticLoadBalancing", false)),
          Map.entry("rds.amazonaws.com", new Naming("RDS", false)),
          Map.entry("elasticbeanstalk.amazonaws.com", new Naming("ElasticBeanstalk", false)),
          Map.entry("organizations.amazonaws.com", new Naming("Organizations", false)),
          Map.entry("support.amazonaws.com", new Naming("Support", false)),
          Map.entry("trustedadvisor.amazonaws.com", new Naming("TrustedAdvisor", false)),
          Map.entry("spot.amazonaws.com", new Naming("EC2Spot", false)),
          Map.entry("spotfleet.amazonaws.com", new Naming("EC2SpotFleet", false)),
          Map.entry("config.amazonaws.com", new Naming("Config", false)),
          Map.entry("guardduty.amazonaws.com", new Naming("AmazonGuardDuty", false)),
          Map.entry("sso.amazonaws.com", new Naming("SSO", false)),
          Map.entry("cloudtrail.amazonaws.com", new Naming("CloudTrail", false)),
          Map.entry("ssm.amazonaws.com", new Naming("AmazonSSM", false)),
          Map.entry("elasticache.amazonaws.com", new Naming("ElastiCache", false)),
          Map.entry("es.amazonaws.com", new Naming("AmazonElasticsearchService", false)),
          Map.entry(
              "opensearchservice.amazonaws.com", new Naming("AmazonOpenSearchService", false)),
          Map.entry("lex.amazonaws.com", new Naming("LexBots", false)),
          Map.entry("lexv2.amazonaws.com", new Naming("LexV2Bots", true)),
          Map.entry("securityhub.amazonaws.com", new Naming("SecurityHub", false)),
          Map.entry("access-analyzer.amazonaws.com", new Naming("AccessAnalyzer", false)));

  private final IamContext ctx;

  ServiceLinkedRoles(IamContext ctx) {
    this.ctx = ctx;
  }

  /** The status of a deletion task. */
  public record DeletionStatus(String status, Optional<String> reason) {}

  /** Whether the role is service-linked: it lives under {@link #PATH_PREFIX}. */
  public static boolean isServiceLinked(Role role) {
    return role.path().startsWith(PATH_PREFIX);
  }

  /** UnmodifiableEntity for a service-linked role, AWS's words. */
  static void requireModifiable(Role role) {
    if (isServiceLinked(role)) {
      throw new GatehouseException(
          ErrorCode.UNMODIFIABLE_ENTITY,
          "Cannot perform the operation on the protected role '"
              + role.name()
              + "' - this role is only modifiable by AWS");
    }
  }

  /** CreateRole may not use the path of service-linked roles: only CreateServiceLinkedRole does. */
  static void requireOrdinaryPath(String path) {
    if (path.startsWith(PATH_PREFIX)) {
      throw new GatehouseException(
          ErrorCode.INVALID_INPUT,
          "The path "
              + PATH_PREFIX
              + " is reserved for service-linked roles; use CreateServiceLinkedRole.");
    }
  }

  /** The path of the service's roles: {@code /aws-service-role/SERVICE/}. */
  public static String path(String serviceName) {
    service(serviceName);
    return PATH_PREFIX + serviceName + "/";
  }

  /**
   * The role name: {@code AWSServiceRoleFor} + the service's suffix, then {@code _} + the custom
   * suffix if given (InvalidInput where the service takes none).
   */
  public static String roleName(String serviceName, String customSuffix) {
    service(serviceName);
    Naming naming = NAMES.getOrDefault(serviceName, new Naming(derived(serviceName), false));
    String name = "AWSServiceRoleFor" + naming.suffix();
    if (customSuffix.isEmpty()) {
      return name;
    }
    Validation.shape("customSuffix", customSuffix, 1, 64, Validation.NAME_PATTERN);
    if (!naming.customSuffix()) {
      throw new GatehouseException(
          ErrorCode.INVALID_INPUT, "Custom suffix is not allowed for " + serviceName);
    }
    String full = name + "_" + customSuffix;
    if (full.length() > 64) {
      throw new GatehouseException(
          ErrorCode.INVALID_INPUT,
          "The role name " + full + " would be longer than 64 characters: shorten the suffix.");
    }
    return full;
  }

  /** The service principal: {@code NAME.amazonaws.com}; InvalidInput otherwise. */
  private static void service(String serviceName) {
    Validation.shape("AWSServiceName", serviceName, 1, 128, Validation.NAME_PATTERN);
    if (!SERVICE.matcher(serviceName).matches()) {
      throw new GatehouseException(
          ErrorCode.INVALID_INPUT,
          "Invalid service name "
              + serviceName
              + ": a service principal such as autoscaling.amazonaws.com is expected.");
    }
  }

  /** {@code some-service.amazonaws.com} gives {@code SomeService}. */
  private static String derived(String serviceName) {
    String first = serviceName.substring(0, serviceName.indexOf('.'));
    StringBuilder out = new StringBuilder();
    for (String part : first.split("-")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }

  /** The trust policy of a service-linked role: the service principal may assume it. */
  public static String trustPolicy(String serviceName) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"Service\":[\""
        + serviceName
        + "\"]},\"Action\":[\"sts:AssumeRole\"]}]}";
  }

  /**
   * CreateServiceLinkedRole. A second role of the same name is refused with AWS's InvalidInput
   * ("has been taken in this account, please try a different suffix").
   */
  public Role create(String accountId, String serviceName, String description, String suffix) {
    String name = roleName(serviceName, suffix);
    String path = path(serviceName);
    Validation.description(description);
    Role created =
        ctx.write(
            accountId,
            Change.role(name),
            tx -> {
              if (tx.roles().role(accountId, name).isPresent()) {
                throw new GatehouseException(
                    ErrorCode.INVALID_INPUT,
                    "Service role name "
                        + name
                        + " has been taken in this account, please try a different suffix.");
              }
              Role role =
                  new Role(
                      accountId,
                      name,
                      ctx.ids().roleId(),
                      path,
                      ctx.now(),
                      description,
                      Role.DEFAULT_MAX_SESSION_DURATION,
                      TrustPrincipals.resolve(tx, trustPolicy(serviceName)),
                      "");
              IamRules.createRole(tx, role, Roles.MAX_ROLES);
              return role;
            });
    return ctx.shownRole(created);
  }

  /**
   * DeleteServiceLinkedRole: deletes the role (it must be service-linked) and returns the deletion
   * task's id, {@code task/aws-service-role/SERVICE/NAME/UUID}.
   */
  public String delete(String accountId, String roleName) {
    Validation.name("roleName", roleName, 64);
    return ctx.write(
        accountId,
        Change.role(roleName),
        tx -> {
          Role role = IamContext.role(tx, accountId, roleName);
          if (!isServiceLinked(role)) {
            throw new GatehouseException(
                ErrorCode.INVALID_INPUT,
                "Role " + roleName + " is not a service-linked role; use DeleteRole.");
          }
          String taskId = "task" + role.path() + role.name() + "/" + UUID.randomUUID().toString();
          IamRules.deleteRole(tx, role);
          tx.jobs()
              .putJob(
                  new IamJob(
                      accountId,
                      taskId,
                      DELETION,
                      "SUCCEEDED",
                      ctx.now(),
                      Optional.of(ctx.now()),
                      ""));
          return taskId;
        });
  }

  /** GetServiceLinkedRoleDeletionStatus: NoSuchEntity for a task the account never started. */
  public DeletionStatus deletionStatus(String accountId, String taskId) {
    Validation.length("deletionTaskId", taskId, 1, 1000);
    IamJob job =
        ctx.read(tx -> tx.jobs().job(accountId, taskId))
            .filter(j -> j.kind().equals(DELETION))
            .orElseThrow(
                () ->
                    new GatehouseException(
                        ErrorCode.NO_SUCH_ENTITY,
                        "The deletion task " + taskId + " cannot be found."));
    return new DeletionStatus(
        job.status(), job.content().isEmpty() ? Optional.empty() : Optional.of(job.content()));
  }

  /** The ARN of the role a deletion task id names, if it is one. */
  public static Optional<String> roleArnOfTask(String accountId, String taskId) {
    if (!taskId.startsWith("task" + PATH_PREFIX)) {
      return Optional.empty();
    }
    int lastSlash = taskId.lastIndexOf('/');
    if (lastSlash <= ("task" + PATH_PREFIX).length()) {
      return Optional.empty();
    }
    return Optional.of("arn:aws:iam::" + accountId + ":role" + taskId.substring(4, lastSlash));
  }
}
