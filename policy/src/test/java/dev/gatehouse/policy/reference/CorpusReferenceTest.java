package dev.gatehouse.policy.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.reference.CorpusFiles.CorpusFile;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every corpus case through the reference evaluator must give its expected outcome. */
class CorpusReferenceTest {

  private static final Set<String> OUTCOMES =
      Set.of("Allowed", "ExplicitlyDenied", "ImplicitlyDenied");

  @TestFactory
  Stream<DynamicNode> everyCaseMatchesTheReference() {
    return CorpusFiles.all().stream()
        .map(
            file ->
                DynamicContainer.dynamicContainer(
                    file.name(),
                    file.cases().stream()
                        .map(
                            c ->
                                DynamicTest.dynamicTest(
                                    c.path("id").asText(),
                                    () ->
                                        assertThat(ReferenceEvaluator.evaluate(c, file.policies()))
                                            .as("%s %s", file.name(), c.path("id").asText())
                                            .isEqualTo(c.path("expected").asText())))));
  }

  @Test
  void everyCaseIsWellFormed() {
    List<CorpusFile> files = CorpusFiles.all();
    assertThat(files).hasSizeGreaterThanOrEqualTo(19);
    for (CorpusFile file : files) {
      Set<String> ids = new HashSet<>();
      for (JsonNode c : file.cases()) {
        String id = c.path("id").asText();
        assertThat(id).as("%s: case without id", file.name()).isNotEmpty();
        assertThat(ids.add(id)).as("%s: duplicate id %s", file.name(), id).isTrue();
        assertThat(OUTCOMES)
            .as("%s %s expected", file.name(), id)
            .contains(c.path("expected").asText());
        assertThat(c.path("source").asText()).as("%s %s source", file.name(), id).isNotBlank();
      }
    }
  }

  @Test
  void denialsAreCoveredAsThoroughlyAsAllows() {
    long total = 0;
    long explicit = 0;
    long implicit = 0;
    for (CorpusFile file : CorpusFiles.all()) {
      for (JsonNode c : file.cases()) {
        total++;
        switch (c.path("expected").asText()) {
          case "ExplicitlyDenied" -> explicit++;
          case "ImplicitlyDenied" -> implicit++;
          default -> {}
        }
      }
    }
    assertThat(total).isGreaterThanOrEqualTo(300);
    assertThat(explicit + implicit).isGreaterThanOrEqualTo(total * 2 / 5);
    assertThat(explicit).isGreaterThanOrEqualTo(total / 5);
    assertThat(implicit).isGreaterThanOrEqualTo(total / 5);
  }
}
