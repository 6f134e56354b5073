package dev.gatehouse.sigv4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Access to the vendored vectors under {@code src/test/resources/vectors}. */
final class VectorFiles {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path ROOT = root();

  private VectorFiles() {}

  private static Path root() {
    URL url = VectorFiles.class.getClassLoader().getResource("vectors");
    if (url == null) {
      throw new IllegalStateException("test resource 'vectors' missing");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Case directories of one suite, sorted by name. */
  static List<Path> cases(String suite) {
    try (Stream<Path> entries = Files.list(ROOT.resolve(suite))) {
      return entries.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Optional<String> readIfPresent(Path file) {
    return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One entry of {@code known-divergences.json}. */
  record Divergence(
      String caseName, String mode, String stage, String expect, String vector, String ours) {}

  static List<Divergence> divergences() {
    List<Divergence> all = new ArrayList<>();
    for (JsonNode node : json(ROOT.resolve("known-divergences.json")).get("divergences")) {
      all.add(
          new Divergence(
              node.get("case").asText(),
              node.get("mode").asText(),
              node.get("stage").asText(),
              node.path("expect").asText(""),
              node.path("vector").asText(""),
              node.path("ours").asText("")));
    }
    return all;
  }

  static Optional<Divergence> divergence(String caseName, String mode, String stage) {
    return divergences().stream()
        .filter(
            d -> d.caseName().equals(caseName) && d.mode().equals(mode) && d.stage().equals(stage))
        .findFirst();
  }
}
