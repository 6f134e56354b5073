package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The account's SAML 2.0 identity providers on the identity providers page (ListSAMLProviders: ARN,
 * valid until, created), adding one from its IdP's metadata document, uploaded as a file or pasted
 * (CreateSAMLProvider, with tags), and deleting one (DeleteSAMLProvider), as the actor through
 * IAM's own operations. One provider's page is {@link SamlProviderPage}.
 */
final class SamlProviderPages {
  private SamlProviderPages() {}

  static final String CREATE = IdentityProvidersPage.PATH + "/create-saml";

  static final int TAG_ROWS = 2;

  /** spec: IAM model SAMLMetadataDocumentType, at most 10,000,000 characters. */
  static final int MAX_DOCUMENT = 10_000_000;

  static void register(Routes routes) {
    routes
        .get("/identity-providers/create-saml", v -> form(v, List.of()))
        .post("/identity-providers/create-saml", SamlProviderPages::create)
        .post("/identity-providers/saml/{name}/delete", SamlProviderPages::delete);
    SamlProviderPage.register(routes);
  }

  /** A SAML provider as ListSAMLProviders shows it. */
  record Provider(String arn, String validUntil, String createDate) {
    /** The provider's name: the ARN after {@code saml-provider/}. */
    String name() {
      return arn.substring(arn.indexOf(":saml-provider/") + ":saml-provider/".length());
    }
  }

  /** The account's SAML providers. */
  static List<Provider> providers(Visit v) {
    List<Provider> out = new ArrayList<>();
    for (JsonNode p : v.iam("ListSAMLProviders", Map.of()).path("sAMLProviderList")) {
      out.add(
          new Provider(
              p.path("arn").asText(),
              p.path("validUntil").asText(),
              p.path("createDate").asText()));
    }
    return out;
  }

  /** The page of the provider called {@code name}. */
  static String path(String name) {
    return IdentityProvidersPage.PATH + "/saml/" + Visit.segment(name);
  }

  /** The SAML part of the identity providers page: the table, or IAM's refusal to list. */
  static void section(Visit v, Html h) {
    h.open("section", "class", "card", "aria-labelledby", "saml-heading");
    h.element("h2", "SAML 2.0 providers", "id", "saml-heading");
    List<Provider> providers;
    try {
      providers = providers(v);
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
      h.close("section");
      return;
    }
    Tables.open(h, "SAML providers", List.of("Provider", "ARN", "Valid until", "Created", ""));
    for (Provider p : providers) {
      Html delete = new Html();
      delete.open(
          "form", "method", "post", "action", path(p.name()) + "/delete", "class", "inline");
      Layout.csrf(v, delete);
      delete.element(
          "button",
          "Delete",
          "type",
          "submit",
          "class",
          "danger",
          "aria-label",
          "Delete SAML provider " + p.name());
      delete.close("form");
      Tables.row(
          h,
          List.of(
              new Html().link(path(p.name()), p.name(), "data-testid", "saml-provider"),
              new Html().open("code").breakable(p.arn()).close("code"),
              day(p.validUntil()),
              day(p.createDate()),
              delete));
    }
    Tables.close(h, providers.size(), 5, "No SAML providers in this account.");
    h.open("p").link(CREATE, "Add SAML provider", "class", "button").close("p");
    h.close("section");
  }

  /** A timestamp's day ({@code 2026-12-07}), the whole instant in its {@code datetime}. */
  private static Html day(String instant) {
    return new Html()
        .element(
            "time",
            instant.length() >= 10 ? instant.substring(0, 10) : instant,
            "datetime",
            instant);
  }

  private static List<Crumb> crumbs(String here) {
    return List.of(
        new Crumb("IAM", "/console"),
        new Crumb("Identity providers", IdentityProvidersPage.PATH),
        Crumb.here(here));
  }

  /**
   * The metadata fields of a form: a textarea to paste into and, last (the console streams a form's
   * file, which must come last), the file to upload instead.
   */
  static void metadataFields(Html h, String pasted) {
    Forms.textarea(
        h,
        "metadata",
        "Metadata document",
        pasted,
        "Paste the IdP's SAML 2.0 metadata XML here, or choose its file below.",
        "rows",
        "6",
        "spellcheck",
        "false");
  }

  /** The file input, the form's last field. */
  static void metadataFile(Html h) {
    h.open("div", "class", "field");
    h.element("label", "Metadata file", "for", "f-file");
    h.element(
        "p",
        "An XML file; when one is chosen it is used instead of the pasted document.",
        "class",
        "hint",
        "id",
        "f-file-hint");
    h.empty(
        "input",
        "type",
        "file",
        "id",
        "f-file",
        "name",
        "file",
        "accept",
        ".xml,application/xml,text/xml,application/samlmetadata+xml",
        "aria-describedby",
        "f-file-hint");
    h.close("div");
  }

