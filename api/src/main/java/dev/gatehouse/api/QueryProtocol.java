package dev.gatehouse.api;

import dev.gatehouse.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The AWS Query protocol's wire rules: where parameters are, and the error envelope. */
public final class QueryProtocol {
  private QueryProtocol() {}

  /**
   * The request's parameters: the form body of a POST (what SDKs and the CLI send), else the query
   * string (GET, presigned URLs).
   *
   * <p>spec: AWS Query protocol: "requests are sent as HTTP POST with
   * application/x-www-form-urlencoded bodies"; GET with the same parameters in the query string is
   * also accepted by the query services.
   */
  static QueryParameters parameters(HttpRequestView request) {
    String contentType = request.header("Content-Type").toLowerCase(Locale.ROOT);
    if (request.method().equals("POST")
        && contentType.startsWith("application/x-www-form-urlencoded")) {
      QueryParameters form =
          QueryParameters.parse(new String(request.body(), StandardCharsets.UTF_8));
      return form;
    }
    return QueryParameters.parse(request.rawQuery());
  }

  /**
   * AWS's Query error envelope.
   *
   * <p>spec: AWS-FACTS 1.4 (envelopes seen from IAM and STS): ErrorResponse/Error/Type, Code,
   * Message, then RequestId.
   */
  public static byte[] errorEnvelope(
      String namespace, ErrorCode code, String message, String requestId) {
    XmlWriter xml = new XmlWriter();
    xml.root("ErrorResponse", namespace);
    xml.start("Error")
        .field("Type", code.fault().wireName())
        .field("Code", code.awsCode())
        .field("Message", message)
        .end();
    xml.field("RequestId", requestId);
    return xml.finish();
  }
}
