package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessAdvisorUsageGranularityType;
import software.amazon.awssdk.services.iam.model.EntityDetails;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.JobStatusType;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessEntry;
import software.amazon.awssdk.services.iam.model.PolicyGrantingServiceAccess;
import software.amazon.awssdk.services.iam.model.PolicyOwnerEntityType;
import software.amazon.awssdk.services.iam.model.PolicyType;
import software.amazon.awssdk.services.iam.model.ServiceLastAccessed;
import software.amazon.awssdk.services.iam.model.TrackedActionLastAccessed;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * IAM access advisor through the SDK v2 against a live server: the report lists every service the
 * principal's policies allow, with when, by whom and where each was last used (Gatehouse's own
 * record of the calls it authorized), and refuses what AWS refuses.
 */
class AccessAdvisorSdkTest extends IamSdkServerTest {
  static final String ACCOUNT = "123456789012";
  static final String USER_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":["
          + "{\"Effect\":\"Allow\",\"Action\":[\"iam:Get*\",\"iam:List*\"],\"Resource\":\"*\"},"
          + "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
          + "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}";
  static final String GROUP_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":"
          + "[{\"Effect\":\"Allow\",\"Action\":\"iam:ListRoles\",\"Resource\":\"*\"}]}";
  static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"arn:aws:iam::"
          + ACCOUNT
          + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";

  /** A user with IAM, S3 and AssumeRole permissions (inline) and a group's policy. */
  static AwsBasicCredentials user(String name) {
    iam.createUser(r -> r.userName(name));
    iam.putUserPolicy(r -> r.userName(name).policyName("work").policyDocument(USER_POLICY));
    iam.createGroup(r -> r.groupName(name + "-team"));
    iam.putGroupPolicy(
        r -> r.groupName(name + "-team").policyName("team").policyDocument(GROUP_POLICY));
    iam.addUserToGroup(r -> r.groupName(name + "-team").userName(name));
    var key = iam.createAccessKey(r -> r.userName(name)).accessKey();
    return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
  }

  static IamClient iamAs(software.amazon.awssdk.auth.credentials.AwsCredentials c) {
    return IamClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(c))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static Map<String, ServiceLastAccessed> services(GetServiceLastAccessedDetailsResponse r) {
    return r.servicesLastAccessed().stream()
        .collect(Collectors.toMap(ServiceLastAccessed::serviceNamespace, Function.identity()));
  }

