package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Runs {@code org/cross-account-cases.json} over a real socket: AssumeRole between the management
 * account and a member account created by CreateAccount, allowed only where both the role's trust
 * policy and the caller's identity side allow.
 */
class OrganizationsCrossAccountTest extends OrganizationsFixture {
  static final Map<String, AwsCredentials> callers = new HashMap<>();

  @BeforeAll
  static void principals() {
    String anyRole = allow("sts:AssumeRole", "*");
    callers.put("mgmt-root", root);
    callers.put("mgmt-ops", user(root, "ops", anyRole));
    callers.put("mgmt-intern", user(root, "intern", ""));
    AwsCredentials memberAdmin = assume(callers.get("mgmt-ops"), roleArn(member, ACCESS_ROLE));
    callers.put("member-session", memberAdmin);
    callers.put("member-bob", user(memberAdmin, "bob", ""));
    callers.put("member-eve", user(memberAdmin, "eve", anyRole));
    try (IamClient iam = iam(root)) {
      role(iam, "ManagementOnly", "arn:aws:iam::" + MANAGEMENT + ":root");
      role(iam, "SharedWithMember", "arn:aws:iam::" + member + ":root");
      role(iam, "TrustsEve", "arn:aws:iam::" + member + ":user/eve");
    }
  }

  private static void role(IamClient iam, String name, String principal) {
    iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust(principal)));
  }

  @TestFactory
  Stream<DynamicTest> cases() throws Exception {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("/org/cross-account-cases.json")) {
      root = new ObjectMapper().readTree(in);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c)));
    }
    assertThat(tests).hasSizeGreaterThan(10);
    return tests.stream();
  }

  private static void run(JsonNode c) {
    AwsCredentials caller = callers.get(c.get("caller").asText());
    String[] role = c.get("role").asText().split(":");
    String account = role[0].equals("MEMBER") ? member : MANAGEMENT;
    String arn = roleArn(account, role[1]);
    if (c.get("allowed").asBoolean()) {
      try (StsClient sts = sts(assume(caller, arn))) {
        assertThat(sts.getCallerIdentity().account()).isEqualTo(account);
      }
    } else {
      AwsServiceException denied = error(() -> assume(caller, arn));
      assertThat(denied.statusCode()).isEqualTo(403);
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      if (c.has("message")) {
        assertThat(denied.awsErrorDetails().errorMessage()).isEqualTo(c.get("message").asText());
      } else {
        assertThat(denied.awsErrorDetails().errorMessage())
            .endsWith("is not authorized to perform: sts:AssumeRole on resource: " + arn);
      }
    }
  }
}
