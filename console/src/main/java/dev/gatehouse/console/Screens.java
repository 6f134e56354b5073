package dev.gatehouse.console;

import dev.gatehouse.core.error.GatehouseException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pieces the user, group, policy and simulator screens share: AWS's error text, one-button action
 * forms, the type-to-confirm page of destructive actions, tag rows, and the access key shown once
 * with its CSV download.
 */
final class Screens {
  private Screens() {}

  /** Tag rows offered on a create form. */
  static final int TAG_ROWS = 50;

  /** AWS's error as the console shows it: code and message. */
  static String error(GatehouseException e) {
    return e.code().awsCode() + ": " + e.getMessage();
  }

  static boolean awsManaged(String policyArn) {
    return policyArn.startsWith("arn:aws:iam::aws:");
  }

  /** "AWS managed" or "Customer managed". */
  static String policyType(String policyArn) {
    return awsManaged(policyArn) ? "AWS managed" : "Customer managed";
  }

  /** The console path of a managed policy's page. */
  static String policyPath(String policyArn) {
    return "/console/policies/detail?arn=" + Visit.segment(policyArn);
  }

  /** A crumb list with one more crumb for the current page. */
  static List<Crumb> with(List<Crumb> crumbs, String here) {
    List<Crumb> out = new ArrayList<>(crumbs);
    out.add(Crumb.here(here));
    return out;
  }

  /**
   * A one-button form posting to {@code action} with hidden fields (name/value pairs).
   *
   * @param aria the button's accessible name (says what it acts on)
   */
  static Html button(
      Visit v, String action, String label, String aria, String cssClass, String... hidden) {
    Html h = new Html();
    Forms.open(v, h, action, "class", "inline");
    for (int i = 0; i + 1 < hidden.length; i += 2) {
      Layout.hidden(h, hidden[i], hidden[i + 1]);
    }
    h.element(
        "button",
        label,
        "type",
        "submit",
        "aria-label",
        aria,
        "class",
        cssClass.isEmpty() ? null : cssClass);
    Forms.close(h);
    return h;
  }

  /**
   * The confirmation page of a destructive action: what will happen, and a field where the name
   * must be typed again before the button acts.
   */
  static Reply confirm(
      Visit v,
      String title,
      List<Crumb> crumbs,
      List<String> consequences,
      String action,
      String expected,
      List<String> errors,
      String... hidden) {
    Html h = new Html();
    h.element("h1", title);
    Forms.errors(h, errors);
    h.open("section", "class", "card");
    h.open("ul", "data-testid", "consequences");
    for (String c : consequences) {
      h.element("li", c);
    }
    h.close("ul");
    Forms.open(v, h, action, "data-testid", "confirm-form");
    for (int i = 0; i + 1 < hidden.length; i += 2) {
      Layout.hidden(h, hidden[i], hidden[i + 1]);
    }
    Forms.text(
        h,
        "confirm",
        "To confirm, type " + expected,
        "",
        "The action cannot be undone.",
        "required",
        "",
        "autocomplete",
        "off");
    h.open("div", "class", "actions");
    h.element("button", title, "type", "submit", "class", "danger");
    h.close("div");
    Forms.close(h);
    h.close("section");
    return v.page(title, crumbs, h);
  }

  /** Whether the confirmation field holds {@code expected}. */
  static boolean confirmed(Visit v, String expected) {
    return v.request().param("confirm").trim().equals(expected);
  }

  /** Tag rows of a form: {@code tagKeyN}/{@code tagValueN}, rows without key and value skipped. */
  static List<String[]> tags(ConsoleRequest r) {
    List<String[]> out = new ArrayList<>();
    for (int i = 1; i <= TAG_ROWS; i++) {
      String k = r.param("tagKey" + i).trim();
      String val = r.param("tagValue" + i);
      if (!k.isEmpty() || !val.isEmpty()) {
        out.add(new String[] {k, val});
      }
    }
    return out;
  }

  /** The tag rows of a form, filled with what was posted and one empty row. */
  static void tagFields(Html h, ConsoleRequest r) {
    h.open("fieldset").element("legend", "Tags (optional)");
    List<String[]> tags = tags(r);
    for (int i = 0; i < tags.size() + 1 && i < TAG_ROWS; i++) {
      String[] t = i < tags.size() ? tags.get(i) : new String[] {"", ""};
      h.open("div", "class", "tag-row");
      Forms.text(h, "tagKey" + (i + 1), "Tag key " + (i + 1), t[0], "");
      Forms.text(h, "tagValue" + (i + 1), "Tag value " + (i + 1), t[1], "");
      h.close("div");
    }
    h.close("fieldset");
  }

  /** Tags as API parameters ({@code Tags.member.N.Key}). */
  static Map<String, String> tagParams(List<String[]> tags) {
    Map<String, String> params = new LinkedHashMap<>();
    int n = 1;
    for (String[] t : tags) {
      params.put("Tags.member." + n + ".Key", t[0]);
      params.put("Tags.member." + n + ".Value", t[1]);
      n++;
    }
    return params;
  }

  /**
   * A new access key: its ID, its secret (shown on this page only) and the CSV download built into
   * the page itself (a {@code data:} link), so the secret is never kept nor served again.
   */
  static void newAccessKey(Html h, String userName, String keyId, String secret) {
    h.open("section", "class", "card secret", "data-testid", "new-access-key");
    h.element("h2", "Access key created");
    h.element(
        "p",
        "This is the only time the secret access key can be viewed or downloaded. You cannot"
            + " recover it later; you can create a new access key at any time.",
        "role",
        "alert");
    h.open("dl", "class", "facts");
    h.element("dt", "Access key ID")
        .open("dd")
        .element("code", keyId, "data-testid", "access-key-id")
        .close("dd");
    h.element("dt", "Secret access key")
        .open("dd")
        .element("code", secret, "data-testid", "secret-access-key")
        .close("dd");
    h.close("dl");
    h.link(
        "data:text/csv;charset=utf-8," + csvUri(keyId, secret),
        "Download .csv file",
        "download",
        userName + "_accessKeys.csv",
        "class",
        "button primary",
        "data-testid",
        "download-csv");
    h.close("section");
  }

  /** The CSV of a new access key as AWS's console downloads it, percent-encoded for a URI. */
  static String csvUri(String keyId, String secret) {
    String csv = "Access key ID,Secret access key\n" + keyId + "," + secret + "\n";
    return URLEncoder.encode(csv, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
