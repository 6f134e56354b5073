package dev.gatehouse.core.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.advisor.AccessReport.EntityUse;
import dev.gatehouse.core.advisor.AccessReport.ServiceLastAccessed;
import dev.gatehouse.core.advisor.AccessReport.TrackedAction;
import dev.gatehouse.core.advisor.PoliciesGranting.Granting;
import dev.gatehouse.core.advisor.PoliciesGranting.ServiceGrants;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.IamJob;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.EnginePolicyValidator;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.ManagedPolicies.CreatePolicyRequest;
import dev.gatehouse.core.iam.Page;
import dev.gatehouse.core.iam.PageRequest;
import dev.gatehouse.core.iam.Roles.CreateRoleRequest;
import dev.gatehouse.core.iam.Users.CreateUserRequest;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.Store;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Access advisor's reports: the services the subject's policies allow, their last use by the
 * subject's entities (service and action level), the entities per service, the policies granting a
 * service, and the refusals.
 */
class AccessAdvisorTest {
  static final String A = "123456789012";
  static final Instant T = Instant.parse("2026-03-04T05:06:07.089Z");
  static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";

  private final Store store = new MemoryStore();
  private final Snapshots snapshots = new Snapshots(store, ManagedPolicyCatalogue.bundled());
  private final IamServices iam;
  private final AccessActivity activity = new AccessActivity(store);
  private final AccessAdvisor advisor;
  private final String alice;
  private final String bob;

  static String allow(String actions) {
    return ServicePermissionsTest.allow(actions);
  }

