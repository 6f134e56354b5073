package dev.gatehouse.policy.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The policy-case corpus under src/test/resources/cases, discovered from the filesystem. */
final class CorpusFiles {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One corpus file: its name, raw text, named policies and cases. */
  record CorpusFile(
      String name, String text, Map<String, JsonNode> policies, List<JsonNode> cases) {}

  private CorpusFiles() {}

  static List<CorpusFile> all() {
    URL url = CorpusFiles.class.getResource("/cases");
    if (url == null) {
      throw new IllegalStateException("no cases directory on the test classpath");
    }
    try (Stream<Path> paths = Files.list(Paths.get(url.toURI()))) {
      List<CorpusFile> out = new ArrayList<>();
      for (Path p : paths.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        out.add(read(p));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CorpusFile read(Path path) throws IOException {
    String text = Files.readString(path, StandardCharsets.UTF_8);
    JsonNode root = JSON.readTree(text);
    Map<String, JsonNode> policies = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("policies").properties()) {
      policies.put(e.getKey(), e.getValue());
    }
    List<JsonNode> cases = new ArrayList<>();
    root.path("cases").forEach(cases::add);
    return new CorpusFile(
        path.getFileName().toString(), text, Map.copyOf(policies), List.copyOf(cases));
  }
}
