package dev.gatehouse.core.iam;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each statement of a policy document is in its text, for the simulator's MatchedStatements
 * (spec: IAM API reference, Statement: "StartPosition / EndPosition: The row and column of the
 * beginning/end of the Statement in an IAM policy"). Lines count from 1; both columns are those
 * just after the statement's braces, counting from 1, as AWS's own example shows (AWS CLI examples,
 * simulate-custom-policy: a one-line policy whose statement braces are at columns 37 and 166 is
 * reported as Column 38 and Column 167).
 */
public final class StatementPositions {
  private StatementPositions() {}

  private static final JsonFactory JSON = new JsonFactory();

  /** A line and column in the document text. */
  public record Position(int line, int column) {}

  /** Where one statement starts and ends. */
  public record Span(Position start, Position end) {}

  /**
   * The spans of the statements in document order; empty when the text cannot be read (the document
   * was validated when stored, so this only happens for texts the engine accepted but this reader
   * does not, and the simulator then leaves the positions out).
   */
  public static List<Span> of(String document) {
    List<Span> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(document)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return List.of();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (!"Statement".equals(name)) {
          p.skipChildren();
          continue;
        }
        if (value == JsonToken.START_OBJECT) {
          out.add(span(p));
        } else if (value == JsonToken.START_ARRAY) {
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.START_OBJECT) {
              out.add(span(p));
            } else {
              p.skipChildren();
            }
          }
        }
        return out;
      }
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }

  /** The span of the object whose START_OBJECT is the current token; leaves it consumed. */
  private static Span span(JsonParser p) throws IOException {
    JsonLocation start = p.currentTokenLocation();
    p.skipChildren();
    JsonLocation end = p.currentLocation();
    return new Span(
        new Position(start.getLineNr(), start.getColumnNr() + 1),
        new Position(end.getLineNr(), end.getColumnNr()));
  }
}