  AccessAdvisorTest() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    iam =
        IamServices.builder(
                store,
                Clock.systemUTC(),
                Ids.secure(),
                KeyRing.of(List.of(key), new SecureRandom()),
                new EnginePolicyValidator(),
                ManagedPolicyCatalogue.bundled(),
                snapshots)
            .reads(snapshots)
            .build();
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(A, T));
          return null;
        });
    advisor =
        new AccessAdvisor(
            iam,
            snapshots,
            store,
            Clock.fixed(T.plusSeconds(60), ZoneOffset.UTC),
            activity,
            ServicePermissions.bundled());
    User a = iam.users().createUser(A, CreateUserRequest.named("alice"));
    User b = iam.users().createUser(A, CreateUserRequest.named("bob"));
    alice = a.arn();
    bob = b.arn();
    iam.inlinePolicies().put(A, EntityKind.USER, "alice", "work", allow("[\"iam:Get*\",\"s3:*\"]"));
    iam.groups().createGroup(A, "team", "/");
    iam.groups().addUserToGroup(A, "team", "alice");
    iam.groups().addUserToGroup(A, "team", "bob");
    iam.inlinePolicies().put(A, EntityKind.GROUP, "team", "read", allow("\"iam:ListRoles\""));
    activity.attempted(new Principal.User(A, "alice", "/", a.id()), "iam:GetUser", "us-east-1", T);
    activity.attempted(
        new Principal.User(A, "bob", "/", b.id()), "iam:ListRoles", "eu-west-1", T.plusSeconds(1));
    activity.attempted(new Principal.Root(A), "s3:ListAllMyBuckets", "us-east-1", T);
  }

  private static Map<String, ServiceLastAccessed> byNamespace(AccessReport r) {
    return r.services().stream()
        .collect(Collectors.toMap(ServiceLastAccessed::serviceNamespace, Function.identity()));
  }

  private static void refused(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            GatehouseException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void aUserReportListsItsAllowedServicesUsedOrNot() {
    String jobId = advisor.generate(A, alice, "");
    AccessReport report = advisor.report(A, jobId);
    assertThat(report.jobId()).isEqualTo(jobId);
    assertThat(report.arn()).isEqualTo(alice);
    assertThat(report.granularity()).isEqualTo(AccessAdvisor.SERVICE_LEVEL);
    assertThat(report.created()).isEqualTo(T.plusSeconds(60));
    assertThat(report.completed()).isEqualTo(T.plusSeconds(60));
    Map<String, ServiceLastAccessed> services = byNamespace(report);
    assertThat(services).containsOnlyKeys("iam", "s3");
    ServiceLastAccessed iamService = services.get("iam");
    assertThat(iamService.lastUse())
        .contains(new AccessReport.Use(T, alice, "us-east-1")); // bob's use is not alice's
    assertThat(iamService.totalAuthenticatedEntities()).isEqualTo(1);
    assertThat(iamService.trackedActions()).isEmpty();
    assertThat(iamService.entities())
        .extracting(EntityUse::arn, EntityUse::type, EntityUse::lastAuthenticated)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(alice, "USER", Optional.of(T)));
    ServiceLastAccessed s3 = services.get("s3");
    assertThat(s3.serviceName()).isEqualTo("Amazon S3");
    assertThat(s3.lastUse()).isEmpty(); // the root user's use is not alice's
    assertThat(s3.totalAuthenticatedEntities()).isZero();
  }

  @Test
  void anActionLevelReportTracksTheAllowedActionsOfServedServices() {
    AccessReport report = advisor.report(A, advisor.generate(A, alice, "ACTION_LEVEL"));
    assertThat(report.granularity()).isEqualTo(AccessAdvisor.ACTION_LEVEL);
    List<TrackedAction> tracked = byNamespace(report).get("iam").trackedActions().orElseThrow();
    Map<String, TrackedAction> actions =
        tracked.stream().collect(Collectors.toMap(TrackedAction::actionName, t -> t));
    assertThat(actions).containsKeys("GetUser", "GetRole", "ListRoles");
    assertThat(actions).doesNotContainKey("CreateUser");
    assertThat(actions.get("GetUser").lastUse())
        .contains(new AccessReport.Use(T, alice, "us-east-1"));
    assertThat(actions.get("GetRole").lastUse()).isEmpty();
    assertThat(byNamespace(report).get("s3").trackedActions().orElseThrow())
        .extracting(TrackedAction::actionName)
        .contains("ListAllMyBuckets", "GetObject");
  }

  @Test
  void untrackedServicesHaveNoActionsEvenAtActionLevel() {
    iam.inlinePolicies().put(A, EntityKind.USER, "bob", "ec2", allow("\"ec2:Describe*\""));
    AccessReport report = advisor.report(A, advisor.generate(A, bob, "ACTION_LEVEL"));
    assertThat(byNamespace(report).get("ec2").trackedActions()).isEmpty();
    assertThat(byNamespace(report).get("ec2").serviceName()).isEqualTo("Amazon EC2");
  }

  @Test
  void aGroupReportCountsItsUsers() {
    String jobId = advisor.generate(A, "arn:aws:iam::" + A + ":group/team", "SERVICE_LEVEL");
    ServiceLastAccessed iamService = byNamespace(advisor.report(A, jobId)).get("iam");
    assertThat(iamService.lastUse())
        .contains(new AccessReport.Use(T.plusSeconds(1), bob, "eu-west-1"));
    assertThat(iamService.totalAuthenticatedEntities()).isEqualTo(2);
    Page<EntityUse> entities = advisor.entities(A, jobId, "IAM", PageRequest.first());
    assertThat(entities.items())
        .extracting(EntityUse::arn, EntityUse::lastAuthenticated)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(alice, Optional.of(T)),
            org.assertj.core.groups.Tuple.tuple(bob, Optional.of(T.plusSeconds(1))));
    assertThat(advisor.entities(A, jobId, "ec2", PageRequest.first()).items()).isEmpty();
    Page<EntityUse> first = advisor.entities(A, jobId, "iam", new PageRequest("", 1));
    assertThat(first.items()).extracting(EntityUse::arn).containsExactly(alice);
    assertThat(first.isTruncated()).isTrue();
  }

  @Test
  void aPolicyReportCountsTheEntitiesItIsAttachedTo() {
    String policyArn =
        iam.managedPolicies()
            .createPolicy(A, CreatePolicyRequest.of("reader", allow("\"iam:List*\"")))
            .arn();
    iam.roles().createRole(A, CreateRoleRequest.of("app", TRUST));
    iam.attachments().attach(A, EntityKind.ROLE, "app", policyArn);
    iam.attachments().attach(A, EntityKind.GROUP, "team", policyArn);
    iam.attachments().attach(A, EntityKind.USER, "bob", policyArn);
    String roleArn = "arn:aws:iam::" + A + ":role/app";
    activity.attempted(
        new Principal.Root(A), "iam:ListRoles", "us-east-1", T.plusSeconds(9)); // not counted
    String jobId = advisor.generate(A, policyArn, "");
    ServiceLastAccessed iamService = byNamespace(advisor.report(A, jobId)).get("iam");
    assertThat(iamService.entities())
        .extracting(EntityUse::arn, EntityUse::type)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(alice, "USER"),
            org.assertj.core.groups.Tuple.tuple(bob, "USER"),
            org.assertj.core.groups.Tuple.tuple(roleArn, "ROLE"));
    assertThat(iamService.lastUse().orElseThrow().entityArn()).isEqualTo(bob);
    String awsManaged = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    iam.attachments().attach(A, EntityKind.ROLE, "app", awsManaged);
    AccessReport ro = advisor.report(A, advisor.generate(A, awsManaged, ""));
    assertThat(byNamespace(ro)).containsKeys("iam", "s3", "ec2");
    assertThat(byNamespace(ro).get("s3").entities())
        .extracting(EntityUse::arn)
        .containsExactly(roleArn);
  }

  @Test
  void servicesArePagedByNamespace() {
    AccessReport report = advisor.report(A, advisor.generate(A, alice, ""));
    Page<ServiceLastAccessed> first = AccessAdvisor.services(report, new PageRequest("", 1));
    assertThat(first.items())
        .extracting(ServiceLastAccessed::serviceNamespace)
        .containsExactly("iam");
    Page<ServiceLastAccessed> second =
        AccessAdvisor.services(report, new PageRequest(first.marker().orElseThrow(), 1));
    assertThat(second.items())
        .extracting(ServiceLastAccessed::serviceNamespace)
        .containsExactly("s3");
    assertThat(second.isTruncated()).isFalse();
  }

  @Test
  void badArnsUnknownEntitiesAndBadParametersAreRefused() {
    refused(
        () -> advisor.generate(A, "arn:aws:s3:::bucket-name-here", ""), ErrorCode.INVALID_INPUT);
    refused(
        () -> advisor.generate(A, "arn:aws:iam::aws:user/someone", ""), ErrorCode.INVALID_INPUT);
    refused(
        () -> advisor.generate(A, "arn:aws:iam::" + A + ":user/nobody", ""),
        ErrorCode.NO_SUCH_ENTITY);
    refused(
        () -> advisor.generate(A, "arn:aws:iam::210987654321:user/alice", ""),
        ErrorCode.NO_SUCH_ENTITY);
    refused(
        () -> advisor.generate(A, "arn:aws:iam::" + A + ":policy/none", ""),
        ErrorCode.NO_SUCH_ENTITY);
    refused(() -> advisor.generate(A, alice, "BOTH"), ErrorCode.VALIDATION_ERROR);
    refused(() -> advisor.generate(A, "arn:aws:iam", ""), ErrorCode.VALIDATION_ERROR);
    refused(
        () -> advisor.generate(A, "arn:aws:iam::" + A + ":user/" + "x".repeat(2048), ""),
        ErrorCode.VALIDATION_ERROR);
  }

  @Test
  void unknownJobsAndJobsOfOtherKindsAreNoSuchEntity() {
    refused(() -> advisor.report(A, UUID.randomUUID().toString()), ErrorCode.NO_SUCH_ENTITY);
    refused(() -> advisor.report(A, "x".repeat(36)), ErrorCode.NO_SUCH_ENTITY);
    refused(() -> advisor.report(A, "short"), ErrorCode.VALIDATION_ERROR);
    String taskId = UUID.randomUUID().toString();
    store.write(
        tx -> {
          tx.jobs().putJob(new IamJob(A, taskId, "other", "SUCCEEDED", T, Optional.of(T), ""));
          return null;
        });
    refused(() -> advisor.report(A, taskId), ErrorCode.NO_SUCH_ENTITY);
    String jobId = advisor.generate(A, alice, "");
    refused(() -> advisor.report("210987654321", jobId), ErrorCode.NO_SUCH_ENTITY);
    refused(() -> advisor.entities(A, jobId, "", PageRequest.first()), ErrorCode.VALIDATION_ERROR);
    refused(
        () -> advisor.entities(A, jobId, "x".repeat(65), PageRequest.first()),
        ErrorCode.VALIDATION_ERROR);
    refused(
        () -> advisor.entities(A, jobId, "s3 x", PageRequest.first()), ErrorCode.VALIDATION_ERROR);
  }

  @Test
  void policiesGrantingAServiceNameInlineManagedAndGroupPolicies() {
    String policyArn =
        iam.managedPolicies()
            .createPolicy(A, CreatePolicyRequest.of("objects", allow("\"s3:GetObject\"")))
            .arn();
    iam.attachments().attach(A, EntityKind.USER, "alice", policyArn);
    List<ServiceGrants> grants =
        advisor.policiesGranting().list(A, alice, List.of("iam", "S3", "ec2"));
    assertThat(grants)
        .extracting(ServiceGrants::serviceNamespace)
        .containsExactly("iam", "S3", "ec2");
    assertThat(grants.get(0).policies())
        .containsExactlyInAnyOrder(
            new Granting(
                "work", "INLINE", Optional.empty(), Optional.of("USER"), Optional.of("alice")),
            new Granting(
                "read", "INLINE", Optional.empty(), Optional.of("GROUP"), Optional.of("team")));
    assertThat(grants.get(1).policies())
        .containsExactlyInAnyOrder(
            new Granting(
                "work", "INLINE", Optional.empty(), Optional.of("USER"), Optional.of("alice")),
            new Granting(
                "objects", "MANAGED", Optional.of(policyArn), Optional.empty(), Optional.empty()));
    assertThat(grants.get(2).policies()).isEmpty();

    PoliciesGranting granting = advisor.policiesGranting();
    refused(() -> granting.list(A, alice, List.of()), ErrorCode.VALIDATION_ERROR);
    refused(
        () ->
            granting.list(A, alice, Collections.nCopies(PoliciesGranting.MAX_NAMESPACES + 1, "s3")),
        ErrorCode.VALIDATION_ERROR);
    refused(() -> granting.list(A, alice, List.of("s3 x")), ErrorCode.VALIDATION_ERROR);
    refused(() -> granting.list(A, policyArn, List.of("s3")), ErrorCode.INVALID_INPUT);
    refused(
        () -> granting.list(A, "arn:aws:iam::" + A + ":role/none", List.of("s3")),
        ErrorCode.NO_SUCH_ENTITY);
  }
}
