package dev.gatehouse.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's route table: method, a path pattern below {@code /console} whose {@code {name}}
 * segments match one path segment, whether it needs a signed-in session, and the screen that
 * answers. Screens register themselves with {@link #get} and {@link #post}:
 *
 * <pre>{@code
 * routes.get("/roles/{name}", RolePage::show);
 * routes.post("/roles/{name}/trust", RolePage::saveTrust);
 * }</pre>
 */
public final class Routes {
  /** A screen: answers one request. */
  @FunctionalInterface
  public interface Route {
    Reply handle(Visit visit);
  }

  record Entry(String method, List<String> segments, boolean signedIn, Route route) {}

  /** A matched route and the values of its {@code {name}} segments. */
  record Match(Entry entry, Map<String, String> params) {}

  private final List<Entry> entries = new ArrayList<>();

  /** A GET screen of a signed-in session. */
  public Routes get(String pattern, Route route) {
    return add("GET", pattern, true, route);
  }

  /** A POST action of a signed-in session (CSRF-checked like every POST). */
  public Routes post(String pattern, Route route) {
    return add("POST", pattern, true, route);
  }

  /** A GET screen before sign-in. */
  public Routes publicGet(String pattern, Route route) {
    return add("GET", pattern, false, route);
  }

  /** A POST action before sign-in (still CSRF-checked). */
  public Routes publicPost(String pattern, Route route) {
    return add("POST", pattern, false, route);
  }

  private Routes add(String method, String pattern, boolean signedIn, Route route) {
    entries.add(new Entry(method, split(pattern), signedIn, route));
    return this;
  }

  /** The route for a method and path; the first registered wins. */
  Optional<Match> match(String method, String path) {
    List<String> given = split(path);
    for (Entry e : entries) {
      if (!e.method().equals(method) || e.segments().size() != given.size()) {
        continue;
      }
      Map<String, String> params = new HashMap<>();
      boolean ok = true;
      for (int i = 0; i < given.size() && ok; i++) {
        String p = e.segments().get(i);
        if (p.startsWith("{") && p.endsWith("}")) {
          params.put(p.substring(1, p.length() - 1), given.get(i));
        } else {
          ok = p.equals(given.get(i));
        }
      }
      if (ok) {
        return Optional.of(new Match(e, params));
      }
    }
    return Optional.empty();
  }

  /** Whether some route serves this path with another method (405 rather than 404). */
  boolean knowsPath(String path) {
    return match("GET", path).isPresent() || match("POST", path).isPresent();
  }

  private static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return List.copyOf(out);
  }
}
