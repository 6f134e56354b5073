package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;

/** The policy simulator through the AWS SDK (and the AWS CLI when installed). */
class SimulationTest extends IamSdkServerTest {
  static final String ACCOUNT = "123456789012";
  static final String ROLE_ARN = "arn:aws:iam::123456789012:role/s3-role";
  static final String ALICE_ARN = "arn:aws:iam::123456789012:user/alice";
  static final String ALICE_POLICY =
      "{\n"
          + "  \"Version\": \"2012-10-17\",\n"
          + "  \"Statement\": [\n"
          + "    {\"Sid\": \"Read\", \"Effect\": \"Allow\", \"Action\": \"s3:*\",\n"
          + "     \"Resource\": \"arn:aws:s3:::data/*\"},\n"
          + "    {\"Sid\": \"NoDelete\", \"Effect\": \"Deny\", \"Action\": \"s3:DeleteObject\","
          + " \"Resource\": \"*\"},\n"
          + "    {\"Sid\": \"Mfa\", \"Effect\": \"Allow\", \"Action\": \"ec2:StopInstances\","
          + " \"Resource\": \"*\",\n"
          + "     \"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}}}\n"
          + "  ]\n"
          + "}";

  @TempDir static Path work;

  @BeforeAll
  static void fixtures() throws Exception {
    iam.createRole(r -> r.roleName("s3-role").assumeRolePolicyDocument(IamSdkTest.TRUST));
    iam.attachRolePolicy(
        r -> r.roleName("s3-role").policyArn("arn:aws:iam::aws:policy/AmazonS3FullAccess"));
    iam.createUser(r -> r.userName("alice"));
    iam.putUserPolicy(r -> r.userName("alice").policyName("alice-s3").policyDocument(ALICE_POLICY));
    iam.createPolicy(r -> r.policyName("only-get").policyDocument(allow("s3:GetObject", "*")));
    iam.createUser(r -> r.userName("bounded"));
    iam.putUserPolicy(
        r -> r.userName("bounded").policyName("all-s3").policyDocument(allow("s3:*", "*")));
    iam.putUserPermissionsBoundary(
        r ->
            r.userName("bounded").permissionsBoundary("arn:aws:iam::123456789012:policy/only-get"));
    iam.createGroup(r -> r.groupName("readers"));
    iam.putGroupPolicy(
        r ->
            r.groupName("readers")
                .policyName("get-user")
                .policyDocument(allow("iam:GetUser", "*")));
    iam.addUserToGroup(r -> r.groupName("readers").userName("alice"));
  }

  static String allow(String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
        + action
        + "\",\"Resource\":\""
        + resource
        + "\"}]}";
  }

  static List<EvaluationResult> simulate(String source, List<String> actions, String... resources) {
    return iam.simulatePrincipalPolicy(
            r -> r.policySourceArn(source).actionNames(actions).resourceArns(resources))
        .evaluationResults();
  }

