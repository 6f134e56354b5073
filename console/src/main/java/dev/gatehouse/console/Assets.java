package dev.gatehouse.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The console's static files (one CSS file, one script, the logo), read once from resources. */
final class Assets {
  private Assets() {}

  private static final Map<String, String> TYPES =
      Map.of(
          "console.css", "text/css; charset=utf-8",
          "console.js", "text/javascript; charset=utf-8",
          "logo.svg", "image/svg+xml");

  private static final Map<String, byte[]> FILES = load();

  private static Map<String, byte[]> load() {
    Map<String, byte[]> out = new java.util.HashMap<>();
    for (String name : TYPES.keySet()) {
      try (InputStream in = Assets.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("console resource missing: " + name);
        }
        out.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Map.copyOf(out);
  }

  static Reply get(String name) {
    byte[] body = FILES.get(name);
    if (body == null) {
      return ErrorPages.page(404, "Page not found", "There is no console file with this name.");
    }
    return new Reply.Asset(TYPES.get(name), body);
  }
}
