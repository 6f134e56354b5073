package dev.gatehouse.core.saml;

import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.saml.SecureXml.XmlRefused;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.xml.crypto.dsig.XMLSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An IdP's SAML 2.0 metadata document, as CreateSAMLProvider and UpdateSAMLProvider accept it
 * (spec: SAML 2.0 Metadata, saml-metadata-2.0-os; IAM User Guide, "Create a SAML identity provider
 * in IAM"): one {@code md:EntityDescriptor} with an entity ID attribute and an {@code
 * md:IDPSSODescriptor} whose {@code md:KeyDescriptor}s (use {@code signing} or no use) carry X.509
 * certificates; the certificates verify the IdP's assertions.
 *
 * @param entityId the IdP's entity id, which an assertion's Issuer must equal
 * @param signingCertificates the certificates an assertion may be signed with, at least one
 * @param validUntil the document's {@code validUntil}, when it has one
 */
public record SamlMetadata(
    String entityId, List<X509Certificate> signingCertificates, Optional<Instant> validUntil) {
  public static final String MD_NS = "urn:oasis:names:tc:SAML:2.0:metadata";

  /** spec: IAM quotas, "Keys per SAML provider": 10. */
  public static final int MAX_SIGNING_KEYS = 10;

  public SamlMetadata {
    signingCertificates = List.copyOf(signingCertificates);
  }

  /**
   * Reads a metadata document.
   *
   * @throws GatehouseException InvalidInput saying what is wrong with the document
   */
  public static SamlMetadata parse(String document) {
    Document doc;
    try {
      doc = SecureXml.parse(document.getBytes(StandardCharsets.UTF_8));
    } catch (XmlRefused e) {
      throw invalid("it could not be parsed: " + e.getMessage());
    }
    Element root = doc.getDocumentElement();
    if (!SecureXml.is(root, MD_NS, "EntityDescriptor")) {
      throw invalid("its root element must be an md:EntityDescriptor");
    }
    String entityId = SecureXml.attribute(root, "entityID").orElse("");
    if (entityId.isBlank()) {
      throw invalid("its md:EntityDescriptor has no entityID");
    }
    List<Element> idps = SecureXml.children(root, MD_NS, "IDPSSODescriptor");
    if (idps.isEmpty()) {
      throw invalid("it has no md:IDPSSODescriptor");
    }
    List<X509Certificate> certs = new ArrayList<>();
    for (Element idp : idps) {
      for (Element key : SecureXml.children(idp, MD_NS, "KeyDescriptor")) {
        String use = SecureXml.attribute(key, "use").orElse("signing");
        if (use.equals("signing")) {
          certs.addAll(certificates(key));
        }
      }
    }
    if (certs.isEmpty()) {
      throw invalid("it has no signing certificate (md:KeyDescriptor with ds:X509Certificate)");
    }
    if (certs.size() > MAX_SIGNING_KEYS) {
      throw GatehouseException.limitExceeded(
          "Cannot exceed quota for KeysPerSAMLProvider: " + MAX_SIGNING_KEYS);
    }
    return new SamlMetadata(entityId, certs, validUntil(root));
  }

  private static List<X509Certificate> certificates(Element keyDescriptor) {
    List<X509Certificate> out = new ArrayList<>();
    String ds = XMLSignature.XMLNS;
    for (Element info : SecureXml.children(keyDescriptor, ds, "KeyInfo")) {
      for (Element data : SecureXml.children(info, ds, "X509Data")) {
        for (Element cert : SecureXml.children(data, ds, "X509Certificate")) {
          out.add(certificate(cert.getTextContent()));
        }
      }
    }
    return out;
  }

  /** A base64 DER certificate, whitespace allowed. */
  static X509Certificate certificate(String base64) {
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw invalid("a ds:X509Certificate is not base64");
    }
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw invalid("a ds:X509Certificate is not an X.509 certificate");
    }
  }

  private static Optional<Instant> validUntil(Element root) {
    Optional<String> v = SecureXml.attribute(root, "validUntil");
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(v.get()).toInstant());
    } catch (DateTimeParseException e) {
      throw invalid("its validUntil is not an xs:dateTime with a time zone");
    }
  }

  private static GatehouseException invalid(String why) {
    return GatehouseException.invalidInput("Could not parse metadata: " + why + ".");
  }
}
