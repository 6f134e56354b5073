package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.sigv4.SigningCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/**
 * Temporary elevation with approval, end to end (DESIGN.md decision 12): Stuart is refused a role
 * that requires a grant, requests it with a reason, Maria approves, he assumes it and uses S3 until
 * Maria revokes it; self-approval, break-glass, a quorum of two, extension and expiry.
 */
class AccessGrantScenarioTest extends StsScenarioFixture {
  static final String GRANTED = "arn:aws:iam::" + ACCOUNT + ":role/RoleS3Granted";
  static final String GLASS = "arn:aws:iam::" + ACCOUNT + ":role/RoleBreakGlass";
  static final String QUORUM = "arn:aws:iam::" + ACCOUNT + ":role/RoleQuorum";
  static final Pattern GRANT_ID = Pattern.compile("<GrantId>(ag-[0-9a-f]+)</GrantId>");
  static final Pattern REQUEST_ID =
      Pattern.compile("<AccessRequestId>(ar-[0-9a-f]+)</AccessRequestId>");

  static AwsBasicCredentials maria;
  static AwsBasicCredentials carol;
  static GatehouseApiClient admin;

  @BeforeAll
  static void rolesRequireGrants() throws Exception {
    maria = user("Maria");
    carol = user("Carol");
    for (String name : new String[] {"RoleS3Granted", "RoleBreakGlass", "RoleQuorum"}) {
      root.createRole(
          r ->
              r.roleName(name)
                  .maxSessionDuration(43200)
                  .assumeRolePolicyDocument(trust(STUART_ARN, "")));
      root.attachRolePolicy(
          r -> r.roleName(name).policyArn("arn:aws:iam::aws:policy/AmazonS3FullAccess"));
    }
    root.putUserPolicy(
        r ->
            r.userName("Stuart")
                .policyName("AssumeAndRequest")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":[\"sts:AssumeRole\",\"gatehouse:RequestAccess\","
                        + "\"gatehouse:ApproveAccessRequest\",\"gatehouse:ReleaseAccessGrant\","
                        + "\"gatehouse:GetAccessRequest\"],\"Resource\":\"*\"}]}"));
    for (String approver : new String[] {"Maria", "Carol"}) {
      root.putUserPolicy(
          r ->
              r.userName(approver).policyName("Approve").policyDocument(allow("gatehouse:*", "*")));
    }
    admin =
        new GatehouseApiClient(
            endpoint(),
            SigningCredentials.of(
                rootCredentials.accessKeyId(), rootCredentials.secretAccessKey()));
    putPolicy("RoleS3Granted", 1, false);
    putPolicy("RoleBreakGlass", 1, true);
    putPolicy("RoleQuorum", 2, false);
  }

  static void putPolicy(String role, int quorum, boolean breakGlass) throws Exception {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("RoleName", role);
    p.put("MaxDurationSeconds", "14400");
    p.put("Approvers.member.1", "arn:aws:iam::" + ACCOUNT + ":user/Maria");
    p.put("Approvers.member.2", "arn:aws:iam::" + ACCOUNT + ":user/Carol");
    p.put("Quorum", Integer.toString(quorum));
    p.put("ReasonRequired", "true");
    p.put("BreakGlass", Boolean.toString(breakGlass));
    GatehouseApiClient.Response r = admin.call("PutRoleRequestPolicy", p);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  static GatehouseApiClient as(AwsBasicCredentials c) {
    return new GatehouseApiClient(
        endpoint(), SigningCredentials.of(c.accessKeyId(), c.secretAccessKey()));
  }

  static String request(String roleArn, int seconds) throws Exception {
    GatehouseApiClient.Response r =
        as(stuart)
            .call(
                "CreateAccessRequest",
                Map.of(
                    "RoleArn",
                    roleArn,
                    "DurationSeconds",
                    Integer.toString(seconds),
                    "Reason",
                    "OPS-123 fix the upload bucket"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return first(REQUEST_ID, r.body());
  }

  static GatehouseApiClient.Response approve(AwsBasicCredentials who, String id, String comment)
      throws Exception {
    return as(who).call("ApproveAccessRequest", Map.of("AccessRequestId", id, "Comment", comment));
  }

  static String approved(String id) throws Exception {
    GatehouseApiClient.Response r = approve(maria, id, "ok for two hours");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return first(GRANT_ID, r.body());
  }

  static String first(Pattern p, String body) {
    Matcher m = p.matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(1);
  }

  static AssumeRoleResponse assume(String roleArn, int seconds) {
    try (StsClient sts = sts(stuart)) {
      return sts.assumeRole(
          r -> r.roleArn(roleArn).roleSessionName("stuart").durationSeconds(seconds));
    }
  }

  static S3Client s3(AwsCredentials c) {
    return S3Fixture.s3(endpoint(), c);
  }

  @Test
  void theHistoryIsListedInPagesOldestFirst() throws Exception {
    String one = request(QUORUM, 3600);
    String two = request(QUORUM, 3600);
    List<String> seen = new java.util.ArrayList<>();
    String marker = "";
    int pages = 0;
    do {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("RoleArn", QUORUM);
      p.put("MaxItems", "1");
      if (!marker.isEmpty()) {
        p.put("Marker", marker);
      }
      GatehouseApiClient.Response page = as(maria).call("ListAccessRequests", p);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      Matcher m = REQUEST_ID.matcher(page.body());
      while (m.find()) {
        seen.add(m.group(1));
      }
      Matcher next = Pattern.compile("<Marker>([^<]+)</Marker>").matcher(page.body());
      marker = next.find() ? next.group(1) : "";
      assertThat(page.body()).contains("<IsTruncated>" + !marker.isEmpty() + "</IsTruncated>");
      pages++;
    } while (!marker.isEmpty() && pages < 100);
    assertThat(seen).contains(one, two);
    assertThat(seen).doesNotHaveDuplicates();
    GatehouseApiClient.Response tooMany =
        as(maria).call("ListAccessRequests", Map.of("MaxItems", "1001"));
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.body()).contains("maxItems");
  }

  @Test
  void stuartRequestsMariaApprovesHeUsesS3UntilSheRevokes() throws Exception {
    var refused = error(() -> assume(GRANTED, 3600));
    assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    assertThat(refused.awsErrorDetails().errorMessage()).contains("no live grant");

    String id = request(GRANTED, 7200);
    String grant = approved(id);
    Instant grantEnd = clock.instant().plus(Duration.ofHours(2));

    AssumeRoleResponse session = assume(GRANTED, 43200);
    assertThat(session.credentials().expiration()).isBeforeOrEqualTo(grantEnd.plusSeconds(1));
    assertThat(session.credentials().expiration())
        .isAfter(clock.instant().plus(Duration.ofMinutes(110)));
    assertThat(session.sourceIdentity()).isEqualTo("Stuart");
    AwsSessionCredentials creds = session(session.credentials());
    try (S3Client asRole = s3(creds)) {
      asRole.createBucket(r -> r.bucket("granted-bucket"));
      asRole.putObject(
          r -> r.bucket("granted-bucket").key("fix.txt"), RequestBody.fromString("fixed"));
      assertThat(asRole.listBuckets().buckets())
          .extracting(b -> b.name())
          .contains("granted-bucket");

      GatehouseApiClient.Response revoked =
          as(maria).call("RevokeAccessGrant", Map.of("GrantId", grant, "Comment", "done"));
      assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
      assertThat(revoked.body()).contains("<Status>REVOKED</Status>");
      var after = S3Fixture.error(asRole::listBuckets);
      assertThat(after.statusCode()).isEqualTo(400);
      assertThat(after.awsErrorDetails().errorCode()).isEqualTo("InvalidToken");
    }
    assertThat(error(() -> assume(GRANTED, 3600)).awsErrorDetails().errorCode())
        .isEqualTo("AccessDenied");

    GatehouseApiClient.Response history =
        as(maria).call("ListAccessRequests", Map.of("RoleArn", GRANTED));
    assertThat(history.body())
        .contains("<Action>REQUESTED</Action>", "<Action>APPROVED</Action>")
        .contains("<Action>REVOKED</Action>", "user/Maria", "OPS-123");
  }

  @Test
  void aRequesterCannotApproveTheirOwnRequest() throws Exception {
    String id = request(GRANTED, 3600);
    GatehouseApiClient.Response self = approve(stuart, id, "I approve myself");
    assertThat(self.status()).isEqualTo(403);
    assertThat(self.body()).contains("AccessDenied", "cannot approve their own");
    assertThat(as(maria).call("DenyAccessRequest", Map.of("AccessRequestId", id)).status())
        .isEqualTo(200);
  }

  @Test
  void breakGlassSelfApprovalWorksWithAReasonAndIsFlagged() throws Exception {
    String id = request(GLASS, 3600);
    assertThat(approve(stuart, id, "").status()).isEqualTo(400);
    GatehouseApiClient.Response glass = approve(stuart, id, "prod down INC-9, nobody awake");
    assertThat(glass.status()).as(glass.body()).isEqualTo(200);
    assertThat(glass.body())
        .contains("<BreakGlass>true</BreakGlass>", "<Action>BREAK_GLASS</Action>");
    assertThat(assume(GLASS, 3600).credentials().accessKeyId()).startsWith("ASIA");
    assertThat(String.join("\n", LiveServer.auditLinesOf(data)))
        .contains("ApproveAccessRequest")
        .contains("BREAK_GLASS");
  }

  @Test
  void aQuorumOfTwoNeedsTwoDifferentApprovers() throws Exception {
    String id = request(QUORUM, 3600);
    GatehouseApiClient.Response first = approve(maria, id, "one");
    assertThat(first.body()).contains("<Status>PENDING</Status>");
    assertThat(approve(maria, id, "again").status()).isEqualTo(400);
    assertThat(error(() -> assume(QUORUM, 3600)).awsErrorDetails().errorCode())
        .isEqualTo("AccessDenied");
    GatehouseApiClient.Response second = approve(carol, id, "two");
    assertThat(second.body()).contains("<Status>ACTIVE</Status>");
    assertThat(assume(QUORUM, 3600).credentials().accessKeyId()).startsWith("ASIA");
  }

  @Test
  void anExtensionKeepsTheSessionAndAnExpiredGrantRefusesNewOnes() throws Exception {
    String grant = approved(request(GRANTED, 3600));
    AssumeRoleResponse session = assume(GRANTED, 43200);
    try (S3Client asRole = s3(session(session.credentials()))) {
      asRole.listBuckets();
      GatehouseApiClient.Response extended =
          as(maria)
              .call(
                  "ExtendAccessGrant",
                  Map.of("GrantId", grant, "DurationSeconds", "3600", "Comment", "needs more"));
      assertThat(extended.status()).as(extended.body()).isEqualTo(200);
      asRole.listBuckets();
      assertThat(assume(GRANTED, 43200).credentials().expiration())
          .isAfter(session.credentials().expiration().plus(Duration.ofMinutes(59)));
    }
    clock.advance(Duration.ofHours(3));
    try {
      var expired = error(() -> assume(GRANTED, 3600));
      assertThat(expired.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(expired.awsErrorDetails().errorMessage()).contains("no live grant");
    } finally {
      clock.advance(Duration.ofHours(-3));
    }
    // Given back early, the grant leaves no live grant behind for the other tests.
    GatehouseApiClient.Response released =
        as(stuart).call("ReleaseAccessGrant", Map.of("GrantId", grant));
    assertThat(released.status()).as(released.body()).isEqualTo(200);
    assertThat(released.body()).contains("<Status>RELEASED</Status>");
  }
}
