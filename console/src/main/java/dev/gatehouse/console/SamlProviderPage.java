package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.saml.SamlMetadata;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One SAML provider (GetSAMLProvider): its ARN, dates, the IdP's entity ID and a summary of each
 * signing certificate its metadata carries; replacing the metadata (UpdateSAMLProvider), its tags
 * (TagSAMLProvider, UntagSAMLProvider) and deleting it, as the actor through IAM's own operations.
 */
final class SamlProviderPage {
  private SamlProviderPage() {}

  static void register(Routes routes) {
    routes
        .get("/identity-providers/saml/{name}", SamlProviderPage::show)
        .post("/identity-providers/saml/{name}/update", SamlProviderPage::update)
        .post("/identity-providers/saml/{name}/tags", SamlProviderPage::tag)
        .post("/identity-providers/saml/{name}/untag", SamlProviderPage::untag);
  }

  /** The ARN of the actor's account's provider called {@code name}. */
  static String arn(Visit v, String name) {
    return "arn:aws:iam::" + v.actor().accountId() + ":saml-provider/" + name;
  }

  private static List<Crumb> crumbs(String name) {
    return List.of(
        new Crumb("IAM", "/console"),
        new Crumb("Identity providers", IdentityProvidersPage.PATH),
        Crumb.here(name));
  }

  private static Reply show(Visit v) {
    String name = v.request().pathParam("name");
    String arn = arn(v, name);
    JsonNode got = v.iam("GetSAMLProvider", Map.of("SAMLProviderArn", arn));
    String document = got.path("sAMLMetadataDocument").asText();
    Html h = new Html();
    h.element("h1", name);
    h.open("section", "class", "card").element("h2", "Summary");
    h.open("dl", "class", "facts");
    h.element("dt", "ARN")
        .open("dd")
        .open("code", "data-testid", "provider-arn")
        .breakable(arn)
        .close("code")
        .close("dd");
    h.element("dt", "Created").element("dd", got.path("createDate").asText());
    h.element("dt", "Valid until")
        .element("dd", got.path("validUntil").asText(), "data-testid", "valid-until");
    SamlMetadata metadata;
    try {
      metadata = SamlMetadata.parse(document);
    } catch (GatehouseException e) {
      h.close("dl");
      ErrorPages.aws(h, e);
      h.close("section");
      return v.page(name, crumbs(name), rest(v, h, name, got));
    }
    h.element("dt", "IdP entity ID")
        .open("dd")
        .open("code", "data-testid", "entity-id")
        .breakable(metadata.entityId())
        .close("code")
        .close("dd");
    h.close("dl").close("section");
    h.open("section", "class", "card").element("h2", "Signing certificates");
    for (X509Certificate c : metadata.signingCertificates()) {
      certificate(h, c);
    }
    h.close("section");
    return v.page(name, crumbs(name), rest(v, h, name, got));
  }

  /** One certificate: subject, issuer, validity, serial number and SHA-256 fingerprint. */
  static void certificate(Html h, X509Certificate c) {
    h.open("dl", "class", "facts", "data-testid", "certificate");
    h.element("dt", "Subject").element("dd", c.getSubjectX500Principal().getName());
    h.element("dt", "Issuer").element("dd", c.getIssuerX500Principal().getName());
    h.element("dt", "Valid from").element("dd", c.getNotBefore().toInstant().toString());
    h.element("dt", "Expires")
        .element("dd", c.getNotAfter().toInstant().toString(), "data-testid", "cert-expires");
    h.element("dt", "Serial number").element("dd", c.getSerialNumber().toString(16));
    h.element("dt", "SHA-256 fingerprint")
        .open("dd")
        .open("code", "data-testid", "cert-fingerprint")
        .breakable(fingerprint(c))
        .close("code")
        .close("dd");
    h.close("dl");
  }

