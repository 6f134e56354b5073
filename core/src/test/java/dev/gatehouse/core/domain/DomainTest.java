package dev.gatehouse.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.sts.TemporaryCredentials;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DomainTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Ids ids = Ids.secure();

  @Test
  void identifiersHaveAwsShapes() {
    assertThat(ids.userId()).matches("AIDA[A-Z2-7]{17}");
    assertThat(ids.groupId()).matches("AGPA[A-Z2-7]{17}");
    assertThat(ids.roleId()).matches("AROA[A-Z2-7]{17}");
    assertThat(ids.policyId()).matches("ANPA[A-Z2-7]{17}");
    assertThat(ids.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
    assertThat(ids.secretAccessKey()).matches("[A-Za-z0-9+/]{40}");
    assertThat(ids.accountId()).matches("[1-9][0-9]{11}");
    assertThat(ids.accessKeyId()).isNotEqualTo(ids.accessKeyId());
  }

  /**
   * spec: IAM User Guide, "Unique identifiers": entity ids are the prefix and 17 characters ({@code
   * AIDAJQABLZS4A3QDU576Q}), access key ids the prefix and 16 ({@code AKIAIOSFODNN7EXAMPLE}).
   */
  @Test
  void entityIdsAreTwentyOneCharactersAndAccessKeyIdsTwenty() {
    for (int i = 0; i < 200; i++) {
      assertThat(ids.userId()).matches("AIDA[A-Z2-7]{17}");
      assertThat(ids.groupId()).matches("AGPA[A-Z2-7]{17}");
      assertThat(ids.roleId()).matches("AROA[A-Z2-7]{17}");
      assertThat(ids.policyId()).matches("ANPA[A-Z2-7]{17}");
      assertThat(ids.instanceProfileId()).matches("AIPA[A-Z2-7]{17}");
      assertThat(ids.oidcProviderId()).matches("OIDC[A-Z2-7]{17}");
      assertThat(ids.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
      assertThat(TemporaryCredentials.generate(RANDOM).accessKeyId()).matches("ASIA[A-Z2-7]{16}");
    }
  }

  @Test
  void accountIdsAreTwelveDigits() {
    Instant t = Instant.EPOCH;
    assertThat(new Account("000000000001", t).rootArn())
        .isEqualTo("arn:aws:iam::000000000001:root");
    assertThatThrownBy(() -> new Account("12345", t)).hasMessage("account id must be 12 digits");
    assertThatThrownBy(() -> new Account("12345678901a", t))
        .hasMessage("account id must be 12 digits");
  }

  @Test
  void policyArnsParseOnlyWhenTheyArePolicyArns() {
    assertThat(Arns.parsePolicy("arn:aws:iam::aws:policy/service-role/AWSLambdaRole"))
        .contains(new Arns.PolicyArn("aws", "/service-role/", "AWSLambdaRole"));
    assertThat(Arns.parsePolicy("arn:aws:iam::123456789012:policy/p"))
        .hasValueSatisfying(p -> assertThat(p.isAwsManaged()).isFalse());
    assertThat(Arns.parsePolicy("arn:aws:s3:::bucket/policy/x")).isEmpty();
    assertThat(Arns.parsePolicy("arn:aws:iam::123456789012:role/r")).isEmpty();
    assertThat(Arns.parsePolicy("arn:aws:iam::123456789012")).isEmpty();
    assertThat(Arns.parsePolicy("arn:aws:iam:::policy/x")).isEmpty();
    assertThat(Arns.parsePolicy("arn:aws:iam::123456789012:policy/")).isEmpty();
  }

  @Test
  void statusesAndKindsHaveWireNames() {
    assertThat(AccessKeyStatus.fromWireName("Inactive")).contains(AccessKeyStatus.INACTIVE);
    assertThat(AccessKeyStatus.fromWireName("inactive")).isEmpty();
    assertThat(AccessKeyStatus.ACTIVE.wireName()).isEqualTo("Active");
    assertThat(EntityKind.ROLE.wireName()).isEqualTo("Role");
    assertThat(new PolicyVersion("arn", "v12", "{}", true, Instant.EPOCH).number()).isEqualTo(12);
  }
}