  static GetServiceLastAccessedDetailsResponse report(
      String arn, AccessAdvisorUsageGranularityType granularity) {
    String jobId =
        iam.generateServiceLastAccessedDetails(r -> r.arn(arn).granularity(granularity)).jobId();
    assertThat(jobId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    return iam.getServiceLastAccessedDetails(r -> r.jobId(jobId).maxItems(1000));
  }

  @Test
  void theReportListsAllowedServicesWithTheirLastUseByTheUser() {
    String arn = "arn:aws:iam::" + ACCOUNT + ":user/advisor-alice";
    AwsBasicCredentials alice = user("advisor-alice");
    try (IamClient asAlice = iamAs(alice)) {
      asAlice.getUser();
      asAlice.listRoles();
    }

    GetServiceLastAccessedDetailsResponse first =
        report(arn, AccessAdvisorUsageGranularityType.SERVICE_LEVEL);
    assertThat(first.jobStatus()).isEqualTo(JobStatusType.COMPLETED);
    assertThat(first.jobType()).isEqualTo(AccessAdvisorUsageGranularityType.SERVICE_LEVEL);
    assertThat(first.jobCreationDate()).isNotNull();
    assertThat(first.jobCompletionDate()).isNotNull();
    assertThat(first.isTruncated()).isFalse();
    Map<String, ServiceLastAccessed> byNamespace = services(first);
    assertThat(byNamespace).containsOnlyKeys("iam", "s3", "sts");
    ServiceLastAccessed usedIam = byNamespace.get("iam");
    assertThat(usedIam.serviceName()).isEqualTo("AWS Identity and Access Management (IAM)");
    assertThat(usedIam.lastAuthenticated()).isNotNull();
    assertThat(usedIam.lastAuthenticatedEntity()).isEqualTo(arn);
    assertThat(usedIam.lastAuthenticatedRegion()).isEqualTo("us-east-1");
    assertThat(usedIam.totalAuthenticatedEntities()).isEqualTo(1);
    assertThat(usedIam.trackedActionsLastAccessed()).isEmpty();
    ServiceLastAccessed s3 = byNamespace.get("s3");
    assertThat(s3.serviceName()).isEqualTo("Amazon S3");
    assertThat(s3.lastAuthenticated()).isNull();
    assertThat(s3.lastAuthenticatedEntity()).isNull();
    assertThat(s3.totalAuthenticatedEntities()).isZero();

    // Once the user uses S3, a new report says so.
    try (S3Client s3Client = S3Fixture.s3(server.endpoint(), alice)) {
      s3Client.listBuckets();
    }
    ServiceLastAccessed usedS3 =
        services(report(arn, AccessAdvisorUsageGranularityType.SERVICE_LEVEL)).get("s3");
    assertThat(usedS3.lastAuthenticated()).isNotNull();
    assertThat(usedS3.lastAuthenticatedEntity()).isEqualTo(arn);
    assertThat(usedS3.totalAuthenticatedEntities()).isEqualTo(1);
  }

  @Test
  void actionLevelReportsTrackEachAllowedActionOfTheServedServices() {
    String arn = "arn:aws:iam::" + ACCOUNT + ":user/advisor-bob";
    try (IamClient asBob = iamAs(user("advisor-bob"))) {
      asBob.getUser();
    }
    Map<String, ServiceLastAccessed> byNamespace =
        services(report(arn, AccessAdvisorUsageGranularityType.ACTION_LEVEL));
    Map<String, TrackedActionLastAccessed> actions =
        byNamespace.get("iam").trackedActionsLastAccessed().stream()
            .collect(Collectors.toMap(TrackedActionLastAccessed::actionName, Function.identity()));
    assertThat(actions).containsKeys("GetUser", "GetRole", "ListUsers", "ListRoles");
    assertThat(actions).doesNotContainKeys("CreateUser", "DeleteRole");
    assertThat(actions.get("GetUser").lastAccessedTime()).isNotNull();
    assertThat(actions.get("GetUser").lastAccessedEntity()).isEqualTo(arn);
    assertThat(actions.get("GetUser").lastAccessedRegion()).isEqualTo("us-east-1");
    assertThat(actions.get("GetRole").lastAccessedTime()).isNull();
    assertThat(byNamespace.get("s3").trackedActionsLastAccessed())
        .extracting(TrackedActionLastAccessed::actionName)
        .contains("ListAllMyBuckets", "GetObject");
  }

  @Test
  void aGroupReportNamesItsUsersAndARoleReportCountsItsSessions() {
    String userArn = "arn:aws:iam::" + ACCOUNT + ":user/advisor-carol";
    AwsBasicCredentials carol = user("advisor-carol");
    iam.createRole(r -> r.roleName("advisor-role").assumeRolePolicyDocument(TRUST));
    iam.putRolePolicy(
        r -> r.roleName("advisor-role").policyName("read").policyDocument(GROUP_POLICY));
    try (IamClient asCarol = iamAs(carol);
        StsClient sts =
            StsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(carol))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
      asCarol.listRoles();
      Credentials c =
          sts.assumeRole(
                  r ->
                      r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/advisor-role")
                          .roleSessionName("advisor-session"))
              .credentials();
      try (IamClient asRole =
          iamAs(
              AwsSessionCredentials.create(
                  c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))) {
        asRole.listRoles();
      }
    }

    String groupJob =
        iam.generateServiceLastAccessedDetails(
                r -> r.arn("arn:aws:iam::" + ACCOUNT + ":group/advisor-carol-team"))
            .jobId();
    var group = iam.getServiceLastAccessedDetails(r -> r.jobId(groupJob));
    assertThat(group.jobType()).isEqualTo(AccessAdvisorUsageGranularityType.SERVICE_LEVEL);
    assertThat(services(group)).containsOnlyKeys("iam");
    assertThat(services(group).get("iam").lastAuthenticatedEntity()).isEqualTo(userArn);
    List<EntityDetails> entities =
        iam.getServiceLastAccessedDetailsWithEntities(
                r -> r.jobId(groupJob).serviceNamespace("iam"))
            .entityDetailsList();
    assertThat(entities).hasSize(1);
    assertThat(entities.get(0).entityInfo().arn()).isEqualTo(userArn);
    assertThat(entities.get(0).entityInfo().name()).isEqualTo("advisor-carol");
    assertThat(entities.get(0).entityInfo().type()).isEqualTo(PolicyOwnerEntityType.USER);
    assertThat(entities.get(0).entityInfo().id()).startsWith("AIDA");
    assertThat(entities.get(0).entityInfo().path()).isEqualTo("/");
    assertThat(entities.get(0).lastAuthenticated()).isNotNull();
    assertThat(
            iam.getServiceLastAccessedDetailsWithEntities(
                    r -> r.jobId(groupJob).serviceNamespace("ec2"))
                .entityDetailsList())
        .isEmpty();

    String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/advisor-role";
    ServiceLastAccessed byRole =
        services(report(roleArn, AccessAdvisorUsageGranularityType.SERVICE_LEVEL)).get("iam");
    assertThat(byRole.lastAuthenticatedEntity()).isEqualTo(roleArn);
    assertThat(byRole.totalAuthenticatedEntities()).isEqualTo(1);
  }

  @Test
  void servicesArePagedWithMaxItemsAndMarker() {
    String arn = "arn:aws:iam::" + ACCOUNT + ":user/advisor-dan";
    user("advisor-dan");
    String jobId = iam.generateServiceLastAccessedDetails(r -> r.arn(arn)).jobId();
    var page1 = iam.getServiceLastAccessedDetails(r -> r.jobId(jobId).maxItems(2));
    assertThat(page1.isTruncated()).isTrue();
    assertThat(page1.servicesLastAccessed())
        .extracting(ServiceLastAccessed::serviceNamespace)
        .containsExactly("iam", "s3");
    var page2 =
        iam.getServiceLastAccessedDetails(r -> r.jobId(jobId).maxItems(2).marker(page1.marker()));
    assertThat(page2.isTruncated()).isFalse();
    assertThat(page2.servicesLastAccessed())
        .extracting(ServiceLastAccessed::serviceNamespace)
        .containsExactly("sts");
  }

