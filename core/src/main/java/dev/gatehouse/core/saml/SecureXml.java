package dev.gatehouse.core.saml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XML parsing safe for documents from outside (spec: OWASP XML External Entity Prevention Cheat
 * Sheet): no DOCTYPE at all (so no entities, internal or external, and no entity expansion bombs),
 * no external DTD or schema access, secure processing limits, no XInclude, entity references not
 * expanded; namespace aware. Plus the few DOM helpers the SAML readers share, which only ever look
 * at direct children, so that an element moved elsewhere in the tree is never read.
 */
public final class SecureXml {
  private SecureXml() {}

  /** The document could not be parsed; the message says why, without echoing the input. */
  public static final class XmlRefused extends Exception {
    private static final long serialVersionUID = 1L;

    XmlRefused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final ErrorHandler QUIET =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
          // warnings are not failures; nothing is printed
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };

  static DocumentBuilderFactory factory() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    try {
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setValidating(false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a required safety feature", e);
    }
    return f;
  }

  /** Parses {@code xml}, refusing a DOCTYPE and anything not well-formed. */
  public static Document parse(byte[] xml) throws XmlRefused {
    try {
      DocumentBuilder b = factory().newDocumentBuilder();
      b.setErrorHandler(QUIET);
      b.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entities are not allowed");
          });
      return b.parse(new InputSource(new ByteArrayInputStream(xml)));
    } catch (SAXParseException e) {
      String why = e.getMessage() == null ? "" : e.getMessage();
      if (why.contains("DOCTYPE")) {
        throw new XmlRefused("a DOCTYPE is not allowed", e);
      }
      throw new XmlRefused("it is not well-formed XML (line " + e.getLineNumber() + ")", e);
    } catch (SAXException | IOException e) {
      throw new XmlRefused("it is not well-formed XML", e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
    }
  }

  /** Whether {@code e} is the element {@code ns}:{@code local}. */
  public static boolean is(Node e, String ns, String local) {
    return e instanceof Element && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName());
  }

  /** The direct child elements {@code ns}:{@code local} of {@code parent}, in document order. */
  public static List<Element> children(Element parent, String ns, String local) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (is(n, ns, local)) {
        out.add((Element) n);
      }
    }
    return out;
  }

  /** The only direct child {@code ns}:{@code local}; empty when there is none. */
  public static Optional<Element> child(Element parent, String ns, String local, String what)
      throws XmlRefused {
    List<Element> all = children(parent, ns, local);
    if (all.size() > 1) {
      throw new XmlRefused("it has more than one " + what, null);
    }
    return all.stream().findFirst();
  }

  /** An attribute without namespace; empty when absent. */
  public static Optional<String> attribute(Element e, String name) {
    return e.hasAttributeNS(null, name)
        ? Optional.of(e.getAttributeNS(null, name))
        : Optional.empty();
  }

  /** Every element of the document, in document order. */
  public static List<Element> allElements(Document doc) {
    List<Element> out = new ArrayList<>();
    Node n = doc.getDocumentElement();
    while (n != null) {
      if (n instanceof Element) {
        out.add((Element) n);
      }
      if (n.getFirstChild() != null) {
        n = n.getFirstChild();
        continue;
      }
      while (n != null && n.getNextSibling() == null) {
        n = n.getParentNode();
        if (n == doc) {
          return out;
        }
      }
      if (n != null) {
        n = n.getNextSibling();
      }
    }
    return out;
  }
}
