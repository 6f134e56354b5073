package dev.gatehouse.core.saml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A SAML identity provider run by tests: an RSA key and a self-signed certificate made with the
 * JDK's {@code keytool}, its metadata document, and SAML responses it signs with the JDK's XML
 * signature API. Shared with the server's end-to-end tests through core's test jar.
 */
public final class TestIdp {
  public static final String AWS_SAML = "https://signin.aws.amazon.com/saml";
  public static final String ROLE = "https://aws.amazon.com/SAML/Attributes/Role";
  public static final String SESSION_NAME =
      "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
  static final String P = "urn:oasis:names:tc:SAML:2.0:protocol";
  static final String A = "urn:oasis:names:tc:SAML:2.0:assertion";

  private final String entityId;
  private final PrivateKey key;
  private final X509Certificate cert;

  private TestIdp(String entityId, PrivateKey key, X509Certificate cert) {
    this.entityId = entityId;
    this.key = key;
    this.cert = cert;
  }

  /** A new IdP with a fresh 2048-bit RSA key (about a second: keytool runs). */
  public static TestIdp create(String entityId) {
    try {
      Path dir = Files.createTempDirectory("gatehouse-idp");
      Path store = dir.resolve("idp.p12");
      Process p =
          new ProcessBuilder(
                  "keytool",
                  "-genkeypair",
                  "-alias",
                  "idp",
                  "-keyalg",
                  "RSA",
                  "-keysize",
                  "2048",
                  "-sigalg",
                  "SHA256withRSA",
                  "-dname",
                  "CN=Test IdP",
                  "-validity",
                  "3650",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  store.toString(),
                  "-storepass",
                  "changeit",
                  "-keypass",
                  "changeit")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool failed");
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, "changeit".toCharArray());
      }
      PrivateKey key = (PrivateKey) ks.getKey("idp", "changeit".toCharArray());
      X509Certificate cert = (X509Certificate) ks.getCertificate("idp");
      Files.delete(store);
      Files.delete(dir);
      return new TestIdp(entityId, key, cert);
    } catch (IOException | InterruptedException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Another IdP with the same entity id but its own key (a certificate not in the metadata). */
  public TestIdp impostor() {
    return create(entityId);
  }

  public String entityId() {
    return entityId;
  }

  public X509Certificate certificate() {
    return cert;
  }

  /** The IdP's private key (also the key of tests that need a certificate and its key). */
  public PrivateKey privateKey() {
    return key;
  }

  /** The certificate in PEM ({@code -----BEGIN CERTIFICATE-----}). */
  public String certificatePem() {
    try {
      return pem("CERTIFICATE", cert.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The private key in PEM, PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}). */
  public String privateKeyPem() {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  /** {@code der} as a PEM block with 64-character lines. */
  public static String pem(String label, byte[] der) {
    String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
  }

  /** The IdP's metadata document (longer than CreateSAMLProvider's 1,000-character minimum). */
  public String metadata() {
    try {
      String b64 = Base64.getEncoder().encodeToString(cert.getEncoded());
      return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
          + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\""
          + entityId
          + "\">\n  <md:IDPSSODescriptor"
          + " protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n"
          + "    <md:KeyDescriptor use=\"signing\">\n      <ds:KeyInfo><ds:X509Data>"
          + "<ds:X509Certificate>"
          + b64
          + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>\n    </md:KeyDescriptor>\n"
          + "    <md:SingleSignOnService"
          + " Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\""
          + " Location=\"https://idp.example.com/sso\"/>\n"
          + "  </md:IDPSSODescriptor>\n</md:EntityDescriptor>\n";
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  public Response response() {
    return new Response();
  }

  /** A SAML response to build, sign and encode; by default valid for AWS for five minutes. */
  public final class Response {
    private Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private String issuer = entityId;
    private String nameId = "alice@example.com";
    private String nameIdFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    private String recipient = AWS_SAML;
    private String audience = AWS_SAML;
    private Instant notOnOrAfter = now.plusSeconds(300);
    private Instant notBefore = now.minusSeconds(5);
    private String status = "urn:oasis:names:tc:SAML:2.0:status:Success";
    private final Map<String, List<String>> attributes = new LinkedHashMap<>();
    private boolean signAssertion = true;
    private boolean signResponse;
    private String signatureMethod = SignatureMethod.RSA_SHA256;
    private String digestMethod = DigestMethod.SHA256;
    private Instant sessionNotOnOrAfter;

    public Response issuer(String v) {
      issuer = v;
      return this;
    }

    public Response nameId(String v, String format) {
      nameId = v;
      nameIdFormat = format;
      return this;
    }

    public Response recipient(String v) {
      recipient = v;
      return this;
    }

    public Response audience(String v) {
      audience = v;
      return this;
    }

    /** The end of the subject confirmation's and conditions' windows. */
    public Response notOnOrAfter(Instant v) {
      notOnOrAfter = v;
      return this;
    }

    public Response notBefore(Instant v) {
      notBefore = v;
      return this;
    }

    public Response sessionNotOnOrAfter(Instant v) {
      sessionNotOnOrAfter = v;
      return this;
    }

    public Response status(String v) {
      status = v;
      return this;
    }

    public Response attribute(String name, String... values) {
      attributes.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(values));
      return this;
    }

    /** The Role attribute's pair and a RoleSessionName, as an IdP configured for AWS sends. */
    public Response role(String roleArn, String providerArn, String sessionName) {
      return attribute(ROLE, roleArn + "," + providerArn).attribute(SESSION_NAME, sessionName);
    }

    public Response signAssertion(boolean v) {
      signAssertion = v;
      return this;
    }

    public Response signResponse(boolean v) {
      signResponse = v;
      return this;
    }

    public Response algorithms(String signature, String digest) {
      signatureMethod = signature;
      digestMethod = digest;
      return this;
    }

    /** The unsigned XML text. */
    public String xml() {
      StringBuilder attrs = new StringBuilder();
      attributes.forEach(
          (name, values) -> {
            attrs.append("<saml:Attribute Name=\"").append(esc(name)).append("\">");
            for (String v : values) {
              attrs.append("<saml:AttributeValue>").append(esc(v)).append("</saml:AttributeValue>");
            }
            attrs.append("</saml:Attribute>");
          });
      return "<samlp:Response xmlns:samlp=\""
          + P
          + "\" xmlns:saml=\""
          + A
          + "\" ID=\"_resp1\" Version=\"2.0\" IssueInstant=\""
          + now
          + "\" Destination=\""
          + esc(recipient)
          + "\"><saml:Issuer>"
          + esc(issuer)
          + "</saml:Issuer><samlp:Status><samlp:StatusCode Value=\""
          + esc(status)
          + "\"/></samlp:Status>"
          + "<saml:Assertion ID=\"_assert1\" Version=\"2.0\" IssueInstant=\""
          + now
          + "\"><saml:Issuer>"
          + esc(issuer)
          + "</saml:Issuer><saml:Subject><saml:NameID Format=\""
          + esc(nameIdFormat)
          + "\">"
          + nameId
          + "</saml:NameID><saml:SubjectConfirmation"
          + " Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"><saml:SubjectConfirmationData"
          + " NotOnOrAfter=\""
          + notOnOrAfter
          + "\" Recipient=\""
          + esc(recipient)
          + "\"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore=\""
          + notBefore
          + "\" NotOnOrAfter=\""
          + notOnOrAfter
          + "\"><saml:AudienceRestriction><saml:Audience>"
          + esc(audience)
          + "</saml:Audience></saml:AudienceRestriction></saml:Conditions>"
          + "<saml:AuthnStatement AuthnInstant=\""
          + now
          + "\""
          + (sessionNotOnOrAfter == null
              ? ""
              : " SessionNotOnOrAfter=\"" + sessionNotOnOrAfter + "\"")
          + "><saml:AuthnContext><saml:AuthnContextClassRef>"
          + "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
          + "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
          + "<saml:AttributeStatement>"
          + attrs
          + "</saml:AttributeStatement></saml:Assertion></samlp:Response>";
    }

    /** The signed document, to tamper with. */
    public Document signedDocument() {
      Document doc = parse(xml());
      Element response = doc.getDocumentElement();
      Element assertion = (Element) doc.getElementsByTagNameNS(A, "Assertion").item(0);
      if (signAssertion) {
        sign(assertion, "_assert1");
      }
      if (signResponse) {
        sign(response, "_resp1");
      }
      return doc;
    }

    /** The signed response, base64 as AssumeRoleWithSAML takes it. */
    public String encoded() {
      return encode(signedDocument());
    }

    /** Signs {@code element} with a Reference to {@code refId}, placed after its Issuer. */
    public void sign(Element element, String refId) {
      try {
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        Reference ref =
            f.newReference(
                "#" + refId,
                f.newDigestMethod(digestMethod, null),
                List.of(
                    f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                    f.newTransform(
                        CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                null,
                null);
        SignedInfo si =
            f.newSignedInfo(
                f.newCanonicalizationMethod(
                    CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                f.newSignatureMethod(signatureMethod, null),
                List.of(ref));
        KeyInfoFactory kif = f.getKeyInfoFactory();
        KeyInfo ki = kif.newKeyInfo(List.of(kif.newX509Data(List.of(cert))));
        Element target =
            (Element) element.getOwnerDocument().getElementsByTagNameNS(A, "Assertion").item(0);
        for (Element e : List.of(element, target)) {
          if (e.hasAttributeNS(null, "ID")) {
            e.setIdAttributeNS(null, "ID", true);
          }
        }
        Node issuerEl = element.getFirstChild();
        DOMSignContext ctx = new DOMSignContext(key, element, issuerEl.getNextSibling());
        ctx.setDefaultNamespacePrefix("ds");
        f.newXMLSignature(si, ki).sign(ctx);
      } catch (java.security.GeneralSecurityException
          | javax.xml.crypto.MarshalException
          | javax.xml.crypto.dsig.XMLSignatureException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  public static Document parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      return f.newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String serialize(Document doc) {
    try {
      StringWriter out = new StringWriter();
      TransformerFactory.newInstance()
          .newTransformer()
          .transform(new DOMSource(doc), new StreamResult(out));
      return out.toString();
    } catch (javax.xml.transform.TransformerException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String encode(Document doc) {
    return Base64.getEncoder().encodeToString(serialize(doc).getBytes(StandardCharsets.UTF_8));
  }

  public static String encode(String xml) {
    return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
  }
}