  @Test
  void aRoleWithAmazonS3FullAccessGrantsS3AndNothingElse() {
    List<EvaluationResult> results =
        simulate(ROLE_ARN, List.of("s3:ListAllMyBuckets", "iam:ListUsers"));
    assertThat(results).hasSize(2);
    EvaluationResult s3 = results.get(0);
    assertThat(s3.evalActionName()).isEqualTo("s3:ListAllMyBuckets");
    assertThat(s3.evalResourceName()).isEqualTo("*");
    assertThat(s3.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(s3.matchedStatements())
        .extracting(Statement::sourcePolicyId, Statement::sourcePolicyTypeAsString)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("AmazonS3FullAccess", "aws-managed"));
    EvaluationResult listUsers = results.get(1);
    assertThat(listUsers.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(listUsers.matchedStatements()).isEmpty();
  }

  @Test
  void allowedExplicitDenyAndImplicitDenyWithStatementPositions() {
    List<EvaluationResult> results =
        simulate(
            ALICE_ARN,
            List.of("s3:GetObject", "s3:DeleteObject", "sqs:SendMessage", "iam:GetUser"),
            "arn:aws:s3:::data/report.csv");
    assertThat(results)
        .extracting(EvaluationResult::evalDecisionAsString)
        .containsExactly("allowed", "explicitDeny", "implicitDeny", "allowed");
    Statement read = results.get(0).matchedStatements().get(0);
    assertThat(read.sourcePolicyId()).isEqualTo("alice-s3");
    assertThat(read.sourcePolicyTypeAsString()).isEqualTo("user");
    // The first statement's brace is on line 4, column 5: AWS reports the column after it.
    assertThat(read.startPosition().line()).isEqualTo(4);
    assertThat(read.startPosition().column()).isEqualTo(6);
    assertThat(read.endPosition().line()).isEqualTo(5);
    Statement deny = results.get(1).matchedStatements().get(0);
    assertThat(deny.startPosition().line()).isEqualTo(6);
    // The group's policy applies to its member.
    assertThat(results.get(3).matchedStatements().get(0).sourcePolicyTypeAsString())
        .isEqualTo("group");
    assertThat(results.get(0).evalResourceName()).isEqualTo("arn:aws:s3:::data/report.csv");
  }

  @Test
  void missingContextValuesAndContextEntriesChangeTheDecision() {
    EvaluationResult without = simulate(ALICE_ARN, List.of("ec2:StopInstances")).get(0);
    assertThat(without.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(without.missingContextValues()).containsExactly("aws:MultiFactorAuthPresent");
    EvaluationResult with =
        iam.simulatePrincipalPolicy(
                r ->
                    r.policySourceArn(ALICE_ARN)
                        .actionNames("ec2:StopInstances")
                        .contextEntries(
                            ContextEntry.builder()
                                .contextKeyName("aws:MultiFactorAuthPresent")
                                .contextKeyValues("true")
                                .contextKeyType(ContextKeyTypeEnum.BOOLEAN)
                                .build()))
            .evaluationResults()
            .get(0);
    assertThat(with.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(with.missingContextValues()).isEmpty();
    // With ResourceArns, the keys are reported per resource.
    EvaluationResult perResource =
        simulate(ALICE_ARN, List.of("ec2:StopInstances"), "arn:aws:ec2:us-east-1:123456789012:i/x")
            .get(0);
    assertThat(perResource.missingContextValues()).isEmpty();
    assertThat(perResource.evalDecisionDetails()).isEmpty();
    assertThat(perResource.resourceSpecificResults()).hasSize(1);
    assertThat(perResource.resourceSpecificResults().get(0).missingContextValues())
        .containsExactly("aws:MultiFactorAuthPresent");
    assertThat(perResource.resourceSpecificResults().get(0).evalResourceDecisionAsString())
        .isEqualTo("implicitDeny");
    // A statement that does not apply to the action is not asked about.
    assertThat(simulate(ALICE_ARN, List.of("s3:GetObject")).get(0).missingContextValues())
        .isEmpty();
  }

  @Test
  void aPermissionsBoundaryNarrowsTheIdentityPolicies() {
    List<EvaluationResult> results =
        simulate("arn:aws:iam::123456789012:user/bounded", List.of("s3:GetObject", "s3:PutObject"));
    assertThat(results.get(0).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(results.get(0).matchedStatements())
        .extracting(Statement::sourcePolicyId)
        .containsExactlyInAnyOrder("all-s3", "only-get");
    assertThat(results.get(1).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(results.get(1).permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary())
        .isFalse();
    // A boundary given in the request replaces the entity's.
    EvaluationResult replaced =
        iam.simulatePrincipalPolicy(
                r ->
                    r.policySourceArn("arn:aws:iam::123456789012:user/bounded")
                        .actionNames("s3:PutObject")
                        .permissionsBoundaryPolicyInputList(allow("s3:Put*", "*")))
            .evaluationResults()
            .get(0);
    assertThat(replaced.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(replaced.matchedStatements())
        .extracting(Statement::sourcePolicyId)
        .contains("PermissionsBoundaryPolicyInputList.1");
  }

  @Test
  void aResourcePolicyGrantsTheNamedCaller() {
    String bucketPolicy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\""
            + ALICE_ARN
            + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::shared/*\"}]}";
    EvaluationResult r =
        iam.simulateCustomPolicy(
                b ->
                    b.policyInputList(allow("iam:GetUser", "*"))
                        .actionNames("s3:GetObject")
                        .resourceArns("arn:aws:s3:::shared/k")
                        .resourcePolicy(bucketPolicy)
                        .callerArn(ALICE_ARN))
            .evaluationResults()
            .get(0);
    assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(r.matchedStatements())
        .extracting(Statement::sourcePolicyId, Statement::sourcePolicyTypeAsString)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ResourcePolicy", "resource"));
    // Another caller is not granted by it.
    EvaluationResult other =
        iam.simulateCustomPolicy(
                b ->
                    b.policyInputList(allow("iam:GetUser", "*"))
                        .actionNames("s3:GetObject")
                        .resourceArns("arn:aws:s3:::shared/k")
                        .resourcePolicy(bucketPolicy)
                        .callerArn("arn:aws:iam::123456789012:user/bob"))
            .evaluationResults()
            .get(0);
    assertThat(other.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    // Without CallerArn there is no caller to match.
    IamSdkTest.assertError(
        () ->
            iam.simulateCustomPolicy(
                b ->
                    b.policyInputList(allow("iam:GetUser", "*"))
                        .actionNames("s3:GetObject")
                        .resourcePolicy(bucketPolicy)),
        400,
        "InvalidInput");
  }

  @Test
  void customPolicyAndPagination() {
    SimulatePrincipalPolicyResponse first =
        iam.simulatePrincipalPolicy(
            r ->
                r.policySourceArn(ROLE_ARN)
                    .actionNames("s3:GetObject", "s3:PutObject", "iam:GetUser")
                    .maxItems(2));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.evaluationResults()).hasSize(2);
    SimulatePrincipalPolicyResponse second =
        iam.simulatePrincipalPolicy(
            r ->
                r.policySourceArn(ROLE_ARN)
                    .actionNames("s3:GetObject", "s3:PutObject", "iam:GetUser")
                    .maxItems(2)
                    .marker(first.marker()));
    assertThat(second.isTruncated()).isFalse();
    assertThat(second.evaluationResults())
        .extracting(EvaluationResult::evalActionName)
        .containsExactly("iam:GetUser");
    List<EvaluationResult> custom =
        iam.simulateCustomPolicy(
                r ->
                    r.policyInputList(allow("sqs:*", "*"))
                        .actionNames("sqs:SendMessage", "sns:Publish"))
            .evaluationResults();
    assertThat(custom)
        .extracting(EvaluationResult::evalDecisionAsString)
        .containsExactly("allowed", "implicitDeny");
    assertThat(custom.get(0).matchedStatements().get(0).sourcePolicyId())
        .isEqualTo("PolicyInputList.1");
  }

  /** AWS CLI examples, simulate-custom-policy and get-context-keys-for-custom-policy. */
  @Test
  void awsDocumentedExamples() {
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\","
            + "\"Resource\":\"*\",\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":"
            + "\"2018-08-16T12:00:00Z\"}}}}";
    EvaluationResult r =
        iam.simulateCustomPolicy(
                b ->
                    b.policyInputList(policy)
                        .actionNames("dynamodb:CreateBackup")
                        .contextEntries(
                            ContextEntry.builder()
                                .contextKeyName("aws:CurrentTime")
                                .contextKeyValues("2019-04-25T11:00:00Z")
                                .contextKeyType(ContextKeyTypeEnum.DATE)
                                .build()))
            .evaluationResults()
            .get(0);
    assertThat(r.evalDecisionAsString()).isEqualTo("allowed");
    Statement s = r.matchedStatements().get(0);
    assertThat(s.sourcePolicyId()).isEqualTo("PolicyInputList.1");
    assertThat(List.of(s.startPosition().line(), s.startPosition().column()))
        .containsExactly(1, 38);
    assertThat(List.of(s.endPosition().line(), s.endPosition().column())).containsExactly(1, 167);
    EvaluationResult early =
        iam.simulateCustomPolicy(
                b ->
                    b.policyInputList(policy)
                        .actionNames("dynamodb:CreateBackup")
                        .contextEntries(
                            ContextEntry.builder()
                                .contextKeyName("aws:CurrentTime")
                                .contextKeyValues("2014-04-25T11:00:00Z")
                                .contextKeyType(ContextKeyTypeEnum.DATE)
                                .build()))
            .evaluationResults()
            .get(0);
    assertThat(early.evalDecisionAsString()).isEqualTo("implicitDeny");
    assertThat(early.matchedStatements()).isEmpty();
    assertThat(early.missingContextValues()).isEmpty();
    String variables =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\","
            + "\"Resource\":\"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}\","
            + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2015-08-16T12:00:00Z\"}}}}";
    assertThat(
            iam.getContextKeysForCustomPolicy(b -> b.policyInputList(variables)).contextKeyNames())
        .containsExactly("aws:username", "aws:CurrentTime");
  }

  @Test
  void groupsAreSimulatedWithTheirOwnPolicies() {
    List<EvaluationResult> results =
        simulate("arn:aws:iam::123456789012:group/readers", List.of("iam:GetUser", "s3:GetObject"));
    assertThat(results)
        .extracting(EvaluationResult::evalDecisionAsString)
        .containsExactly("allowed", "implicitDeny");
    iam.createGroup(r -> r.groupName("auditors"));
    iam.attachGroupPolicy(
        r -> r.groupName("auditors").policyArn("arn:aws:iam::123456789012:policy/only-get"));
    EvaluationResult managed =
        simulate("arn:aws:iam::123456789012:group/auditors", List.of("s3:GetObject")).get(0);
    assertThat(managed.evalDecisionAsString()).isEqualTo("allowed");
    assertThat(managed.matchedStatements())
        .extracting(Statement::sourcePolicyId, Statement::sourcePolicyTypeAsString)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("only-get", "user-managed"));
  }

  @Test
  void errors() {
    IamSdkTest.assertError(
        () -> simulate("arn:aws:iam::123456789012:role/nobody", List.of("s3:GetObject")),
        404,
        "NoSuchEntity");
    IamSdkTest.assertError(
        () -> simulate("arn:aws:iam::123456789012:user/other-path/alice", List.of("s3:GetObject")),
        404,
        "NoSuchEntity");
    IamSdkTest.assertError(
        () -> simulate("not-an-arn", List.of("s3:GetObject")), 400, "InvalidInput");
    IamSdkTest.assertError(
        () ->
            iam.simulateCustomPolicy(
                r -> r.policyInputList("{\"Statement\": 3}").actionNames("s3:GetObject")),
        400,
        "InvalidInput");
    IamSdkTest.assertError(
        () ->
            iam.simulatePrincipalPolicy(
                r ->
                    r.policySourceArn(ALICE_ARN)
                        .actionNames("s3:GetObject")
                        .contextEntries(
                            ContextEntry.builder()
                                .contextKeyName("aws:x")
                                .contextKeyValues("1")
                                .contextKeyType("number")
                                .build())),
        400,
        "InvalidInput");
    IamSdkTest.assertError(
        () ->
            iam.simulatePrincipalPolicy(
                r ->
                    r.policySourceArn(ALICE_ARN)
                        .actionNames("s3:GetObject")
                        .callerArn("arn:aws:sts::123456789012:assumed-role/r/s")),
        400,
        "InvalidInput");
    IamSdkTest.assertError(
        () ->
            iam.simulatePrincipalPolicy(
                r ->
                    r.policySourceArn(ALICE_ARN)
                        .actionNames("s3:GetObject")
                        .resourceOwner("somebody")),
        400,
        "InvalidInput");
  }

  @Test
  void simulatingNeedsItsOwnPermission() {
    iam.createUser(r -> r.userName("viewer"));
    iam.putUserPolicy(
        r ->
            r.userName("viewer")
                .policyName("simulate-roles")
                .policyDocument(
                    allow("iam:SimulatePrincipalPolicy", "arn:aws:iam::123456789012:role/*")));
    AccessKey key = iam.createAccessKey(r -> r.userName("viewer")).accessKey();
    try (IamClient viewer = server.client(key.accessKeyId(), key.secretAccessKey())) {
      assertThat(
              viewer
                  .simulatePrincipalPolicy(
                      r -> r.policySourceArn(ROLE_ARN).actionNames("s3:GetObject"))
                  .evaluationResults())
          .hasSize(1);
      IamSdkTest.assertError(
          () ->
              viewer.simulatePrincipalPolicy(
                  r -> r.policySourceArn(ALICE_ARN).actionNames("s3:GetObject")),
          403,
          "AccessDenied");
      IamSdkTest.assertError(
          () ->
              viewer.simulateCustomPolicy(
                  r -> r.policyInputList(allow("s3:*", "*")).actionNames("s3:GetObject")),
          403,
          "AccessDenied");
      IamSdkTest.assertError(
          () -> viewer.getContextKeysForPrincipalPolicy(r -> r.policySourceArn(ALICE_ARN)),
          403,
          "AccessDenied");
    }
  }

  @Test
  void contextKeys() {
    assertThat(
            iam.getContextKeysForPrincipalPolicy(r -> r.policySourceArn(ALICE_ARN))
                .contextKeyNames())
        .containsExactly("aws:MultiFactorAuthPresent");
    String twoKeys =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
            + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:username\":\"a\","
            + "\"s3:prefix\":\"p\"},\"StringLike\":{\"AWS:UserName\":\"b*\"}}}]}";
    assertThat(iam.getContextKeysForCustomPolicy(r -> r.policyInputList(twoKeys)).contextKeyNames())
        .containsExactly("aws:username", "s3:prefix");
    assertThat(
            iam.getContextKeysForPrincipalPolicy(
                    r -> r.policySourceArn(ROLE_ARN).policyInputList(twoKeys))
                .contextKeyNames())
        .containsExactly("aws:username", "s3:prefix");
    IamSdkTest.assertError(
        () -> iam.getContextKeysForCustomPolicy(r -> r.policyInputList("nope")),
        400,
        "InvalidInput");
  }

  @Test
  @ExtendWith(AwsCli.Required.class)
  void theAwsCliSimulatesARole() throws Exception {
    AwsCli.Result r =
        AwsCli.run(
            server.endpoint(),
            AwsCli.keys(server.rootKeyId, server.rootSecret),
            work,
            "iam",
            "simulate-principal-policy",
            "--policy-source-arn",
            ROLE_ARN,
            "--action-names",
            "s3:ListAllMyBuckets",
            "iam:ListUsers");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode out = new ObjectMapper().readTree(r.out());
    assertThat(out.at("/EvaluationResults/0/EvalDecision").asText()).isEqualTo("allowed");
    assertThat(out.at("/EvaluationResults/0/MatchedStatements/0/SourcePolicyId").asText())
        .isEqualTo("AmazonS3FullAccess");
    assertThat(out.at("/EvaluationResults/1/EvalDecision").asText()).isEqualTo("implicitDeny");
  }
}
