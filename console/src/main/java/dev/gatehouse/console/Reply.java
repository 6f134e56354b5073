package dev.gatehouse.console;

import java.util.Objects;

/** What a console route answers: a page, a redirect to a console path, or a static file. */
public sealed interface Reply {

  /** A complete HTML document. */
  record Page(int status, Html document) implements Reply {
    public Page {
      Objects.requireNonNull(document);
    }
  }

  /** 303 See Other to a path of the console (never elsewhere: see {@link #redirect}). */
  record Redirect(String location) implements Reply {
    public Redirect {
      Objects.requireNonNull(location);
    }
  }

  /**
   * Another reply that also replaces the session cookie (sign-in starts a fresh session) or clears
   * it (sign-out, {@code cookieValue} empty).
   */
  record SessionChange(String cookieValue, Reply then) implements Reply {}

  /** A static file of the console (the bytes are shared, read-only, never changed). */
  @SuppressWarnings("ArrayRecordComponent")
  record Asset(String contentType, byte[] body) implements Reply {}

  /**
   * A file to save (an S3 object): its type, length and name, and its bytes as a stream the adapter
   * copies out and closes.
   */
  record Download(String contentType, long length, String fileName, java.io.InputStream body)
      implements Reply {
    public Download {
      Objects.requireNonNull(contentType);
      Objects.requireNonNull(fileName);
      Objects.requireNonNull(body);
    }
  }

  /**
   * A redirect to {@code target} if it is a local console path, else to the console's home: a path
   * that starts with {@code /console}, without a scheme, host, backslash or control character (so
   * {@code //evil.example} and {@code /console/../x} are refused).
   */
  static Reply redirect(String target) {
    return new Redirect(localPath(target));
  }

  /** {@code target} if it is a safe local console path, else {@code /console}. */
  static String localPath(String target) {
    if (target == null
        || !(target.equals("/console")
            || target.startsWith("/console/")
            || target.startsWith("/console?"))
        || target.contains("//")
        || target.contains("\\")
        || target.contains("/..")
        || target.contains("/./")) {
      return "/console";
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c < 0x21 || c == 0x7f) {
        return "/console";
      }
    }
    return target;
  }
}
