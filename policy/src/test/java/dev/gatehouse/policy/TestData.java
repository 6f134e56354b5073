package dev.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** Reads the vendored test corpora from the classpath. */
final class TestData {
  static final ObjectMapper JSON = new ObjectMapper();

  private TestData() {}

  static String text(String resource) {
    try (InputStream in = TestData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      InputStream body = resource.endsWith(".gz") ? new GZIPInputStream(in) : in;
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String resource) {
    try {
      return JSON.readTree(text(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON string node as its text (the corpus stores one non-JSON document as a string). */
  static String document(JsonNode node) {
    return node.isTextual() ? node.asText() : node.toString();
  }
}
