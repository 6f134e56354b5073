package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** The vendored policy benchmark corpus: 10,000 requests over 200 AWS managed policies. */
final class BenchCorpus {
  static final String RESOURCE = "/dev/gatehouse/bench/bench-corpus-20260926.json.gz";

  private BenchCorpus() {}

  /** The corpus as text, in the case-file object form. */
  static String text() {
    try (InputStream raw = BenchCorpus.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("benchmark corpus missing from the classpath: " + RESOURCE);
      }
      try (InputStream in = new GZIPInputStream(raw)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The corpus as a JSON tree. */
  static JsonNode tree() {
    try {
      return new ObjectMapper().readTree(text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
