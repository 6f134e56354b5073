package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The library example of the README, kept compiling and true. */
class ReadmeExampleTest {
  private static final String S3_FULL_ACCESS =
      """
      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Action": ["s3:*", "s3-object-lambda:*"], "Resource": "*"}]}
      """;

  private static AuthorizationRequest request(String action) {
    return new AuthorizationRequest(
        Caller.parse("arn:aws:sts::111122223333:assumed-role/RoleS3FullAccess/stuart"),
        action,
        "*",
        "111122223333",
        RequestContext.builder().put("aws:SecureTransport", "true").build());
  }

  @Test
  void roleSessionWithS3FullAccessMayListBucketsAndNothingElse() {
    CompiledPolicy s3 =
        CompiledPolicy.parse(S3_FULL_ACCESS, PolicyKind.IDENTITY, "AmazonS3FullAccess");
    PolicySet policies = PolicySet.identity(List.of(s3));

    Decision allowed = Evaluator.evaluate(request("s3:ListAllMyBuckets"), policies);
    assertThat(allowed.outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(allowed.statements()).hasSize(1);

    Decision denied = Evaluator.evaluate(request("iam:ListUsers"), policies);
    assertThat(denied.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
    assertThat(denied.reason("iam:ListUsers"))
        .isEqualTo("because no identity-based policy allows the iam:ListUsers action");
  }
}
