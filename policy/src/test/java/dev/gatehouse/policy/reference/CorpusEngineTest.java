package dev.gatehouse.policy.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.cases.CaseFile;
import dev.gatehouse.policy.cases.CaseResult;
import dev.gatehouse.policy.cases.PolicyCase;
import dev.gatehouse.policy.reference.CorpusFiles.CorpusFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every corpus file through the engine's case-file API. Cases listed in engine-divergences.txt (as
 * {@code file#id}) are ones where the engine disagrees with a documented outcome: for those the
 * test asserts that the engine still disagrees, so the list must shrink when it is fixed.
 */
class CorpusEngineTest {

  @TestFactory
  Stream<DynamicNode> everyCaseMatchesTheEngine() {
    Set<String> divergences = divergences();
    List<DynamicNode> files = new ArrayList<>();
    for (CorpusFile file : CorpusFiles.all()) {
      List<PolicyCase> engineCases = CaseFile.parse(file.text()).cases();
      List<DynamicNode> tests = new ArrayList<>();
      for (int i = 0; i < file.cases().size(); i++) {
        JsonNode c = file.cases().get(i);
        PolicyCase engineCase = engineCases.get(i);
        String id = c.path("id").asText();
        boolean known = divergences.contains(file.name() + "#" + id);
        tests.add(
            DynamicTest.dynamicTest(
                id,
                () -> {
                  assertThat(engineCase.id()).isEqualTo(id);
                  CaseResult result = engineCase.evaluate();
                  assertThat(result.error()).as("%s %s: engine error", file.name(), id).isEmpty();
                  String outcome = result.outcome().orElseThrow().wireName();
                  if (known) {
                    assertThat(outcome)
                        .as(
                            "%s#%s is listed as a divergence but the engine now agrees: remove it",
                            file.name(), id)
                        .isNotEqualTo(c.path("expected").asText());
                  } else {
                    assertThat(outcome)
                        .as("%s %s (%s)", file.name(), id, c.path("source").asText())
                        .isEqualTo(c.path("expected").asText());
                  }
                }));
      }
      assertThat(engineCases).as(file.name()).hasSameSizeAs(file.cases());
      files.add(DynamicContainer.dynamicContainer(file.name(), tests));
    }
    return files.stream();
  }

  @Test
  void theEngineReadsTheExpectedOutcomes() {
    for (CorpusFile file : CorpusFiles.all()) {
      List<PolicyCase> engineCases = CaseFile.parse(file.text()).cases();
      for (int i = 0; i < engineCases.size(); i++) {
        assertThat(engineCases.get(i).expected().orElseThrow().wireName())
            .isEqualTo(file.cases().get(i).path("expected").asText());
      }
    }
  }

  static Set<String> divergences() {
    try (InputStream in =
        CorpusEngineTest.class.getResourceAsStream("/cases/engine-divergences.txt")) {
      Set<String> out = new HashSet<>();
      if (in == null) {
        return out;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          out.add(t);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
