package dev.gatehouse.core.saml;

import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.saml.SecureXml.XmlRefused;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.crypto.dsig.XMLSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Verifies a base64 SAML 2.0 Response against an IAM SAML provider's metadata and reads its one
 * assertion (spec: SAML 2.0 Core and Profiles, Web Browser SSO Profile 4.1.4.3; IAM User Guide,
 * "Configure SAML assertions for the authentication response").
 *
 * <p>Defences against signature wrapping (spec: Somorovsky et al., "On Breaking SAML", 2012): the
 * document must hold exactly one Assertion, a direct child of the Response; no two elements may
 * share an ID; a ds:Signature may only be a direct child of the Response or of the Assertion; each
 * signature present must verify (see {@link SamlSignatures}: its one Reference names its own
 * parent's ID, which is the only ID the DOM resolves); and what is read is that same Assertion
 * node, through direct children only.
 */
public final class SamlResponseVerifier {
  public static final String PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
  public static final String ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
  static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
  static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

  /** spec: STS model, SAMLAssertionType: at most 100,000 characters of base64. */
  public static final int MAX_LENGTH = 100_000;

  private final SamlSettings settings;
  private final Clock clock;

  public SamlResponseVerifier(SamlSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * The assertion of {@code samlResponse} (base64) if it is signed by one of {@code metadata}'s
   * certificates, issued by its entity, meant for AWS (or this deployment) and valid now.
   *
   * @throws GatehouseException InvalidIdentityToken, ExpiredTokenException or IDPRejectedClaim
   */
  public SamlAssertion verify(String samlResponse, SamlMetadata metadata) {
    try {
      return read(samlResponse, metadata);
    } catch (XmlRefused e) {
      throw SamlErrors.invalid("Invalid SAML response: " + e.getMessage() + ".");
    }
  }

  private SamlAssertion read(String samlResponse, SamlMetadata metadata) throws XmlRefused {
    if (samlResponse.length() > MAX_LENGTH) {
      throw new XmlRefused("it is longer than " + MAX_LENGTH + " characters", null);
    }
    byte[] xml;
    try {
      xml = Base64.getDecoder().decode(samlResponse.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new XmlRefused("it is not base64", e);
    }
    Document doc = SecureXml.parse(xml);
    Element response = doc.getDocumentElement();
    if (!SecureXml.is(response, PROTOCOL_NS, "Response")) {
      throw new XmlRefused("its root element is not a samlp:Response", null);
    }
    uniqueIds(doc);
    if (doc.getElementsByTagNameNS(ASSERTION_NS, "EncryptedAssertion").getLength() > 0) {
      throw new XmlRefused("encrypted assertions are not supported", null);
    }
    if (doc.getElementsByTagNameNS(ASSERTION_NS, "Assertion").getLength() != 1) {
      throw new XmlRefused("it must contain exactly one Assertion", null);
    }
    Element assertion = (Element) doc.getElementsByTagNameNS(ASSERTION_NS, "Assertion").item(0);
    if (assertion.getParentNode() != response) {
      throw new XmlRefused("its Assertion is not a direct child of the Response", null);
    }
    signed(doc, response, assertion, metadata.signingCertificates());
    status(response);
    return assertion(assertion, metadata);
  }

  /** Refuses two elements with the same ID (any of the ID attribute spellings). */
  private static void uniqueIds(Document doc) throws XmlRefused {
    Set<String> seen = new HashSet<>();
    for (Element e : SecureXml.allElements(doc)) {
      for (String name : List.of("ID", "Id", "id")) {
        Optional<String> id = SecureXml.attribute(e, name);
        if (id.isPresent() && !seen.add(id.get())) {
          throw new XmlRefused("two of its elements have the same ID", null);
        }
      }
    }
  }

  /**
   * At least one signature, each where SAML puts it and each valid: one on the Response, one on the
   * Assertion, or both.
   */
  private static void signed(
      Document doc, Element response, Element assertion, List<X509Certificate> certs)
      throws XmlRefused {
    int count = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").getLength();
    List<Element> onResponse = SecureXml.children(response, XMLSignature.XMLNS, "Signature");
    List<Element> onAssertion = SecureXml.children(assertion, XMLSignature.XMLNS, "Signature");
    if (count == 0) {
      throw new XmlRefused("neither the Response nor the Assertion is signed", null);
    }
    if (onResponse.size() > 1
        || onAssertion.size() > 1
        || onResponse.size() + onAssertion.size() != count) {
      throw new XmlRefused(
          "a ds:Signature may only be a direct child of the Response or of the Assertion", null);
    }
    for (Element sig : onResponse) {
      if (!SamlSignatures.verifies(sig, response, certs)) {
        throw new XmlRefused(
            "the Response's signature does not verify with the provider's certificates", null);
      }
    }
    for (Element sig : onAssertion) {
      if (!SamlSignatures.verifies(sig, assertion, certs)) {
        throw new XmlRefused(
            "the Assertion's signature does not verify with the provider's certificates", null);
      }
    }
  }

  /** spec: the IdP reports a failed authentication with a StatusCode other than Success. */
  private static void status(Element response) throws XmlRefused {
    Optional<Element> status = SecureXml.child(response, PROTOCOL_NS, "Status", "Status");
    Optional<Element> code =
        status.isPresent()
            ? SecureXml.child(status.get(), PROTOCOL_NS, "StatusCode", "StatusCode")
            : Optional.empty();
    String value = code.flatMap(c -> SecureXml.attribute(c, "Value")).orElse("");
    if (!SUCCESS.equals(value)) {
      throw SamlErrors.rejected(
          "The identity provider did not report success (StatusCode " + value + ").");
    }
  }

  private SamlAssertion assertion(Element a, SamlMetadata metadata) throws XmlRefused {
    Instant now = clock.instant();
    String issuer = text(required(a, "Issuer"));
    if (!issuer.equals(metadata.entityId())) {
      throw new XmlRefused(
          "its Issuer " + issuer + " is not the provider's entity " + metadata.entityId(), null);
    }
    Element subject = required(a, "Subject");
    Optional<Element> nameId = SecureXml.child(subject, ASSERTION_NS, "NameID", "NameID");
    List<Element> confirmations = SecureXml.children(subject, ASSERTION_NS, "SubjectConfirmation");
    if (confirmations.size() != 1) {
      throw new XmlRefused("its Subject must have exactly one SubjectConfirmation", null);
    }
    Element confirmation = confirmations.get(0);
    if (!BEARER.equals(SecureXml.attribute(confirmation, "Method").orElse(""))) {
      throw new XmlRefused("its SubjectConfirmation's Method is not bearer", null);
    }
    Element data =
        SecureXml.child(
                confirmation, ASSERTION_NS, "SubjectConfirmationData", "SubjectConfirmationData")
            .orElseThrow(() -> new XmlRefused("it has no SubjectConfirmationData", null));
    String recipient =
        SecureXml.attribute(data, "Recipient")
            .orElseThrow(
                () -> new XmlRefused("its SubjectConfirmationData has no Recipient", null));
    if (!settings.acceptsRecipient(recipient)) {
      throw new XmlRefused("its Recipient " + recipient + " is not an accepted endpoint", null);
    }
    Instant notOnOrAfter =
        time(data, "NotOnOrAfter")
            .orElseThrow(
                () -> new XmlRefused("its SubjectConfirmationData has no NotOnOrAfter", null));
    window(now, time(data, "NotBefore"), Optional.of(notOnOrAfter));
    conditions(a, now);
    Optional<Instant> sessionEnd = Optional.empty();
    for (Element authn : SecureXml.children(a, ASSERTION_NS, "AuthnStatement")) {
      Optional<Instant> t = time(authn, "SessionNotOnOrAfter");
      if (t.isPresent() && (sessionEnd.isEmpty() || t.get().isBefore(sessionEnd.get()))) {
        sessionEnd = t;
      }
    }
    return new SamlAssertion(
        issuer,
        nameId.map(SamlResponseVerifier::text).orElse(""),
        nameId.flatMap(n -> SecureXml.attribute(n, "Format")).orElse(""),
        recipient,
        notOnOrAfter,
        sessionEnd,
        attributes(a));
  }

  /** Conditions with NotBefore / NotOnOrAfter, and an AudienceRestriction naming AWS. */
  private void conditions(Element a, Instant now) throws XmlRefused {
    Element conditions = required(a, "Conditions");
    window(now, time(conditions, "NotBefore"), time(conditions, "NotOnOrAfter"));
    List<Element> restrictions =
        SecureXml.children(conditions, ASSERTION_NS, "AudienceRestriction");
    if (restrictions.isEmpty()) {
      throw new XmlRefused("it has no AudienceRestriction", null);
    }
    for (Element r : restrictions) {
      boolean ours = false;
      for (Element audience : SecureXml.children(r, ASSERTION_NS, "Audience")) {
        ours |= settings.acceptsAudience(text(audience));
      }
      if (!ours) {
        throw new XmlRefused(
            "its AudienceRestriction does not name https://signin.aws.amazon.com/saml", null);
      }
    }
  }

  private void window(Instant now, Optional<Instant> notBefore, Optional<Instant> notOnOrAfter)
      throws XmlRefused {
    if (notBefore.isPresent() && now.plus(settings.skew()).isBefore(notBefore.get())) {
      throw new XmlRefused("it is not valid yet (NotBefore " + notBefore.get() + ")", null);
    }
    if (notOnOrAfter.isPresent() && !now.minus(settings.skew()).isBefore(notOnOrAfter.get())) {
      throw SamlErrors.expired(
          "The SAML assertion has expired (NotOnOrAfter " + notOnOrAfter.get() + ").");
    }
  }

  private static Map<String, List<String>> attributes(Element a) throws XmlRefused {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Element statement : SecureXml.children(a, ASSERTION_NS, "AttributeStatement")) {
      for (Element attr : SecureXml.children(statement, ASSERTION_NS, "Attribute")) {
        String name =
            SecureXml.attribute(attr, "Name")
                .orElseThrow(() -> new XmlRefused("an Attribute has no Name", null));
        List<String> values = new java.util.ArrayList<>(out.getOrDefault(name, List.of()));
        for (Element v : SecureXml.children(attr, ASSERTION_NS, "AttributeValue")) {
          values.add(text(v));
        }
        out.put(name, values);
      }
    }
    return out;
  }

  private static Element required(Element parent, String local) throws XmlRefused {
    return SecureXml.child(parent, ASSERTION_NS, local, local)
        .orElseThrow(() -> new XmlRefused("its Assertion has no " + local, null));
  }

  /** All the text of an element (comments split nothing: the DOM joins every text node). */
  private static String text(Element e) {
    return e.getTextContent().trim();
  }

  private static Optional<Instant> time(Element e, String attribute) throws XmlRefused {
    Optional<String> v = SecureXml.attribute(e, attribute);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(v.get()).toInstant());
    } catch (DateTimeParseException e2) {
      throw new XmlRefused("its " + attribute + " is not an xs:dateTime with a time zone", null);
    }
  }
}
