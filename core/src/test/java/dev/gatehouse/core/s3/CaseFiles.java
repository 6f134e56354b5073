package dev.gatehouse.core.s3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads the tab-separated case files under {@code /s3/} ({@code #} starts a comment). */
final class CaseFiles {
  private CaseFiles() {}

  static List<String[]> rows(String name) {
    List<String[]> out = new ArrayList<>();
    try (InputStream in = CaseFiles.class.getResourceAsStream("/s3/" + name)) {
      BufferedReader r =
          new BufferedReader(
              new InputStreamReader(Objects.requireNonNull(in, name), StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.split("\t", -1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
