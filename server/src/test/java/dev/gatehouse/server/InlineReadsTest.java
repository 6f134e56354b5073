package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

/** Which requests run without a hand-off: only reads answered from memory, named unambiguously. */
class InlineReadsTest {
  static final String IAM =
      "AWS4-HMAC-SHA256 Credential=AKIAKNOWN/20260102/us-east-1/iam/aws4_request,"
          + " SignedHeaders=host;x-amz-date, Signature=abc";
  static final String STS = IAM.replace("/iam/", "/sts/");

  final InlineReads reads = new InlineReads((key, every) -> key.equals("AKIAKNOWN") && !every);

  static HttpFields.Mutable signed(String authorization) {
    return HttpFields.build().add("Authorization", authorization);
  }

  boolean eligible(HttpFields headers, String query, String body) {
    return reads.eligible(headers, query, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsOfTheirServiceWithAKeyInMemoryRunInline() {
    assertThat(eligible(signed(IAM), null, "Action=GetUser&Version=2010-05-08")).isTrue();
    assertThat(eligible(signed(IAM), "Action=ListPolicies&Scope=Local", "")).isTrue();
    assertThat(eligible(signed(IAM), "Action=ListPolicies&Scope=Local", "")).isTrue();
    assertThat(eligible(signed(STS), null, "Action=GetCallerIdentity&Version=2011-06-15")).isTrue();
  }

  @Test
  void writesAndOtherServicesActionsGoToThePool() {
    assertThat(eligible(signed(IAM), null, "Action=CreateUser&UserName=a")).isFalse();
    assertThat(eligible(signed(STS), null, "Action=AssumeRole&RoleArn=x")).isFalse();
    assertThat(eligible(signed(STS), null, "Action=GetUser")).isFalse();
    assertThat(eligible(signed(IAM), null, "Action=GetCallerIdentity")).isFalse();
    assertThat(eligible(signed(IAM.replace("/iam/", "/s3/")), null, "Action=GetUser")).isFalse();
  }

  @Test
  void getRoleAsksForEveryAccount() {
    // The memory above holds its own account only: GetRole, which may name any account's
    // principals, goes to the pool.
    assertThat(eligible(signed(IAM), null, "Action=GetRole&RoleName=r")).isFalse();
    assertThat(eligible(signed(IAM), null, "Action=ListRoles")).isFalse(); // trust policies too
    assertThat(eligible(signed(IAM), null, "Action=ListRoleTags&RoleName=r")).isTrue();
    InlineReads every = new InlineReads((key, all) -> true);
    assertThat(every.eligible(signed(IAM), null, "Action=GetRole".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
  }

  @Test
  void aKeyNotInMemoryGoesToThePool() {
    assertThat(eligible(signed(IAM.replace("AKIAKNOWN", "AKIAOTHER")), null, "Action=GetUser"))
        .isFalse();
  }

  @Test
  void ambiguousOrEncodedActionsGoToThePool() {
    assertThat(eligible(signed(IAM), "Action=CreateUser", "Action=GetUser")).isFalse();
    assertThat(eligible(signed(IAM), null, "Action=GetUser&Action=GetUser")).isFalse();
    assertThat(eligible(signed(IAM), null, "Act%69on=CreateUser&Action=GetUser")).isFalse();
    assertThat(eligible(signed(IAM), null, "Action=GetUser&Version=2011-06-15")).isFalse();
    assertThat(eligible(signed(IAM), null, "Action=GetUser&Version=a&Version=b")).isFalse();
    assertThat(eligible(signed(IAM), null, "UserName=a")).isFalse();
  }

  @Test
  void sessionsJsonPresignedAndUnsignedRequestsGoToThePool() {
    assertThat(eligible(signed(IAM).add("X-Amz-Security-Token", "t"), null, "Action=GetUser"))
        .isFalse();
    assertThat(eligible(signed(IAM).add("X-Amz-Target", "x.y"), null, "Action=GetUser")).isFalse();
    assertThat(eligible(signed(IAM), "X-Amz-Signature=abc", "Action=GetUser")).isFalse();
    assertThat(eligible(HttpFields.build(), null, "Action=GetUser")).isFalse();
    assertThat(eligible(signed("AWS4-HMAC-SHA256 Signature=abc"), null, "Action=GetUser"))
        .isFalse();
    assertThat(eligible(signed("AWS4-HMAC-SHA256 Credential=AKIAKNOWN/x"), null, "Action=GetUser"))
        .isFalse();
    assertThat(eligible(signed("Basic abc"), null, "Action=GetUser")).isFalse();
    assertThat(InlineReads.NONE.eligible(signed(IAM), null, new byte[0])).isFalse();
  }
}
