package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.RoleDetail;

/**
 * Trust policy principals through the AWS SDK for Java v2: IAM keeps a trusted user by unique id,
 * so a user deleted and created again under the same name is not trusted until the policy is
 * written again, and a principal that does not exist is refused (spec: IAM User Guide, "AWS JSON
 * policy elements: Principal", IAM user principals).
 */
class TrustPrincipalsSdkTest extends StsScenarioFixture {
  static final String ONLY_STUART = "arn:aws:iam::" + ACCOUNT + ":role/OnlyStuart";

  static String trustPolicy(String roleName) {
    return IamSdkTest.decode(
        root.getRole(r -> r.roleName(roleName)).role().assumeRolePolicyDocument());
  }

  static void assertInvalidPrincipal(AwsServiceException e, String principal) {
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Invalid principal in policy: \"AWS\":\"" + principal + "\"");
  }

  @Test
  void aRecreatedUserIsNotTrustedUntilTheTrustPolicyIsWrittenAgain() {
    root.createRole(r -> r.roleName("OnlyStuart").assumeRolePolicyDocument(trust(STUART_ARN, "")));
    assertThat(assume(stuart, ONLY_STUART, "first").assumedRoleUser().arn())
        .endsWith("OnlyStuart/first");
    assertThat(trustPolicy("OnlyStuart")).isEqualTo(trust(STUART_ARN, ""));
    String oldId = root.getUser(r -> r.userName("Stuart")).user().userId();

    // Delete Stuart (what he holds first, as DeleteUser requires) and create him again.
    root.deleteAccessKey(r -> r.userName("Stuart").accessKeyId(stuart.accessKeyId()));
    for (String policy : root.listUserPolicies(r -> r.userName("Stuart")).policyNames()) {
      root.deleteUserPolicy(r -> r.userName("Stuart").policyName(policy));
    }
    root.deleteUser(r -> r.userName("Stuart"));
    stuart = user("Stuart");
    assertThat(root.getUser(r -> r.userName("Stuart")).user().userId()).isNotEqualTo(oldId);

    AwsServiceException denied = error(() -> assume(stuart, ONLY_STUART, "again"));
    assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.awsErrorDetails().errorMessage())
        .isEqualTo(
            "User: "
                + STUART_ARN
                + " is not authorized to perform: sts:AssumeRole on resource: "
                + ONLY_STUART);

    // The deleted user shows as its unique id wherever the trust policy is shown.
    assertThat(oldId).matches("AIDA[A-Z0-9]{16,17}");
    assertThat(trustPolicy("OnlyStuart")).isEqualTo(trust(oldId, ""));
    List<Role> listed = root.listRoles().roles();
    assertThat(listed)
        .filteredOn(r -> r.roleName().equals("OnlyStuart"))
        .singleElement()
        .extracting(r -> IamSdkTest.decode(r.assumeRolePolicyDocument()))
        .isEqualTo(trust(oldId, ""));
    List<RoleDetail> details =
        root.getAccountAuthorizationDetails(r -> r.filter(EntityType.ROLE)).roleDetailList();
    assertThat(details)
        .filteredOn(r -> r.roleName().equals("OnlyStuart"))
        .singleElement()
        .extracting(r -> IamSdkTest.decode(r.assumeRolePolicyDocument()))
        .isEqualTo(trust(oldId, ""));

    // Saving it back as shown is refused: the id names no one.
    assertInvalidPrincipal(
        error(
            () ->
                root.updateAssumeRolePolicy(
                    r -> r.roleName("OnlyStuart").policyDocument(trust(oldId, "")))),
        oldId);

    // Writing the policy again with Stuart's ARN trusts the new Stuart.
    root.updateAssumeRolePolicy(
        r -> r.roleName("OnlyStuart").policyDocument(trust(STUART_ARN, "")));
    assertThat(trustPolicy("OnlyStuart")).isEqualTo(trust(STUART_ARN, ""));
    assertThat(assume(stuart, ONLY_STUART, "third").assumedRoleUser().arn())
        .endsWith("OnlyStuart/third");
  }

  @Test
  void principalsThatDoNotExistAreRefused() {
    root.createRole(
        r ->
            r.roleName("TrustsAccount")
                .assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":root", "")));
    for (String principal :
        List.of(
            "arn:aws:iam::" + ACCOUNT + ":user/nobody",
            "arn:aws:iam:::user/nobody",
            "arn:aws:iam::999999999999:user/Stuart",
            "arn:aws:iam::" + ACCOUNT + ":role/nobody",
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/nobody/session")) {
      assertInvalidPrincipal(
          error(
              () ->
                  root.updateAssumeRolePolicy(
                      r -> r.roleName("TrustsAccount").policyDocument(trust(principal, "")))),
          principal);
      assertInvalidPrincipal(
          error(
              () ->
                  root.createRole(
                      r -> r.roleName("Refused").assumeRolePolicyDocument(trust(principal, "")))),
          principal);
    }
    assertThat(trustPolicy("TrustsAccount"))
        .isEqualTo(trust("arn:aws:iam::" + ACCOUNT + ":root", ""));
    // Accounts, including ones this server does not hold, are accepted as before.
    root.updateAssumeRolePolicy(
        r -> r.roleName("TrustsAccount").policyDocument(trust("999999999999", "")));
    assertThat(trustPolicy("TrustsAccount")).isEqualTo(trust("999999999999", ""));
  }
}
