package dev.gatehouse.console;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the console's pages in tests: the text of marked elements, HTML entities undone. */
final class ScreenPages {
  private ScreenPages() {}

  /** The text of the first element marked {@code data-testid="id"}, or empty. */
  static String testId(String body, String id) {
    List<String> all = testIds(body, id);
    return all.isEmpty() ? "" : all.get(0);
  }

  /** The texts of every element marked {@code data-testid="id"}. */
  static List<String> testIds(String body, String id) {
    Matcher m =
        Pattern.compile("data-testid=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(body);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(unescape(m.group(1)));
    }
    return out;
  }

  /** The value of an attribute of the first element marked {@code data-testid="id"}. */
  static String attribute(String body, String id, String attribute) {
    Matcher m =
        Pattern.compile("<[^>]*data-testid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(body);
    if (!m.find()) {
      return "";
    }
    Matcher a = Pattern.compile(" " + attribute + "=\"([^\"]*)\"").matcher(m.group());
    return a.find() ? unescape(a.group(1)) : "";
  }

  static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
