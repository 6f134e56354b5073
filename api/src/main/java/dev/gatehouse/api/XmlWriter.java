package dev.gatehouse.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming XML writer for AWS Query responses: elements are written as they are opened,
 * nothing is held as a tree. Text and attribute values are escaped; element names come from code.
 */
public final class XmlWriter implements Shape {
  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final StringBuilder out = new StringBuilder(512);
  private final Deque<String> open = new ArrayDeque<>();

  public XmlWriter() {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  }

  /** Opens the document element with its namespace. */
  public XmlWriter root(String name, String namespace) {
    out.append('<').append(name).append(" xmlns=\"");
    escape(namespace, true);
    out.append("\">");
    open.push(name);
    return this;
  }

  @Override
  public XmlWriter start(String name) {
    out.append('<').append(name).append('>');
    open.push(name);
    return this;
  }

  @Override
  public XmlWriter startList(String name) {
    return start(name);
  }

  @Override
  public XmlWriter member() {
    return start("member");
  }

  @Override
  public XmlWriter member(String value) {
    return field("member", value);
  }

  @Override
  public XmlWriter end() {
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** {@code <name>text</name>}. */
  @Override
  public XmlWriter field(String name, String text) {
    out.append('<').append(name).append('>');
    escape(text, false);
    out.append("</").append(name).append('>');
    return this;
  }

  @Override
  public XmlWriter field(String name, boolean value) {
    return field(name, value ? "true" : "false");
  }

  @Override
  public XmlWriter field(String name, long value) {
    return field(name, Long.toString(value));
  }

  @Override
  public XmlWriter field(String name, Instant value) {
    return field(name, iso(value));
  }

  @Override
  public XmlWriter secret(String name, String value) {
    return field(name, value);
  }

  /** Dates as AWS writes them: ISO-8601 in UTC, whole seconds, {@code Z}. */
  static String iso(Instant value) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), 0, ZoneOffset.UTC);
    if (t.getYear() < 1000 || t.getYear() > 9999) {
      return ISO_SECONDS.format(value.truncatedTo(ChronoUnit.SECONDS));
    }
    // Every response and audit record carries dates; the formatter costs more than the rest of a
    // small response together.
    char[] c = new char[20];
    put(c, 0, t.getYear(), 4);
    c[4] = '-';
    put(c, 5, t.getMonthValue(), 2);
    c[7] = '-';
    put(c, 8, t.getDayOfMonth(), 2);
    c[10] = 'T';
    put(c, 11, t.getHour(), 2);
    c[13] = ':';
    put(c, 14, t.getMinute(), 2);
    c[16] = ':';
    put(c, 17, t.getSecond(), 2);
    c[19] = 'Z';
    return new String(c);
  }

  private static void put(char[] c, int at, int value, int width) {
    int v = value;
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + v % 10);
      v /= 10;
    }
  }

  /** Closes every open element and returns the UTF-8 bytes. */
  public byte[] finish() {
    while (!open.isEmpty()) {
      end();
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void escape(String text, boolean attribute) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\r' -> out.append("&#xD;");
        default -> {
          // XML 1.0 cannot carry most control characters, not even as references.
          if (c < 0x20 && c != '\n' && c != '\t') {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
  }
}
