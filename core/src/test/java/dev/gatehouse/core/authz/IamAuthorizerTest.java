package dev.gatehouse.core.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.PolicyKind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs authz-cases.json: each case is one request against a small account. */
class IamAuthorizerTest {
  static final String ACCOUNT = "123456789012";
  static final JsonNode CORPUS = load();

  static JsonNode load() {
    try (InputStream in = IamAuthorizerTest.class.getResourceAsStream("authz-cases.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The corpus's users as an authorization view. */
  static final class CorpusView implements AuthorizationView {
    final Map<String, JsonNode> users = new HashMap<>();

    CorpusView(JsonNode usersNode) {
      usersNode.properties().forEach(e -> users.put(e.getKey(), e.getValue()));
    }

    @Override
    public List<CompiledPolicy> identityPolicies(Principal principal) {
      List<CompiledPolicy> out = new ArrayList<>();
      if (principal instanceof Principal.User u) {
        int i = 0;
        for (JsonNode p : users.get(u.userName()).path("policies")) {
          out.add(CompiledPolicy.parse(p.toString(), PolicyKind.IDENTITY, "p" + i++));
        }
      }
      return out;
    }

    @Override
    public Optional<CompiledPolicy> permissionsBoundary(Principal principal) {
      if (principal instanceof Principal.User u && users.get(u.userName()).has("boundary")) {
        return Optional.of(
            CompiledPolicy.parse(
                users.get(u.userName()).get("boundary").toString(), PolicyKind.BOUNDARY, "b"));
      }
      return Optional.empty();
    }

    @Override
    public Map<String, String> principalTags(Principal principal) {
      return principal instanceof Principal.User u ? tags("user", u.userName()) : Map.of();
    }

    @Override
    public Optional<String> path(String resourceType, String name) {
      return resourceType.equals("user") && users.containsKey(name)
          ? Optional.of(users.get(name).get("path").asText())
          : Optional.empty();
    }

    @Override
    public Map<String, String> resourceTags(String resourceType, String name) {
      return tags(resourceType, name);
    }

    private Map<String, String> tags(String type, String name) {
      Map<String, String> out = new HashMap<>();
      if (type.equals("user") && users.containsKey(name)) {
        users
            .get(name)
            .path("tags")
            .properties()
            .forEach(e -> out.put(e.getKey(), e.getValue().asText()));
      }
      return out;
    }
  }

  static final CorpusView VIEW = new CorpusView(CORPUS.get("users"));
  static final IamAuthorizer AUTHORIZER =
      new IamAuthorizer(account -> VIEW, ServiceReference.bundled());

  static Principal principal(String name) {
    return name.equals("root")
        ? new Principal.Root(ACCOUNT)
        : new Principal.User(
            ACCOUNT,
            name,
            VIEW.users.get(name).get("path").asText(),
            "AIDA" + name.toUpperCase(java.util.Locale.ROOT));
  }

  static Target target(JsonNode t) {
    if (t.has("arn")) {
      return new Target.Arn(t.get("arn").asText());
    }
    for (String type : List.of("user", "role", "group", "policy")) {
      if (t.has(type)) {
        return new Target.Named(type, t.get(type).asText(), t.path("path").asText("/"));
      }
    }
    return new Target.Any();
  }

  static AuthorizationRequest request(JsonNode c) {
    Map<String, List<String>> keys = new HashMap<>();
    c.path("requestKeys")
        .properties()
        .forEach(
            e -> {
              List<String> values = new ArrayList<>();
              e.getValue().forEach(v -> values.add(v.asText()));
              keys.put(e.getKey(), values);
            });
    return new AuthorizationRequest(
        principal(c.get("principal").asText()),
        c.get("action").asText(),
        target(c.get("target")),
        keys,
        "10.0.0.1",
        c.path("secure").asBoolean(false),
        Instant.parse("2026-05-06T07:08:09Z"));
  }

  @TestFactory
  Stream<DynamicTest> corpus() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : CORPUS.get("cases")) {
      tests.add(
          DynamicTest.dynamicTest(
              c.get("id").asText(),
              () -> {
                String expect = c.get("expect").asText();
                if (expect.equals("Allowed")) {
                  Decision d = AUTHORIZER.authorize(request(c));
                  if (c.has("resource")) {
                    assertThat(d.resourceArn()).isEqualTo(c.get("resource").asText());
                  }
                } else {
                  try {
                    AUTHORIZER.authorize(request(c));
                    throw new AssertionError("allowed, expected: " + expect);
                  } catch (GatehouseException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
                    assertThat(e.getMessage()).isEqualTo(expect);
                  }
                }
              }));
    }
    return tests.stream();
  }

  @Test
  void contextCarriesTheGlobalKeys() {
    AuthorizationRequest r =
        new AuthorizationRequest(
            principal("bob"),
            "iam:TagUser",
            new Target.Named("user", "bob", "/"),
            Map.of("aws:TagKeys", List.of("a")),
            "192.0.2.7",
            true,
            Instant.parse("2026-05-06T07:08:09.500Z"));
    // The engine keeps keys lower-cased: condition keys are case-insensitive.
    Map<String, List<String>> ctx = AUTHORIZER.contextOf(r);
    assertThat(ctx)
        .containsEntry("aws:principalarn", List.of("arn:aws:iam::123456789012:user/division/bob"))
        .containsEntry("aws:principalaccount", List.of(ACCOUNT))
        .containsEntry("aws:principaltype", List.of("User"))
        .containsEntry("aws:userid", List.of("AIDABOB"))
        .containsEntry("aws:username", List.of("bob"))
        .containsEntry("aws:principaltag/team", List.of("blue"))
        .containsEntry("aws:resourcetag/team", List.of("blue"))
        .containsEntry("iam:resourcetag/team", List.of("blue"))
        .containsEntry("aws:sourceip", List.of("192.0.2.7"))
        .containsEntry("aws:securetransport", List.of("true"))
        .containsEntry("aws:currenttime", List.of("2026-05-06T07:08:09Z"))
        .containsEntry("aws:epochtime", List.of("1778051289"))
        .containsEntry("aws:tagkeys", List.of("a"));
    Map<String, List<String>> root =
        AUTHORIZER.contextOf(
            new AuthorizationRequest(
                principal("root"),
                "iam:ListUsers",
                new Target.Any(),
                Map.of(),
                "::1",
                false,
                Instant.EPOCH));
    assertThat(root)
        .containsEntry("aws:principaltype", List.of("Account"))
        .containsEntry("aws:userid", List.of(ACCOUNT))
        .doesNotContainKey("aws:username");
  }

  @Test
  void anArnTargetCarriesTheTagsItWasNamedWith() {
    String account = "arn:aws:organizations::" + ACCOUNT + ":account/o-abcdefghij/210987654321";
    Map<String, List<String>> ctx =
        AUTHORIZER.contextOf(
            new AuthorizationRequest(
                principal("bob"),
                "organizations:DescribeAccount",
                new Target.Arn(account, Map.of("Protected", "true")),
                Map.of(),
                "::1",
                false,
                Instant.EPOCH));
    assertThat(ctx)
        .containsEntry("aws:resourcetag/protected", List.of("true"))
        .doesNotContainKey("iam:resourcetag/protected");
    assertThat(
            AUTHORIZER.contextOf(
                new AuthorizationRequest(
                    principal("bob"),
                    "organizations:DescribeAccount",
                    new Target.Arn(account),
                    Map.of(),
                    "::1",
                    false,
                    Instant.EPOCH)))
        .doesNotContainKey("aws:resourcetag/protected");
  }

  @Test
  void serviceReferenceKnowsIamActions() {
    ServiceReference ref = ServiceReference.bundled();
    assertThat(ref.action("iam:CreateUser").orElseThrow().resourceType()).isEqualTo("user");
    assertThat(ref.action("iam:ListUsers").orElseThrow().readOnly()).isTrue();
    assertThat(ref.action("iam:CreateUser").orElseThrow().readOnly()).isFalse();
    assertThat(ref.action("iam:Nope")).isEmpty();
    assertThat(ref.arnFormat("iam", "role"))
        .hasValue("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}");
  }
}
