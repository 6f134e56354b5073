package dev.gatehouse.core.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.sts.MfaFacts;
import dev.gatehouse.core.sts.SessionClaims;
import dev.gatehouse.core.sts.SessionPolicies;
import dev.gatehouse.core.sts.SessionPrincipal;
import dev.gatehouse.core.sts.SessionTag;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.PolicyKind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs sts-cases.json: role sessions through {@link IamAuthorizer} (what the session may do) and
 * AssumeRole through {@link TrustAuthorizer} (who may become the role), same and cross account.
 */
class StsCasesTest {
  static final JsonNode CORPUS = load();
  static final Instant NOW = Instant.parse("2026-05-06T07:10:00Z");

  static JsonNode load() {
    try (InputStream in = StsCasesTest.class.getResourceAsStream("sts-cases.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String policy(String name) {
    JsonNode p = CORPUS.get("policies").get(name);
    if (p == null) {
      throw new IllegalArgumentException("no policy " + name);
    }
    return p.toString();
  }

  /** One account's principals, keyed by the ARN whose policies apply. */
  record View(JsonNode principals) implements AuthorizationView {
    JsonNode entry(Principal principal) {
      return principals.path(principal.policyHolderArn());
    }

    @Override
    public List<CompiledPolicy> identityPolicies(Principal principal) {
      List<CompiledPolicy> out = new ArrayList<>();
      for (JsonNode name : entry(principal).path("policies")) {
        out.add(CompiledPolicy.parse(policy(name.asText()), PolicyKind.IDENTITY, name.asText()));
      }
      return out;
    }

    @Override
    public Optional<CompiledPolicy> permissionsBoundary(Principal principal) {
      JsonNode b = entry(principal).path("boundary");
      return b.isMissingNode()
          ? Optional.empty()
          : Optional.of(CompiledPolicy.parse(policy(b.asText()), PolicyKind.BOUNDARY, b.asText()));
    }

    @Override
    public Map<String, String> principalTags(Principal principal) {
      Map<String, String> out = new HashMap<>();
      entry(principal)
          .path("tags")
          .properties()
          .forEach(e -> out.put(e.getKey(), e.getValue().asText()));
      return out;
    }

    @Override
    public Optional<String> path(String resourceType, String name) {
      return Optional.empty();
    }

    @Override
    public Map<String, String> resourceTags(String resourceType, String name) {
      return Map.of();
    }
  }

  static AuthorizationView view(String account) {
    return new View(CORPUS.get("accounts").path(account));
  }

  static String accountOf(String arn) {
    return arn.split(":")[4];
  }

  static Principal caller(JsonNode c) {
    if (c.has("user")) {
      String arn = c.get("user").asText();
      String name = arn.substring(arn.lastIndexOf('/') + 1);
      return new Principal.User(accountOf(arn), name, "/", id("AIDA", name));
    }
    JsonNode s = c.get("session");
    String roleArn = s.get("role").asText();
    List<SessionTag> tags = new ArrayList<>();
    s.path("tags")
        .properties()
        .forEach(e -> tags.add(new SessionTag(e.getKey(), e.getValue().asText())));
    Instant issued = Instant.parse(s.path("issuedAt").asText("2026-05-06T07:05:00Z"));
    SessionClaims claims =
        new SessionClaims(
            "session-1",
            "aws",
            accountOf(roleArn),
            new SessionPrincipal.AssumedRole(
                roleArn, id("AROA", roleArn.substring(roleArn.lastIndexOf('/') + 1)), "s"),
            "AIDASTUART",
            "",
            issued,
            issued.plusSeconds(3600),
            MfaFacts.absent(),
            s.has("policy")
                ? new SessionPolicies(policy(s.get("policy").asText()), List.of())
                : SessionPolicies.none(),
            tags,
            List.of(),
            0,
            "ASIAEXAMPLEEXAMPLE12",
            "secret");
    return new Principal.Session(claims);
  }

  /** The unique id of a corpus user ({@code AIDA}) or role ({@code AROA}): stable, AWS-shaped. */
  static String id(String prefix, String name) {
    return prefix + (name.toUpperCase(Locale.ROOT) + "0".repeat(16)).substring(0, 16);
  }

  private static final Pattern USER_OR_ROLE =
      Pattern.compile("\"arn:aws:iam::[0-9]{12}:(user|role)/(?:[^\"]*/)?([^\"/]+)\"");

  /**
   * A corpus trust policy as IAM stores it (and the trust authorizer receives it): users and roles
   * by unique id.
   */
  static String stored(String trust) {
    return USER_OR_ROLE
        .matcher(trust)
        .replaceAll(m -> "\"" + id(m.group(1).equals("user") ? "AIDA" : "AROA", m.group(2)) + "\"");
  }

  static Map<String, List<String>> keys(JsonNode c) {
    Map<String, List<String>> keys = new HashMap<>();
    c.path("requestKeys")
        .properties()
        .forEach(
            e -> {
              List<String> values = new ArrayList<>();
              e.getValue().forEach(v -> values.add(v.asText()));
              keys.put(e.getKey(), values);
            });
    return keys;
  }

  static boolean allowed(JsonNode c) {
    return allowed(c, new TrustAuthorizer(StsCasesTest::view));
  }

  static boolean allowed(JsonNode c, TrustAuthorizer trust) {
    Principal principal = caller(c);
    try {
      if (c.has("trust")) {
        String roleArn = c.get("role").asText();
        trust.authorize(
            new AuthorizationRequest(
                principal,
                c.path("action").asText("sts:AssumeRole"),
                new Target.Arn(roleArn),
                keys(c),
                "10.0.0.1",
                true,
                NOW),
            roleArn,
            accountOf(roleArn),
            stored(policy(c.get("trust").asText())));
      } else {
        String resource = c.path("resource").asText("");
        new IamAuthorizer(StsCasesTest::view, ServiceReference.bundled())
            .authorize(
                new AuthorizationRequest(
                    principal,
                    c.get("action").asText(),
                    resource.isEmpty() ? new Target.Any() : new Target.Arn(resource),
                    keys(c),
                    "10.0.0.1",
                    true,
                    NOW));
      }
      return true;
    } catch (GatehouseException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
      assertThat(e.getMessage()).startsWith("User: " + principal.arn() + " is not authorized");
      return false;
    }
  }

  @TestFactory
  Stream<DynamicTest> corpus() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : CORPUS.get("cases")) {
      tests.add(
          DynamicTest.dynamicTest(
              c.get("id").asText(),
              () ->
                  assertThat(allowed(c) ? "Allowed" : "Denied")
                      .isEqualTo(c.get("expect").asText())));
    }
    return tests.stream();
  }

