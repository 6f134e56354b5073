package dev.gatehouse.core.iam;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The AWS principals of a policy document's text ({@code Statement[*].Principal.AWS} and {@code
 * NotPrincipal.AWS}, a string or each string of an array), rewritten one by one. Everything else
 * keeps its exact text (spacing, order, escapes), so a rewritten document differs from the written
 * one only in the principals rewritten.
 */
final class PrincipalValues {
  private static final JsonFactory JSON = new JsonFactory();
  private static final Set<String> PRINCIPAL_KEYS = Set.of("Principal", "NotPrincipal");

  private PrincipalValues() {}

  /**
   * The document with each AWS principal {@code v} replaced by {@code rewrite.apply(v)}, in
   * document order. The document must be well-formed JSON (validated before it was stored).
   */
  static String rewrite(String document, UnaryOperator<String> rewrite) {
    StringBuilder out = new StringBuilder(document.length());
    int copied = 0;
    try (JsonParser parser = JSON.createParser(document)) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t != JsonToken.VALUE_STRING || !isAwsPrincipal(parser.getParsingContext())) {
          continue;
        }
        String value = parser.getText();
        String replaced = rewrite.apply(value);
        if (replaced.equals(value)) {
          continue;
        }
        // The string token runs from its opening quote to just after its closing quote.
        int start = (int) parser.currentTokenLocation().getCharOffset();
        int end = (int) parser.currentLocation().getCharOffset();
        out.append(document, copied, start).append('"');
        JsonStringEncoder.getInstance().quoteAsString(replaced, out);
        out.append('"');
        copied = end;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("policy document is not JSON", e);
    }
    return copied == 0 ? document : out.append(document, copied, document.length()).toString();
  }

  /**
   * Whether the current string sits at {@code Statement[i].Principal.AWS}, {@code
   * Statement.Principal.AWS} or one element deeper (an array of principals); likewise for {@code
   * NotPrincipal}.
   */
  private static boolean isAwsPrincipal(JsonStreamContext here) {
    JsonStreamContext principal = here.inArray() ? here.getParent() : here;
    if (principal == null || !principal.inObject() || !"AWS".equals(principal.getCurrentName())) {
      return false;
    }
    JsonStreamContext statement = principal.getParent();
    if (statement == null
        || !statement.inObject()
        || !PRINCIPAL_KEYS.contains(statement.getCurrentName())) {
      return false;
    }
    JsonStreamContext list = statement.getParent();
    JsonStreamContext root = list != null && list.inArray() ? list.getParent() : list;
    return root != null
        && root.inObject()
        && "Statement".equals(root.getCurrentName())
        && root.getParent() != null
        && root.getParent().inRoot();
  }
}
