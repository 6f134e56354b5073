package dev.gatehouse.cli;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code gatehouse access export --format json|csv}: every access request ListAccessRequests
 * returns (all pages), each with its history: who decided what and when. JSON: an array of
 * requests, each with its fields and a {@code History} array; CSV: one row per history step, the
 * request's fields repeated.
 */
final class AccessExport {
  static final List<String> REQUEST_FIELDS =
      List.of(
          "AccessRequestId",
          "RoleArn",
          "Requester",
          "Status",
          "Reason",
          "TicketId",
          "DurationSeconds",
          "CreateDate",
          "BreakGlass",
          "GrantId",
          "EndTime");

  static final List<String> STEP_FIELDS =
      List.of("Step", "Date", "Actor", "Action", "Comment", "Detail");

  private AccessExport() {}

  /** A request's fields and its steps, in the response's words. */
  record Request(Map<String, String> fields, List<Map<String, String>> history) {}

  /** The requests of one ListAccessRequests response. */
  static List<Request> parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element root =
          f.newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
              .getDocumentElement();
      List<Request> out = new ArrayList<>();
      NodeList lists = root.getElementsByTagName("AccessRequests");
      if (lists.getLength() == 0) {
        return out;
      }
      for (Element member : children((Element) lists.item(0), "member")) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (String name : REQUEST_FIELDS) {
          fields.put(name, text(member, name));
        }
        List<Map<String, String>> history = new ArrayList<>();
        for (Element h : children(member, "History")) {
          for (Element step : children(h, "member")) {
            Map<String, String> s = new java.util.LinkedHashMap<>();
            for (String name : STEP_FIELDS) {
              s.put(name, text(step, name));
            }
            history.add(s);
          }
        }
        out.add(new Request(fields, history));
      }
      return out;
    } catch (Exception e) {
      throw new IllegalArgumentException("the response is not a ListAccessRequests result", e);
    }
  }

  static String render(List<Request> requests, String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "json" -> json(requests);
      case "csv" -> csv(requests);
      default -> throw new IllegalArgumentException("--format must be json or csv, not " + format);
    };
  }

  private static String json(List<Request> requests) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < requests.size(); i++) {
      Request r = requests.get(i);
      b.append(i == 0 ? "\n  " : ",\n  ");
      object(b, r.fields(), false);
      b.setLength(b.length() - 1);
      b.append(", \"History\": [");
      for (int j = 0; j < r.history().size(); j++) {
        b.append(j == 0 ? "" : ", ");
        object(b, r.history().get(j), true);
      }
      b.append("]}");
    }
    return b.append(requests.isEmpty() ? "]\n" : "\n]\n").toString();
  }

  private static void object(StringBuilder b, Map<String, String> fields, boolean close) {
    b.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : fields.entrySet()) {
      b.append(first ? "" : ", ")
          .append(quote(e.getKey()))
          .append(": ")
          .append(quote(e.getValue()));
      first = false;
    }
    b.append(close ? "}" : " ");
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static String csv(List<Request> requests) {
    StringBuilder b = new StringBuilder();
    List<String> header = new ArrayList<>(REQUEST_FIELDS);
    header.addAll(STEP_FIELDS);
    row(b, header);
    for (Request r : requests) {
      List<Map<String, String>> steps = r.history().isEmpty() ? List.of(Map.of()) : r.history();
      for (Map<String, String> step : steps) {
        List<String> cells = new ArrayList<>(r.fields().values());
        for (String name : STEP_FIELDS) {
          cells.add(step.getOrDefault(name, ""));
        }
        row(b, cells);
      }
    }
    return b.toString();
  }

  /** RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled. */
  private static void row(StringBuilder b, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (i > 0) {
        b.append(',');
      }
      if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
        b.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        b.append(c);
      }
    }
    b.append("\r\n");
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  /** The text of the first descendant named {@code name} outside History, or empty. */
  private static String text(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        if (e.getTagName().equals(name)) {
          return e.getTextContent();
        }
        if (!e.getTagName().equals("History")) {
          String inner = text(e, name);
          if (!inner.isEmpty()) {
            return inner;
          }
        }
      }
    }
    return "";
  }
}
