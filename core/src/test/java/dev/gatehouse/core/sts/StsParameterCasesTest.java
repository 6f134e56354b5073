package dev.gatehouse.core.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs {@code sts/sts-parameter-cases.json}: every STS limit, accepted and refused. */
class StsParameterCasesTest {

  @TestFactory
  Stream<DynamicTest> cases() throws IOException {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("/sts/sts-parameter-cases.json")) {
      root = new ObjectMapper().readTree(in);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c)));
    }
    assertThat(tests).hasSizeGreaterThan(50);
    return tests.stream();
  }

  private static void run(JsonNode c) {
    String check = c.get("check").asText();
    Supplier<Object> action = action(check, c);
    JsonNode error = c.get("error");
    if (error.isNull()) {
      Object result = action.get();
      if (c.hasNonNull("seconds")) {
        assertThat(result).isEqualTo(Duration.ofSeconds(c.get("seconds").asLong()));
      }
    } else {
      assertThatThrownBy(action::get)
          .isInstanceOf(GatehouseException.class)
          .hasMessage(error.asText())
          .extracting(e -> ((GatehouseException) e).code())
          .isEqualTo(ErrorCode.VALIDATION_ERROR);
    }
  }

  private static Supplier<Object> action(String check, JsonNode c) {
    return switch (check) {
      case "assumeRoleDefault" -> DurationRules::assumeRoleDefault;
      case "assumeRole" ->
          () ->
              DurationRules.assumeRole(
                  c.get("requested").asInt(),
                  c.get("roleMax").asInt(),
                  CredentialSource.valueOf(c.get("caller").asText()));
      case "getSessionTokenDefault" ->
          () -> DurationRules.getSessionTokenDefault(c.get("root").asBoolean());
      case "getSessionToken" ->
          () ->
              DurationRules.getSessionToken(c.get("requested").asInt(), c.get("root").asBoolean());
      case "getFederationTokenDefault" ->
          () -> DurationRules.getFederationTokenDefault(c.get("root").asBoolean());
      case "getFederationToken" ->
          () ->
              DurationRules.getFederationToken(
                  c.get("requested").asInt(), c.get("root").asBoolean());
      case "maxSessionDuration" ->
          () -> Duration.ofSeconds(DurationRules.maxSessionDuration(c.get("requested").asInt()));
      default ->
          () -> {
            validator(check, c.get("value")).throwIfInvalid();
            return "ok";
          };
    };
  }

  private static StsValidator validator(String check, JsonNode value) {
    StsValidator v = StsValidator.create();
    return switch (check) {
      case "roleSessionName" -> v.roleSessionName(value.asText());
      case "federatedUserName" -> v.federatedUserName(value.asText());
      case "externalId" -> v.externalId(value.asText());
      case "sourceIdentity" -> v.sourceIdentity(value.asText());
      case "serialNumber" -> v.serialNumber(value.asText());
      case "tokenCode" -> v.tokenCode(value.asText());
      case "roleArn" -> v.roleArn(value.asText());
      case "policy" -> v.policy(value.asText());
      case "policyArns" -> v.policyArns(strings(value));
      case "transitiveTagKeys" -> v.transitiveTagKeys(strings(value));
      case "tags" -> v.tags(tags(value));
      case "missing" -> v.missing(value.asText());
      default -> throw new AssertionError("unknown check " + check);
    };
  }

  private static List<SessionTag> tags(JsonNode value) {
    List<SessionTag> tags = new ArrayList<>();
    for (JsonNode t : value) {
      tags.add(new SessionTag(t.get(0).asText(), t.get(1).asText()));
    }
    return tags;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
