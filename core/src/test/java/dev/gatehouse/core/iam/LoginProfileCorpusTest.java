package dev.gatehouse.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Console-password cases ({@code login-profile-cases.json}): the set-up actions run on a fresh
 * account, then one action that must fail with the given code and message, or succeed when the case
 * names no code. Covers parameter validation, the default and custom password policies, policy
 * ranges, login-profile lifecycle and ChangePassword.
 */
public class LoginProfileCorpusTest {
  static final String CORPUS = "/dev/gatehouse/core/iam/login-profile-cases.json";

  /** A fresh, empty store; adapters' tests override this to run the cases on them. */
  protected Store newStore() throws Exception {
    return new MemoryStore();
  }

  @TestFactory
  List<DynamicTest> everyCaseBehavesAsAwsDoes() throws IOException {
    JsonNode cases;
    try (InputStream in = LoginProfileCorpusTest.class.getResourceAsStream(CORPUS)) {
      cases = new ObjectMapper().readTree(in);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases) {
      tests.add(DynamicTest.dynamicTest(c.get("id").asText(), () -> run(c)));
    }
    assertThat(tests).hasSizeGreaterThan(50);
    return tests;
  }

  private void run(JsonNode c) throws Exception {
    try (Store store = newStore()) {
      IamTestKit kit = new IamTestKit(store);
      ActionDispatcher d = new ActionDispatcher(kit.iam, IamTestKit.ACCOUNT);
      for (JsonNode step : c.get("setup")) {
        d.call(step.get("action").asText(), step.get("params"));
      }
      String action = c.get("action").asText();
      if (!c.has("code")) {
        assertThat(d.call(action, c.get("params"))).isNotNull();
        return;
      }
      assertThatThrownBy(() -> d.call(action, c.get("params")))
          .isInstanceOf(GatehouseException.class)
          .hasMessage(c.get("message").asText())
          .extracting(e -> ((GatehouseException) e).code())
          .isEqualTo(ErrorCode.valueOf(c.get("code").asText()));
    }
  }
}
