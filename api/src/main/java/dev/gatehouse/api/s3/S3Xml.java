package dev.gatehouse.api.s3;

import dev.gatehouse.core.s3.S3Error;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * S3's REST-XML: a small writer (elements in the S3 namespace, text escaped, S3's timestamps) and a
 * reader for the small request documents (CreateBucketConfiguration, Delete,
 * CompleteMultipartUpload, Tagging, PublicAccessBlockConfiguration) that refuses DTDs and external
 * entities.
 *
 * <p>spec: botocore s3 2006-03-01 model (shapes and their locationName); S3's namespace {@value
 * #NAMESPACE}.
 */
final class S3Xml {
  static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
  static final String CONTENT_TYPE = "application/xml";

  private S3Xml() {}

  /** Writes one document. */
  static final class Writer {
    private final StringBuilder out = new StringBuilder(256);
    private final Deque<String> open = new ArrayDeque<>();

    Writer() {
      out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    /** The document element in S3's namespace. */
    Writer root(String name) {
      return root(name, "");
    }

    /** The document element in S3's namespace, with further raw attributes. */
    Writer root(String name, String attributes) {
      out.append('<').append(name).append(" xmlns=\"").append(NAMESPACE).append('"');
      if (!attributes.isEmpty()) {
        out.append(' ').append(attributes);
      }
      out.append('>');
      open.push(name);
      return this;
    }

    /** An element without namespace (an error document). */
    Writer plainRoot(String name) {
      out.append('<').append(name).append('>');
      open.push(name);
      return this;
    }

    Writer start(String name) {
      out.append('<').append(name).append('>');
      open.push(name);
      return this;
    }

    /** An element with raw attributes ({@code xsi:type} of an ACL grantee). */
    Writer start(String name, String attributes) {
      out.append('<').append(name).append(' ').append(attributes).append('>');
      open.push(name);
      return this;
    }

    Writer end() {
      out.append("</").append(open.pop()).append('>');
      return this;
    }

    Writer field(String name, String text) {
      out.append('<').append(name).append('>');
      escape(text);
      out.append("</").append(name).append('>');
      return this;
    }

    /** Text content of the open element. */
    Writer text(String text) {
      escape(text);
      return this;
    }

    Writer field(String name, long value) {
      return field(name, Long.toString(value));
    }

    Writer field(String name, boolean value) {
      return field(name, value ? "true" : "false");
    }

    Writer field(String name, Instant value) {
      return field(name, timestamp(value));
    }

    byte[] finish() {
      while (!open.isEmpty()) {
        end();
      }
      return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void escape(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        switch (c) {
          case '<' -> out.append("&lt;");
          case '>' -> out.append("&gt;");
          case '&' -> out.append("&amp;");
          case '"' -> out.append("&quot;");
          case '\'' -> out.append("&apos;");
          case '\r' -> out.append("&#13;");
          case '\n' -> out.append("&#10;");
          case '\t' -> out.append("&#9;");
          default -> {
            if (c < 0x20) {
              out.append('\uFFFD'); // XML 1.0 cannot carry it, not even as a reference
            } else {
              out.append(c);
            }
          }
        }
      }
    }
  }

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** S3's timestamps in XML: ISO 8601 with milliseconds, {@code 2009-10-12T17:50:30.000Z}. */
  static String timestamp(Instant value) {
    return MILLIS.format(value);
  }

  /**
   * Parses a request document.
   *
   * @throws S3Refusal MalformedXML when it is not well-formed or its root is not {@code root}
   */
  static Element parse(byte[] body, String root) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      f.setXIncludeAware(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      Document doc = b.parse(new ByteArrayInputStream(body));
      Element e = doc.getDocumentElement();
      if (!root.equals(e.getLocalName())) {
        throw S3Refusal.of(S3Error.MALFORMED_XML);
      }
      return e;
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw S3Refusal.of(S3Error.MALFORMED_XML);
    }
  }

  /** The child elements named {@code name}. */
  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  /** The text of the first child named {@code name}. */
  static Optional<String> text(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).getTextContent());
  }
}
