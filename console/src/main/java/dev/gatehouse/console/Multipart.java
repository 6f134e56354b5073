package dev.gatehouse.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body read as it streams (RFC 7578): the text fields before the file
 * are read into memory (they are small: the CSRF token, the prefix), and the file, which must be
 * the form's last field, is handed on as a stream of exactly the length the request's {@code
 * Content-Length} leaves for it. Its closing delimiter is checked when its last byte has been read,
 * before the stream reports its end, so a store that stops at the length never commits a body that
 * was not what the browser sent.
 */
final class Multipart {
  private Multipart() {}

  /** A form that cannot be read; the message says what. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  /**
   * The uploaded file: its field, the name the browser gave (without any directories), its
   * Content-Type, length and bytes.
   */
  record Upload(String field, String fileName, String contentType, long length, InputStream in) {}

  /** The text fields and the file, if the form carried one. */
  record Form(Map<String, List<String>> fields, Optional<Upload> upload) {}

  /** The boundary of a {@code multipart/form-data} Content-Type, or empty for other types. */
  static Optional<String> boundary(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    if (!type.startsWith("multipart/form-data")) {
      return Optional.empty();
    }
    for (String part : contentType.split(";")) {
      String p = part.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = p.substring("boundary=".length());
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
          b = b.substring(1, b.length() - 1);
        }
        if (!b.isEmpty() && b.length() <= 70) {
          return Optional.of(b);
        }
      }
    }
    throw new Malformed("The form's Content-Type names no boundary.");
  }

  /**
   * Reads the text fields up to the file.
   *
   * @param declared the request's Content-Length
   * @param maxFields how many bytes the text fields and part headers may take
   */
  static Form read(InputStream body, String boundary, long declared, long maxFields) {
    Counting in = new Counting(body);
    String delimiter = "--" + boundary;
    Map<String, List<String>> fields = new LinkedHashMap<>();
    try {
      String first = in.line(maxFields);
      if (!first.equals(delimiter)) {
        throw new Malformed("The form does not start with its boundary.");
      }
      while (true) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = in.line(maxFields); !h.isEmpty(); h = in.line(maxFields)) {
          int colon = h.indexOf(':');
          if (colon > 0) {
            headers.put(
                h.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                h.substring(colon + 1).trim());
          }
        }
        String disposition = headers.getOrDefault("content-disposition", "");
        String name = attribute(disposition, "name");
        Optional<String> fileName = Optional.ofNullable(attributeOrNull(disposition, "filename"));
        if (fileName.isPresent()) {
          // spec: the closing delimiter after the file: CRLF "--" boundary "--" CRLF.
          long length = declared - in.count - (delimiter.length() + 6);
          if (length < 0) {
            throw new Malformed("The form is shorter than its Content-Length says.");
          }
          String type = headers.getOrDefault("content-type", "application/octet-stream");
          return new Form(
              fields,
              Optional.of(
                  new Upload(
                      name,
                      baseName(fileName.get()),
                      type,
                      length,
                      new FilePart(in, length, "\r\n" + delimiter))));
        }
        List<String> lines = new ArrayList<>();
        String line = in.line(maxFields);
        while (!line.startsWith(delimiter)) {
          lines.add(line);
          line = in.line(maxFields);
        }
        fields.computeIfAbsent(name, k -> new ArrayList<>()).add(String.join("\r\n", lines));
        if (line.equals(delimiter + "--")) {
          return new Form(fields, Optional.empty());
        }
        if (!line.equals(delimiter)) {
          throw new Malformed("The form has a broken boundary.");
        }
      }
    } catch (IOException e) {
      throw new Malformed("The form ended early.");
    }
  }

  private static String attribute(String disposition, String name) {
    String v = attributeOrNull(disposition, name);
    return v == null ? "" : v;
  }

  private static String attributeOrNull(String disposition, String name) {
    for (String part : disposition.split(";")) {
      String p = part.trim();
      if (p.startsWith(name + "=")) {
        String v = p.substring(name.length() + 1);
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        // HTML's encoding of a quote and line breaks in a file name.
        return v.replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
      }
    }
    return null;
  }

  /** A file name without the directories some browsers send. */
  static String baseName(String name) {
    int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(cut + 1);
  }

  /** The body with a count of the bytes read, and a reader of CRLF-terminated lines. */
  private static final class Counting {
    private final InputStream in;
    long count;

    Counting(InputStream in) {
      this.in = in;
    }

    int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    String line(long max) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int prev = -1;
      while (true) {
        int b = read();
        if (b < 0) {
          throw new IOException("end of form");
        }
        if (count > max) {
          throw new Malformed("The form's fields are larger than " + max + " bytes.");
        }
        if (prev == '\r' && b == '\n') {
          byte[] bytes = out.toByteArray();
          return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
        }
        out.write(b);
        prev = b;
      }
    }
  }

  /**
   * The file's bytes: exactly {@code length}, none of them a delimiter (which would mean that
   * further fields follow the file), then the closing delimiter, checked.
   */
  private static final class FilePart extends InputStream {
    private final Counting in;
    private final long length;
    private final byte[] delimiter;
    private final byte[] trailer;
    private final int[] fallback;
    private int matched;
    private long read;
    private boolean checked;

    FilePart(Counting in, long length, String delimiter) {
      this.in = in;
      this.length = length;
      this.delimiter = delimiter.getBytes(StandardCharsets.UTF_8);
      this.trailer = (delimiter + "--\r\n").getBytes(StandardCharsets.UTF_8);
      this.fallback = fallback(this.delimiter);
    }

    /**
     * Knuth-Morris-Pratt: the longest proper prefix of the delimiter that ends at each position.
     */
    private static int[] fallback(byte[] pattern) {
      int[] f = new int[pattern.length];
      for (int i = 1, k = 0; i < pattern.length; i++) {
        while (k > 0 && pattern[i] != pattern[k]) {
          k = f[k - 1];
        }
        if (pattern[i] == pattern[k]) {
          k++;
        }
        f[i] = k;
      }
      return f;
    }

    /** Scans delivered bytes for the delimiter, across reads. */
    private void scan(byte[] b, int off, int n) throws IOException {
      for (int i = off; i < off + n; i++) {
        while (matched > 0 && b[i] != delimiter[matched]) {
          matched = fallback[matched - 1];
        }
        if (b[i] == delimiter[matched]) {
          matched++;
        }
        if (matched == delimiter.length) {
          throw new IOException("The file was not the form's last field.");
        }
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (read >= length) {
        check();
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      int n = in.read(b, off, (int) Math.min(len, length - read));
      if (n < 0) {
        throw new IOException("The upload ended before its last byte.");
      }
      read += n;
      scan(b, off, n);
      if (read == length) {
        check();
      }
      return n;
    }

    /** The file must be followed by exactly the closing delimiter: it was the last field. */
    private void check() throws IOException {
      if (checked) {
        return;
      }
      checked = true;
      byte[] end = new byte[trailer.length];
      int got = 0;
      while (got < end.length) {
        int n = in.read(end, got, end.length - got);
        if (n < 0) {
          break;
        }
        got += n;
      }
      if (got != end.length || !java.util.Arrays.equals(end, trailer) || in.read() >= 0) {
        throw new IOException("The file was not the form's last field, or the form was cut.");
      }
    }
  }
}
