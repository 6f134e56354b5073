package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled service reference and the findings built on it. */
class ServiceReferenceTest {
  private final ServiceReference ref = ServiceReference.get();

  @Test
  void servicesActionsResourceTypesAndKeys() {
    assertThat(ref.services()).containsKey("s3").hasSizeGreaterThan(300);
    ServiceReference.Service s3 = ref.service("S3").orElseThrow();
    assertThat(s3.resourceTypes().get("bucket").arnFormat())
        .isEqualTo("arn:${Partition}:s3:::${BucketName}");
    ServiceReference.Action get = ref.action("s3:getobject").orElseThrow();
    assertThat(get.fullName()).isEqualTo("s3:GetObject");
    assertThat(get.accessLevel()).isEqualTo("Read");
    assertThat(get.resourceTypes())
        .extracting(ServiceReference.ActionResource::name)
        .contains("object");
    assertThat(ref.action("iam:ListUsers").orElseThrow().resourceTypes()).isNotNull();
    assertThat(ref.action("s3:NoSuchAction")).isEmpty();
    assertThat(ref.action("nocolon")).isEmpty();
    assertThat(ref.action("nosuchservice:X")).isEmpty();
    assertThat(ref.matchingActions("s3:GetObjectT*"))
        .extracting(ServiceReference.Action::name)
        .contains("GetObjectTagging");
    assertThat(s3.conditionKeys()).containsKey("s3:prefix");
    assertThat(ref.globalConditionKey("AWS:SourceIp").orElseThrow().type()).isEqualTo("IPAddress");
    assertThat(ref.globalConditionKey("aws:PrincipalTag/team")).isPresent();
    assertThat(ref.globalConditionKey("aws:NoSuchKey")).isEmpty();
  }

  @Test
  void findingsNameUnknownServicesActionsAndKeys() {
    Policy p =
        Policy.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\","
                + "\"s3:GetObjektt\",\"nosuch:Thing\",\"*\",\"s3:Get*\"],\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:SourceIpp\":\"x\",\"aws:username\":\"a\","
                + "\"s3:prefix\":\"p\"}}},{\"Effect\":\"Deny\",\"NotAction\":\"iam:Nope\",\"Resource\":\"*\"}]}",
            PolicyKind.IDENTITY);
    List<PolicyFinding> f = PolicyLinter.findings(p);
    assertThat(f)
        .extracting(PolicyFinding::code)
        .containsExactly(
            "UNKNOWN_ACTION", "UNKNOWN_SERVICE", "UNKNOWN_GLOBAL_CONDITION_KEY", "UNKNOWN_ACTION");
    assertThat(f.get(0).pointer()).isEqualTo("/Statement/0/Action/1");
    assertThat(f.get(3).pointer()).isEqualTo("/Statement/1/NotAction");
    assertThat(f.get(1).describe())
        .isEqualTo("warning: unknown service prefix nosuch (at /Statement/0/Action/2)");
  }
}