  /** The SHA-256 of the certificate's DER, as colon-separated upper-case hex pairs. */
  static String fingerprint(X509Certificate c) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder out = new StringBuilder();
    for (byte b : digest) {
      if (out.length() > 0) {
        out.append(':');
      }
      out.append(String.format(Locale.ROOT, "%02X", b));
    }
    return out.toString();
  }

  /** Replace metadata, tags and delete. */
  private static Html rest(Visit v, Html h, String name, JsonNode got) {
    String page = SamlProviderPages.path(name);
    h.open("section", "class", "card").element("h2", "Replace metadata");
    h.element(
        "p",
        "A new metadata document from the IdP, for example after it rotated its signing"
            + " certificate. Assertions are then checked against its certificates only.",
        "class",
        "hint");
    h.open(
        "form",
        "method",
        "post",
        "action",
        page + "/update",
        "enctype",
        "multipart/form-data",
        "data-testid",
        "saml-update");
    Layout.csrf(v, h);
    SamlProviderPages.metadataFields(h, "");
    SamlProviderPages.metadataFile(h);
    Forms.submit(h, "Replace metadata");
    h.close("form").close("section");

    h.open("section", "class", "card").element("h2", "Tags");
    JsonNode tags = got.path("tags");
    Tables.open(h, "Tags", List.of("Key", "Value", ""));
    for (JsonNode t : tags) {
      String key = t.path("key").asText();
      Html remove = new Html();
      Forms.open(v, remove, page + "/untag", "class", "inline");
      Layout.hidden(remove, "key", key);
      remove.element("button", "Remove", "type", "submit", "aria-label", "Remove tag " + key);
      Forms.close(remove);
      Tables.row(h, List.of(Tables.text(key), Tables.text(t.path("value").asText()), remove));
    }
    Tables.close(h, tags.size(), 3, "No tags.");
    Forms.open(v, h, page + "/tags", "class", "inline-form");
    Forms.text(h, "key", "Key", "", "", "required", "");
    Forms.text(h, "value", "Value", "", "");
    Forms.submit(h, "Add tag");
    Forms.close(h);
    h.close("section");

    h.open("section", "class", "card").element("h2", "Delete");
    h.element(
        "p",
        "Roles that trust this provider can no longer be assumed with SAML once it is deleted.",
        "class",
        "hint");
    Layout.postButton(v, h, page + "/delete", "Delete provider", "danger");
    h.close("section");
    return h;
  }

  private static Reply update(Visit v) {
    String name = v.request().pathParam("name");
    String page = SamlProviderPages.path(name);
    String document;
    try {
      document = SamlProviderPages.document(v);
    } catch (SamlProviderPages.Unreadable e) {
      return v.failed(page, e.getMessage());
    }
    try {
      v.iam(
          "UpdateSAMLProvider",
          Map.of("SAMLProviderArn", arn(v, name), "SAMLMetadataDocument", document));
    } catch (GatehouseException e) {
      return v.failed(page, ErrorPages.code(e) + ": " + e.getMessage());
    }
    return v.done(page, "Metadata of " + name + " replaced.");
  }

  private static Reply tag(Visit v) {
    String name = v.request().pathParam("name");
    String key = v.request().param("key");
    try {
      v.iam(
          "TagSAMLProvider",
          Map.of(
              "SAMLProviderArn",
              arn(v, name),
              "Tags.member.1.Key",
              key,
              "Tags.member.1.Value",
              v.request().param("value")));
    } catch (GatehouseException e) {
      return v.failed(SamlProviderPages.path(name), ErrorPages.code(e) + ": " + e.getMessage());
    }
    return v.done(SamlProviderPages.path(name), "Tag " + key + " saved.");
  }

  private static Reply untag(Visit v) {
    String name = v.request().pathParam("name");
    String key = v.request().param("key");
    try {
      v.iam("UntagSAMLProvider", Map.of("SAMLProviderArn", arn(v, name), "TagKeys.member.1", key));
    } catch (GatehouseException e) {
      return v.failed(SamlProviderPages.path(name), ErrorPages.code(e) + ": " + e.getMessage());
    }
    return v.done(SamlProviderPages.path(name), "Tag " + key + " removed.");
  }
}
