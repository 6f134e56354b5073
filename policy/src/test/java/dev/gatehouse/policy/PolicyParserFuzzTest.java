package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the parser: whatever the bytes, parsing either yields a policy that round-trips or throws
 * {@link MalformedPolicyException}; nothing else escapes. The seed corpus under
 * PolicyParserFuzzTestInputs replays in every build; {@code JAZZER_FUZZ=1} fuzzes.
 */
class PolicyParserFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void parserRefusesOnlyWithMalformedPolicy(byte[] input) {
    String json = new String(input, StandardCharsets.UTF_8);
    for (PolicyKind kind : PolicyKind.values()) {
      for (ValidationMode mode : ValidationMode.values()) {
        Policy p;
        try {
          p = Policy.parse(json, kind, mode);
        } catch (MalformedPolicyException e) {
          assertThat(e.getMessage()).isNotBlank();
          continue;
        }
        assertThat(Policy.parse(p.toJson(), kind, ValidationMode.EVALUATION)).isEqualTo(p);
        CompiledPolicy.compile(p, kind, "fuzz");
      }
    }
  }
}