  @Test
  void listPoliciesGrantingServiceAccessNamesInlineAndGroupPolicies() {
    String arn = "arn:aws:iam::" + ACCOUNT + ":user/advisor-erin";
    user("advisor-erin");
    iam.createPolicy(
        r ->
            r.policyName("advisor-erin-s3")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));
    String managed = "arn:aws:iam::" + ACCOUNT + ":policy/advisor-erin-s3";
    iam.attachUserPolicy(r -> r.userName("advisor-erin").policyArn(managed));
    List<ListPoliciesGrantingServiceAccessEntry> entries =
        iam.listPoliciesGrantingServiceAccess(r -> r.arn(arn).serviceNamespaces("iam", "s3", "ec2"))
            .policiesGrantingServiceAccess();
    assertThat(entries)
        .extracting(ListPoliciesGrantingServiceAccessEntry::serviceNamespace)
        .containsExactly("iam", "s3", "ec2");
    assertThat(entries.get(0).policies())
        .extracting(
            PolicyGrantingServiceAccess::policyName,
            PolicyGrantingServiceAccess::policyType,
            PolicyGrantingServiceAccess::entityType,
            PolicyGrantingServiceAccess::entityName)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "work", PolicyType.INLINE, PolicyOwnerEntityType.USER, "advisor-erin"),
            org.assertj.core.groups.Tuple.tuple(
                "team", PolicyType.INLINE, PolicyOwnerEntityType.GROUP, "advisor-erin-team"));
    assertThat(entries.get(1).policies())
        .extracting(PolicyGrantingServiceAccess::policyName, PolicyGrantingServiceAccess::policyArn)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("work", null),
            org.assertj.core.groups.Tuple.tuple("advisor-erin-s3", managed));
    assertThat(entries.get(2).policies()).isEmpty();

    // A policy's report counts the entities it is attached to.
    String jobId = iam.generateServiceLastAccessedDetails(r -> r.arn(managed)).jobId();
    var byPolicy = iam.getServiceLastAccessedDetails(r -> r.jobId(jobId));
    assertThat(services(byPolicy)).containsOnlyKeys("s3");
    assertThat(
            iam.getServiceLastAccessedDetailsWithEntities(
                    r -> r.jobId(jobId).serviceNamespace("s3"))
                .entityDetailsList())
        .extracting(e -> e.entityInfo().arn())
        .containsExactly(arn);
  }

  @Test
  void refusesUnknownJobsBadArnsBadInputAndCallersWithoutPermission() {
    assertError(
        () -> iam.getServiceLastAccessedDetails(r -> r.jobId(UUID.randomUUID().toString())),
        404,
        "NoSuchEntity");
    assertError(
        () ->
            iam.getServiceLastAccessedDetailsWithEntities(
                r -> r.jobId(UUID.randomUUID().toString()).serviceNamespace("iam")),
        404,
        "NoSuchEntity");
    assertError(
        () -> iam.getServiceLastAccessedDetails(r -> r.jobId("not-a-job")), 400, "ValidationError");
    assertError(
        () -> iam.generateServiceLastAccessedDetails(r -> r.arn("arn:aws:s3:::some-bucket")),
        400,
        "InvalidInput");
    assertError(
        () ->
            iam.generateServiceLastAccessedDetails(
                r -> r.arn("arn:aws:iam::" + ACCOUNT + ":user/nobody-here")),
        404,
        "NoSuchEntity");
    assertError(
        () ->
            iam.generateServiceLastAccessedDetails(
                r -> r.arn("arn:aws:iam::" + ACCOUNT + ":user/x").granularity("EVERYTHING")),
        400,
        "ValidationError");
    assertError(
        () ->
            iam.listPoliciesGrantingServiceAccess(
                r -> r.arn("arn:aws:iam::aws:policy/ReadOnlyAccess").serviceNamespaces("iam")),
        400,
        "InvalidInput");
    assertError(
        () ->
            iam.listPoliciesGrantingServiceAccess(
                r ->
                    r.arn("arn:aws:iam::" + ACCOUNT + ":user/nobody-here")
                        .serviceNamespaces("s3 3")),
        400,
        "ValidationError");

    // The user may read reports (iam:Get*) but not generate them.
    try (IamClient asFrank = iamAs(user("advisor-frank"))) {
      String self = "arn:aws:iam::" + ACCOUNT + ":user/advisor-frank";
      assertError(
          () -> asFrank.generateServiceLastAccessedDetails(r -> r.arn(self)), 403, "AccessDenied");
      String jobId = iam.generateServiceLastAccessedDetails(r -> r.arn(self)).jobId();
      assertThat(asFrank.getServiceLastAccessedDetails(r -> r.jobId(jobId)).jobStatus())
          .isEqualTo(JobStatusType.COMPLETED);
    }
  }
}
