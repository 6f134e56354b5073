package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Identity providers: the account's OpenID Connect providers (ListOpenIDConnectProviders, then
 * GetOpenIDConnectProvider for each one's URL and audiences), adding one (URL, audiences, optional
 * thumbprints) and deleting one, as the actor through IAM's own operations; and its SAML providers
 * ({@link SamlProviderPages}).
 */
final class IdentityProvidersPage {
  private IdentityProvidersPage() {}

  static final String PATH = "/console/identity-providers";

  static void register(Routes routes) {
    routes
        .get("/identity-providers", IdentityProvidersPage::list)
        .post("/identity-providers/create", IdentityProvidersPage::create)
        .post("/identity-providers/delete", IdentityProvidersPage::delete);
    SamlProviderPages.register(routes);
  }

  /** An OIDC provider: its ARN, URL and audiences. */
  record Provider(String arn, String url, List<String> audiences) {}

  /** The account's OIDC providers with their URLs and audiences. */
  static List<Provider> providers(Visit v) {
    List<Provider> out = new ArrayList<>();
    for (JsonNode p :
        v.iam("ListOpenIDConnectProviders", Map.of()).path("openIDConnectProviderList")) {
      String arn = p.path("arn").asText();
      JsonNode got = v.iam("GetOpenIDConnectProvider", Map.of("OpenIDConnectProviderArn", arn));
      List<String> audiences = new ArrayList<>();
      got.path("clientIDList").forEach(a -> audiences.add(a.asText()));
      out.add(new Provider(arn, got.path("url").asText(), audiences));
    }
    return out;
  }

  private static List<Crumb> crumbs() {
    return List.of(new Crumb("IAM", "/console"), Crumb.here("Identity providers"));
  }

  private static Reply list(Visit v) {
    List<Provider> providers = providers(v);
    Html h = new Html();
    h.element("h1", "Identity providers");
    h.element("h2", "OpenID Connect providers");
    Tables.open(h, "Identity providers", List.of("Provider", "Audiences", "ARN", ""));
    for (Provider p : providers) {
      Html delete = new Html();
      delete.open("form", "method", "post", "action", PATH + "/delete", "class", "inline");
      Layout.csrf(v, delete);
      Layout.hidden(delete, "arn", p.arn());
      delete.element(
          "button",
          "Delete",
          "type",
          "submit",
          "class",
          "danger",
          "aria-label",
          "Delete " + p.url());
      delete.close("form");
      Tables.row(
          h,
          List.of(
              new Html().element("span", p.url(), "data-testid", "provider-url"),
              Tables.text(String.join(", ", p.audiences())),
              new Html().element("code", p.arn()),
              delete));
    }
    Tables.close(h, providers.size(), 4, "No OpenID Connect providers in this account.");
    h.open("section", "class", "card").element("h2", "Add an OpenID Connect provider");
    Forms.open(v, h, PATH + "/create");
    Forms.text(
        h,
        "url",
        "Provider URL",
        "",
        "https:// and the issuer's host and path, for example"
            + " https://token.actions.githubusercontent.com.");
    Forms.text(h, "audiences", "Audiences", "", "Client IDs, separated by commas.");
    Forms.text(
        h, "thumbprints", "Thumbprints (optional)", "", "SHA-1 thumbprints, separated by commas.");
    Forms.submit(h, "Add provider");
    Forms.close(h);
    h.close("section");
    SamlProviderPages.section(v, h);
    return v.page("Identity providers", crumbs(), h);
  }

  private static Reply create(Visit v) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Url", v.request().param("url").trim());
    numbered(params, "ClientIDList", v.request().param("audiences"));
    numbered(params, "ThumbprintList", v.request().param("thumbprints"));
    String arn;
    try {
      arn = v.iam("CreateOpenIDConnectProvider", params).path("openIDConnectProviderArn").asText();
    } catch (GatehouseException e) {
      return v.failed(PATH, ErrorPages.code(e) + ": " + e.getMessage());
    }
    return v.done(PATH, "Identity provider " + arn + " added.");
  }

  private static void numbered(Map<String, String> params, String list, String commaSeparated) {
    int n = 0;
    for (String item : commaSeparated.split(",")) {
      if (!item.isBlank()) {
        n++;
        params.put(list + ".member." + n, item.trim());
      }
    }
  }

  private static Reply delete(Visit v) {
    String arn = v.request().param("arn");
    try {
      v.iam("DeleteOpenIDConnectProvider", Map.of("OpenIDConnectProviderArn", arn));
    } catch (GatehouseException e) {
      return v.failed(PATH, ErrorPages.code(e) + ": " + e.getMessage());
    }
    return v.done(PATH, "Identity provider " + arn + " deleted.");
  }
}
