package dev.gatehouse.core.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.authz.AuthorizationResult;
import dev.gatehouse.core.authz.AuthorizationView;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.ResourcePolicyAuthorizer;
import dev.gatehouse.core.snapshot.CompiledPolicies;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.PolicyKind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The S3 decisions of {@code authz-cases.json}, through the operation mapping, the S3 rules and the
 * real policy engine.
 */
class S3AuthorizerCasesTest {
  static final JsonNode CORPUS = load();

  static JsonNode load() {
    try (InputStream in = S3AuthorizerCasesTest.class.getResourceAsStream("/s3/authz-cases.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The corpus's users (account/name to identity policies) as views by account. */
  static final class UsersView implements AuthorizationView {
    private final Map<String, List<CompiledPolicy>> policies = new HashMap<>();

    UsersView(JsonNode users) {
      users
          .properties()
          .forEach(
              e -> {
                List<CompiledPolicy> list = new ArrayList<>();
                for (JsonNode p : e.getValue()) {
                  list.add(
                      CompiledPolicy.parse(p.toString(), PolicyKind.IDENTITY, "p" + list.size()));
                }
                policies.put(e.getKey(), list);
              });
    }

    @Override
    public List<CompiledPolicy> identityPolicies(Principal principal) {
      if (principal instanceof Principal.User u) {
        return policies.getOrDefault(u.accountId() + "/" + u.userName(), List.of());
      }
      return List.of();
    }

    @Override
    public Optional<CompiledPolicy> permissionsBoundary(Principal principal) {
      return Optional.empty();
    }

    @Override
    public Map<String, String> principalTags(Principal principal) {
      return Map.of();
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

  static final UsersView VIEW = new UsersView(CORPUS.get("users"));
  static final S3Authorizer AUTHORIZER =
      new S3Authorizer(
          new ResourcePolicyAuthorizer(account -> VIEW),
          new BucketRegistry(new MemoryBucketStore(), CompiledPolicies.bounded(64))::policyOf);
  static final Map<String, Bucket> BUCKETS = buckets(CORPUS.get("buckets"));

  static Map<String, Bucket> buckets(JsonNode node) {
    Map<String, Bucket> out = new HashMap<>();
    node.properties()
        .forEach(
            e -> {
              JsonNode b = e.getValue();
              JsonNode pab = b.get("publicAccessBlock");
              out.put(
                  e.getKey(),
                  Bucket.created(
                          e.getKey(), b.get("owner").asText(), "us-east-1", Instant.EPOCH, "loc")
                      .withPolicy(
                          b.has("policy")
                              ? Optional.of(b.get("policy").toString())
                              : Optional.empty())
                      .withPublicAccessBlock(
                          Optional.of(
                              new PublicAccessBlock(
                                  pab.get(0).asBoolean(),
                                  pab.get(1).asBoolean(),
                                  pab.get(2).asBoolean(),
                                  pab.get(3).asBoolean()))));
            });
    return out;
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : CORPUS.get("cases")) {
      out.add(Arguments.of(c.get("name").asText(), c));
    }
    return out.stream();
  }

  static S3Caller caller(String text) {
    if (text.equals("anonymous")) {
      return new S3Caller.Anonymous();
    }
    if (text.startsWith("root:")) {
      return new S3Caller.Signed(new Principal.Root(text.substring(5)));
    }
    String[] p = text.split("/");
    return new S3Caller.Signed(
        new Principal.User(
            p[0], p[1], "/", "AIDA" + p[1].toUpperCase(java.util.Locale.ROOT) + "0000000000000"));
  }

  static Map<String, String> strings(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null) {
      node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(String name, JsonNode c) {
    S3Caller caller = caller(c.get("caller").asText());
    SignatureFacts sig =
        caller instanceof S3Caller.Anonymous
            ? SignatureFacts.anonymous(Optional.of("1.3"))
            : SignatureFacts.header(120, Optional.of("1.3"));
    S3Request.Builder b =
        S3Request.builder(c.get("op").asText(), sig)
            .bucket(c.path("bucket").asText(""))
            .key(c.path("key").asText(""))
            .existingObjectTags(strings(c.get("existingTags")));
    strings(c.get("query")).forEach(b::query);
    strings(c.get("headers")).forEach(b::header);
    if (c.has("copySource")) {
      String[] src = c.get("copySource").asText().split("/", 2);
      b.copySource(new ObjectRef(src[0], src[1]), Map.of());
      b.header("x-amz-copy-source", "/" + c.get("copySource").asText());
    }
    if (c.has("keys")) {
      List<String> keys = new ArrayList<>();
      c.get("keys").forEach(k -> keys.add(k.asText()));
      b.objectKeys(keys);
    }
    List<S3Check> checks = S3Operations.standard().checks(b.build());
    AuthorizationResult result =
        AUTHORIZER.decideAll(
            caller,
            checks,
            bucket -> Optional.ofNullable(BUCKETS.get(bucket)),
            new S3Authorizer.Environment(
                "203.0.113.7", true, Instant.parse("2026-06-01T00:00:00Z")));
    boolean expectAllow = c.get("expect").asText().equals("allow");
    assertThat(result.allowed()).as(name).isEqualTo(expectAllow);
    if (c.has("basis")) {
      assertThat(((AuthorizationResult.Denied) result).basis().name())
          .as(name)
          .isEqualTo(c.get("basis").asText());
    }
  }

  @org.junit.jupiter.api.Test
  void denialsCarryS3sMessagesAndAllowancesTheDecidingStatement() {
    S3Authorizer.Environment env =
        new S3Authorizer.Environment("203.0.113.7", false, Instant.parse("2026-06-01T00:00:00Z"));
    SignatureFacts sig = SignatureFacts.header(10, Optional.empty());
    List<S3Check> get =
        S3Operations.standard()
            .checks(
                S3Request.builder("GetObject", sig).bucket("a-bucket").key("private/x").build());
    AuthorizationResult.Denied denied =
        (AuthorizationResult.Denied)
            AUTHORIZER.decideAll(
                caller("111111111111/bob"), get, n -> Optional.ofNullable(BUCKETS.get(n)), env);
    assertThat(denied.message())
        .isEqualTo(
            "User: arn:aws:iam::111111111111:user/bob is not authorized to perform: s3:GetObject"
                + " on resource: \"arn:aws:s3:::a-bucket/private/x\" because no identity-based"
                + " policy allows the s3:GetObject action");
    assertThat(denied.toException().getMessage()).isEqualTo(denied.message());
    AuthorizationResult.Denied anonymous =
        (AuthorizationResult.Denied)
            AUTHORIZER.decideAll(
                new S3Caller.Anonymous(), get, n -> Optional.ofNullable(BUCKETS.get(n)), env);
    assertThat(anonymous.message()).isEqualTo("Access Denied");
    List<S3Check> shared =
        S3Operations.standard()
            .checks(S3Request.builder("GetObject", sig).bucket("a-bucket").key("shared/x").build());
    AuthorizationResult allowed =
        AUTHORIZER.decideAll(
            caller("111111111111/bob"), shared, n -> Optional.ofNullable(BUCKETS.get(n)), env);
    assertThat(((AuthorizationResult.Allowed) allowed).decision().reason())
        .anyMatch(r -> r.contains("BobShared"));
    assertThat(((AuthorizationResult.Allowed) allowed).decision().resourceArn())
        .isEqualTo("arn:aws:s3:::a-bucket/shared/x");
  }
}
