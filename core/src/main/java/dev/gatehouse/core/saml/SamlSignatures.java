package dev.gatehouse.core.saml;

import java.security.cert.X509Certificate;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.xml.crypto.Data;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.NodeSetData;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Verifies one enveloped XML signature over one element with the JDK's XML digital signature API,
 * against the provider's metadata certificates only (a certificate in the signature's own KeyInfo
 * is never trusted). Before any cryptography the signature must have the one shape SAML uses (spec:
 * SAML 2.0 Core, 5.4 "XML Signature Profile"): exactly one Reference whose URI is {@code #} and the
 * signed element's ID, only the enveloped-signature and exclusive c14n transforms, exclusive c14n
 * for SignedInfo, and SHA-2 algorithms. The signed element's ID is the only one registered with the
 * DOM, so the reference cannot resolve to any other element; after validation the dereferenced node
 * is checked to be that element.
 *
 * <p>SHA-1 digests and signatures are refused: the JDK's secure validation (on here) refuses them
 * too, and AWS's documentation gives no SHA-1 requirement to follow (docs/DEVIATIONS.md).
 */
final class SamlSignatures {
  private SamlSignatures() {}

  static final Set<String> SIGNATURE_METHODS =
      Set.of(
          SignatureMethod.RSA_SHA256,
          SignatureMethod.RSA_SHA384,
          SignatureMethod.RSA_SHA512,
          SignatureMethod.ECDSA_SHA256,
          SignatureMethod.ECDSA_SHA384,
          SignatureMethod.ECDSA_SHA512);

  static final Set<String> DIGEST_METHODS =
      Set.of(DigestMethod.SHA256, DigestMethod.SHA384, DigestMethod.SHA512);

  /**
   * Whether {@code signature} (a direct child of {@code signed}) is a valid signature of {@code
   * signed} by one of {@code certs}.
   *
   * @throws SecureXml.XmlRefused when the signature does not have the allowed shape
   */
  static boolean verifies(Element signature, Element signed, List<X509Certificate> certs)
      throws SecureXml.XmlRefused {
    String id = SecureXml.attribute(signed, "ID").orElse("");
    if (id.isEmpty()) {
      throw new SecureXml.XmlRefused("the signed " + signed.getLocalName() + " has no ID", null);
    }
    signed.setIdAttributeNS(null, "ID", true);
    XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
    for (X509Certificate cert : certs) {
      DOMValidateContext ctx = new DOMValidateContext(cert.getPublicKey(), signature);
      ctx.setProperty("org.jcp.xml.dsig.secureValidation", true);
      ctx.setProperty("javax.xml.crypto.dsig.cacheReference", true);
      XMLSignature xml;
      try {
        xml = factory.unmarshalXMLSignature(ctx);
      } catch (MarshalException e) {
        // secure validation refuses SHA-1 and other weak algorithms while unmarshalling
        throw new SecureXml.XmlRefused(
            "its ds:Signature is malformed or uses an algorithm that is not allowed"
                + " (RSA or ECDSA with SHA-2)",
            e);
      }
      Reference ref = shape(xml.getSignedInfo(), id);
      boolean valid;
      try {
        valid = xml.validate(ctx);
      } catch (XMLSignatureException | RuntimeException e) {
        valid = false;
      }
      if (valid) {
        if (!dereferencedIs(ref.getDereferencedData(), signed)) {
          throw new SecureXml.XmlRefused("its signature covers another element", null);
        }
        return true;
      }
    }
    return false;
  }

  /** The one Reference of an allowed SignedInfo; refuses any other shape. */
  static Reference shape(SignedInfo info, String id) throws SecureXml.XmlRefused {
    String c14n = info.getCanonicalizationMethod().getAlgorithm();
    if (!CanonicalizationMethod.EXCLUSIVE.equals(c14n)) {
      throw new SecureXml.XmlRefused(
          "its SignedInfo is not canonicalized with exclusive c14n", null);
    }
    String method = info.getSignatureMethod().getAlgorithm();
    if (!SIGNATURE_METHODS.contains(method)) {
      throw new SecureXml.XmlRefused(
          "its signature algorithm " + method + " is not allowed (RSA or ECDSA with SHA-2)", null);
    }
    List<?> refs = info.getReferences();
    if (refs.size() != 1) {
      throw new SecureXml.XmlRefused("its signature must have exactly one Reference", null);
    }
    Reference ref = (Reference) refs.get(0);
    if (!("#" + id).equals(ref.getURI())) {
      throw new SecureXml.XmlRefused(
          "its signature's Reference does not point at the signed element's ID", null);
    }
    if (!DIGEST_METHODS.contains(ref.getDigestMethod().getAlgorithm())) {
      throw new SecureXml.XmlRefused(
          "its digest algorithm "
              + ref.getDigestMethod().getAlgorithm()
              + " is not allowed (SHA-2)",
          null);
    }
    boolean enveloped = false;
    for (Object o : ref.getTransforms()) {
      String alg = ((Transform) o).getAlgorithm();
      if (Transform.ENVELOPED.equals(alg)) {
        enveloped = true;
      } else if (!CanonicalizationMethod.EXCLUSIVE.equals(alg)) {
        throw new SecureXml.XmlRefused("its signature uses the transform " + alg, null);
      }
    }
    if (!enveloped) {
      throw new SecureXml.XmlRefused("its signature is not an enveloped signature", null);
    }
    return ref;
  }

  private static boolean dereferencedIs(Data data, Element signed) {
    if (!(data instanceof NodeSetData)) {
      return false;
    }
    Iterator<?> nodes = ((NodeSetData<?>) data).iterator();
    while (nodes.hasNext()) {
      Object n = nodes.next();
      if (n instanceof Element) {
        return n == signed;
      }
      if (!(n instanceof Node)) {
        return false;
      }
    }
    return false;
  }
}