  /** Why a form's metadata could not be read. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }

  /**
   * The metadata document of a form: the uploaded file when one was chosen, else the pasted text.
   *
   * @throws Unreadable when neither was given, or the file is larger than IAM accepts
   */
  static String document(Visit v) throws Unreadable {
    Optional<Multipart.Upload> upload = v.upload();
    if (upload.isPresent() && !upload.get().fileName().isEmpty()) {
      Multipart.Upload file = upload.get();
      if (file.length() > MAX_DOCUMENT) {
        throw new Unreadable(
            "The file "
                + file.fileName()
                + " is "
                + file.length()
                + " bytes; a metadata document has at most "
                + MAX_DOCUMENT
                + " characters.");
      }
      try (InputStream in = file.in()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (!text.isBlank()) {
          return text;
        }
      } catch (IOException | Multipart.Malformed e) {
        throw new Unreadable("The file " + file.fileName() + " could not be read whole.");
      }
      throw new Unreadable("The file " + file.fileName() + " is empty.");
    }
    String pasted = v.request().param("metadata");
    if (pasted.isBlank()) {
      throw new Unreadable("Choose the IdP's metadata file or paste its metadata document.");
    }
    return pasted;
  }

  private static Reply form(Visit v, List<String> errors) {
    ConsoleRequest r = v.request();
    Html h = new Html();
    h.element("h1", "Add a SAML provider");
    Forms.errors(h, errors);
    h.open("section", "class", "card");
    h.element(
        "p",
        "The IdP's metadata names its entity ID and the certificates its SAML responses are"
            + " signed with; AssumeRoleWithSAML accepts responses signed by one of them.",
        "class",
        "hint");
    h.open(
        "form",
        "method",
        "post",
        "action",
        CREATE,
        "enctype",
        "multipart/form-data",
        "data-testid",
        "saml-create");
    Layout.csrf(v, h);
    Forms.text(
        h,
        "name",
        "Provider name",
        r.param("name"),
        "Up to 128 letters, digits and ._-; it ends the provider's ARN.",
        "maxlength",
        "128");
    h.open("fieldset").element("legend", "Tags (optional)");
    for (int i = 1; i <= TAG_ROWS; i++) {
      h.open("div", "class", "tag-row");
      Forms.text(h, "tagKey" + i, "Key " + i, r.param("tagKey" + i), "");
      Forms.text(h, "tagValue" + i, "Value " + i, r.param("tagValue" + i), "");
      h.close("div");
    }
    h.close("fieldset");
    metadataFields(h, r.param("metadata"));
    metadataFile(h);
    Forms.submit(h, "Add provider");
    h.close("form").close("section");
    return v.page("Add a SAML provider", crumbs("Add SAML provider"), h);
  }

  private static Reply create(Visit v) {
    ConsoleRequest r = v.request();
    String name = r.param("name").trim();
    if (name.isEmpty()) {
      return form(v, List.of("Enter a provider name."));
    }
    String document;
    try {
      document = document(v);
    } catch (Unreadable e) {
      return form(v, List.of(e.getMessage()));
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Name", name);
    params.put("SAMLMetadataDocument", document);
    int n = 0;
    for (int i = 1; i <= TAG_ROWS; i++) {
      String key = r.param("tagKey" + i).trim();
      String value = r.param("tagValue" + i);
      if (!key.isEmpty() || !value.isEmpty()) {
        n++;
        params.put("Tags.member." + n + ".Key", key);
        params.put("Tags.member." + n + ".Value", value);
      }
    }
    String arn;
    try {
      arn = v.iam("CreateSAMLProvider", params).path("sAMLProviderArn").asText();
    } catch (GatehouseException e) {
      return form(v, List.of(ErrorPages.code(e) + ": " + e.getMessage()));
    }
    return v.done(path(name), "SAML provider " + arn + " added.");
  }

  private static Reply delete(Visit v) {
    String name = v.request().pathParam("name");
    String arn = SamlProviderPage.arn(v, name);
    try {
      v.iam("DeleteSAMLProvider", Map.of("SAMLProviderArn", arn));
    } catch (GatehouseException e) {
      return v.failed(IdentityProvidersPage.PATH, ErrorPages.code(e) + ": " + e.getMessage());
    }
    return v.done(IdentityProvidersPage.PATH, "SAML provider " + arn + " deleted.");
  }
}
