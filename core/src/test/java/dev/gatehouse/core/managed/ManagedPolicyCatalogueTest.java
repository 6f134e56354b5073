package dev.gatehouse.core.managed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.domain.ManagedPolicy;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The streaming loader against a full read of the file as a tree: every policy, every field, and
 * documents equal to what the tree writes back (compact JSON), so nothing depends on how the file
 * happens to be formatted.
 */
class ManagedPolicyCatalogueTest {
  @Test
  void streamingLoadEqualsTheTreeOfTheFile() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode root;
    try (InputStream raw =
        ManagedPolicyCatalogue.class.getResourceAsStream(ManagedPolicyCatalogue.RESOURCE)) {
      root = json.readTree(new GZIPInputStream(raw));
    }
    Map<String, JsonNode> byArn = new HashMap<>();
    root.get("policies").forEach(p -> byArn.put(p.get("Arn").asText(), p));

    ManagedPolicyCatalogue catalogue = ManagedPolicyCatalogue.load();
    assertThat(catalogue.size()).isEqualTo(byArn.size()).isGreaterThan(1500);
    String previous = "";
    for (AwsManagedPolicy a : catalogue.all()) {
      ManagedPolicy p = a.policy();
      JsonNode tree = byArn.get(p.arn());
      assertThat(tree).as(p.arn()).isNotNull();
      assertThat(a.document()).as(p.arn()).isEqualTo(json.writeValueAsString(tree.get("Document")));
      assertThat(p.name()).isEqualTo(tree.get("PolicyName").asText());
      assertThat(p.path()).isEqualTo(tree.get("Path").asText());
      assertThat(p.defaultVersionId()).isEqualTo(tree.get("DefaultVersionId").asText());
      assertThat(p.createDate()).isEqualTo(Instant.parse(tree.get("CreateDate").asText()));
      assertThat(p.updateDate()).isEqualTo(Instant.parse(tree.get("UpdateDate").asText()));
      assertThat(p.id()).startsWith("ANPA").hasSize(21);
      assertThat(catalogue.byArn(p.arn())).containsSame(a);
      assertThat(p.name().compareTo(previous)).isPositive();
      previous = p.name();
    }
  }
}