  /**
   * One authorizer for the whole corpus, twice over: trust policies compiled once (and reused for
   * other callers, keys and roles) decide every case as freshly compiled ones do.
   */
  @Test
  void compiledTrustPoliciesAreReusedWithoutChangingDecisions() {
    TrustAuthorizer shared = new TrustAuthorizer(StsCasesTest::view);
    java.util.Set<String> documents = new java.util.HashSet<>();
    for (int round = 0; round < 2; round++) {
      for (JsonNode c : CORPUS.get("cases")) {
        if (c.has("trust")) {
          documents.add(stored(policy(c.get("trust").asText())));
          assertThat(allowed(c, shared) ? "Allowed" : "Denied")
              .as(c.get("id").asText())
              .isEqualTo(c.get("expect").asText());
        }
      }
    }
    assertThat(shared.compiledCount()).isEqualTo(documents.size());
  }

  @Test
  void aChangedTrustPolicyDecidesAndTheCacheStaysBounded() {
    TrustAuthorizer trust = new TrustAuthorizer(StsCasesTest::view);
    Principal bob = new Principal.User("111111111111", "Bob", "/", id("AIDA", "Bob"));
    String role = "arn:aws:iam::111111111111:role/R";
    AuthorizationRequest request =
        new AuthorizationRequest(
            bob, "sts:AssumeRole", new Target.Arn(role), Map.of(), "", true, NOW);
    String allowBob =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"S\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\""
            + id("AIDA", "Bob")
            + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    trust.authorize(request, role, "111111111111", allowBob);
    String denyBob = allowBob.replace("\"Allow\"", "\"Deny\"");
    assertThatThrownBy(() -> trust.authorize(request, role, "111111111111", denyBob))
        .isInstanceOf(GatehouseException.class);
    trust.authorize(request, role, "111111111111", allowBob);
    for (int i = 0; i <= TrustAuthorizer.MAX_COMPILED; i++) {
      trust.authorize(request, role, "111111111111", allowBob.replace("\"S\"", "\"S" + i + "\""));
      assertThat(trust.compiledCount()).isBetween(1, TrustAuthorizer.MAX_COMPILED);
    }
  }

  @Test
  void deniedAssumeRoleUsesAwsMessage() {
    Principal bob = new Principal.User("111111111111", "Bob", "/", "AIDABOB");
    String role = "arn:aws:iam::111111111111:role/RoleS3FullAccess";
    assertThatThrownBy(
            () ->
                new TrustAuthorizer(StsCasesTest::view)
                    .authorize(
                        new AuthorizationRequest(
                            bob, "sts:AssumeRole", new Target.Arn(role), Map.of(), "", true, NOW),
                        role,
                        "111111111111",
                        policy("trustAccountA")))
        .hasMessage(
            "User: arn:aws:iam::111111111111:user/Bob is not authorized to perform: sts:AssumeRole"
                + " on resource: "
                + role);
  }

  @Test
  void sessionContextKeys() {
    Principal p = caller(CORPUS.get("cases").get(0));
    Map<String, List<String>> ctx =
        new IamAuthorizer(StsCasesTest::view, ServiceReference.bundled())
            .contextOf(
                new AuthorizationRequest(
                    p, "iam:ListUsers", new Target.Any(), Map.of(), "10.0.0.1", false, NOW));
    assertThat(ctx.get("aws:principalarn"))
        .containsExactly("arn:aws:iam::111111111111:role/RoleS3FullAccess");
    assertThat(ctx.get("aws:userid")).containsExactly(id("AROA", "RoleS3FullAccess") + ":s");
    assertThat(ctx.get("aws:principaltype")).containsExactly("AssumedRole");
    assertThat(ctx.get("aws:tokenissuetime")).containsExactly("2026-05-06T07:05:00Z");
    assertThat(ctx.get("aws:multifactorauthpresent")).containsExactly("false");
    assertThat(ctx.get("aws:principaltag/team")).containsExactly("red");
    assertThat(p.trailType()).isEqualTo("AssumedRole");
  }
}
