package dev.gatehouse.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The IAM error corpus ({@code iam-error-cases.json}): each case runs its set-up actions on a fresh
 * account, then one action that must fail with the given AWS code and message.
 */
public class ErrorCorpusTest {
  static final String CORPUS = "/dev/gatehouse/core/iam/iam-error-cases.json";

  /** A fresh store holding nothing; adapters' tests override this to run the corpus on them. */
  protected dev.gatehouse.core.store.Store newStore() throws Exception {
    return new dev.gatehouse.core.store.MemoryStore();
  }

  @TestFactory
  List<DynamicTest> everyCaseFailsAsAwsDoes() throws IOException {
    JsonNode cases;
    try (InputStream in = ErrorCorpusTest.class.getResourceAsStream(CORPUS)) {
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
    try (dev.gatehouse.core.store.Store store = newStore()) {
      run(c, new IamTestKit(store));
    }
  }

  private static void run(JsonNode c, IamTestKit kit) {
    ActionDispatcher d = new ActionDispatcher(kit.iam, IamTestKit.ACCOUNT);
    JsonNode setup = c.get("setup");
    if (setup != null) {
      for (JsonNode step : setup) {
        d.call(step.get("action").asText(), step.get("params"));
      }
    }
    ErrorCode expected = ErrorCode.valueOf(c.get("code").asText());
    assertThatThrownBy(() -> d.call(c.get("action").asText(), c.get("params")))
        .isInstanceOf(GatehouseException.class)
        .hasMessage(c.get("message").asText())
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(expected);
  }
}
