package dev.gatehouse.api.s3;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.AuditResource;
import dev.gatehouse.api.Authenticator;
import dev.gatehouse.api.Caller;
import dev.gatehouse.api.Codec;
import dev.gatehouse.api.Exchange;
import dev.gatehouse.api.Operation;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.s3.S3Error;
import dev.gatehouse.core.s3.S3Operations;
import dev.gatehouse.core.s3.SignatureFacts;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The S3 REST protocol's side of the one pipeline, for one request: the method, host, path and
 * subresources name the operation ({@link S3Address}); SigV4 for S3 or nobody authenticates ({@link
 * S3Authenticator}); the operation names its checks and runs ({@link S3Actions}); answers are S3's
 * REST-XML, errors S3's {@code <Error>} document (none for HEAD), every answer with {@code
 * x-amz-request-id} and {@code x-amz-id-2}.
 */
final class S3Codec implements Codec<S3HttpRequest, S3Reply> {
  private final S3HttpRequest request;
  private final S3Authenticator authenticator;
  private final S3Gate gate;
  private final S3Actions actions;
  private final Optional<String> domain;
  private final Optional<Caller> console;

  S3Codec(
      S3HttpRequest request,
      S3Authenticator authenticator,
      S3Gate gate,
      S3Actions actions,
      Optional<String> domain) {
    this(request, authenticator, gate, actions, domain, Optional.empty());
  }

  /**
   * @param console the caller of an in-process request of the console, authenticated by the
   *     console's sign-in or its role session (no signature to check); empty over HTTP
   */
  S3Codec(
      S3HttpRequest request,
      S3Authenticator authenticator,
      S3Gate gate,
      S3Actions actions,
      Optional<String> domain,
      Optional<Caller> console) {
    this.console = console;
    this.request = request;
    this.authenticator = authenticator;
    this.gate = gate;
    this.actions = actions;
    this.domain = domain;
  }

  @Override
  public Call address(S3HttpRequest ignored, Exchange exchange) {
    S3Address address =
        S3Address.of(
            request.method(),
            request.host(),
            request.rawPath(),
            request.rawQuery(),
            request::header,
            domain);
    exchange.describe(
        parameters(address), resources(address), S3Actions.dataEvent(address.operation()));
    S3Authenticator.Identity[] identity = new S3Authenticator.Identity[1];
    Authenticator.Attempt attempt;
    if (console.isPresent()) {
      Caller caller = console.get();
      attempt =
          new Authenticator.Attempt(
              caller.accessKeyId(),
              S3Api.SIGNING_NAME,
              () -> {
                // The console signs its own requests in AWS's console too: REST-HEADER, fresh.
                identity[0] =
                    new S3Authenticator.Identity(
                        caller,
                        SignatureFacts.header(
                            0, request.secure() ? Optional.of("1.3") : Optional.empty()),
                        UnaryOperator.identity());
                return caller;
              });
    } else {
      S3Authenticator.Claim claim = authenticator.claim(request);
      attempt =
          new Authenticator.Attempt(
              claim.accessKeyId(),
              S3Api.SIGNING_NAME,
              () -> {
                identity[0] = authenticator.authenticate(request, claim);
                return identity[0].caller();
              });
    }
    String operation = address.operation().isEmpty() ? "Unknown" : address.operation();
    return new Call(
        S3Api.SIGNING_NAME,
        S3Api.EVENT_SOURCE,
        operation,
        attempt,
        gate,
        () -> bound(address, identity[0], exchange));
  }

  private Bound bound(S3Address address, S3Authenticator.Identity identity, Exchange exchange) {
    if (!actions.serves(address.operation())) {
      throw S3Refusal.of(
          S3Error.NOT_IMPLEMENTED,
          (address.operation().isEmpty()
                  ? request.method() + " " + request.rawPath()
                  : address.operation())
              + " is not implemented by this server");
    }
    S3Actions.Context context = new S3Actions.Context(request, address, identity, exchange);
    return new Bound(
        address.operation(),
        true,
        (caller, check) -> {
          try {
            return new S3Result(actions.run(context, caller, check));
          } catch (GatehouseException e) {
            throw e;
          } catch (RuntimeException e) {
            Optional<S3Refusal> refusal = S3Refusal.from(e);
            if (refusal.isPresent()) {
              throw refusal.get();
            }
            throw e;
          }
        });
  }

  @Override
  public S3Reply success(Call call, Bound operation, Operation.Result result, Exchange exchange) {
    S3Reply reply = ((S3Result) result).reply();
    List<Map.Entry<String, String>> headers = new ArrayList<>(common(exchange));
    headers.addAll(reply.headers());
    S3Reply.Body body = reply.body();
    if (request.method().equals("HEAD") && !(body instanceof S3Reply.Empty)) {
      closeQuietly(body);
      body = new S3Reply.Empty(body.length());
    }
    return new S3Reply(reply.status(), headers, body);
  }

  @Override
  public S3Reply failure(Optional<Call> call, GatehouseException error, Exchange exchange) {
    S3Refusal refusal = refusal(error);
    List<Map.Entry<String, String>> headers = new ArrayList<>(common(exchange));
    if (request.method().equals("HEAD") || refusal.status() == 304) {
      // HEAD answers carry no body, errors included; a 304 never has one.
      return new S3Reply(refusal.status(), headers, new S3Reply.Empty(0));
    }
    S3Xml.Writer xml = new S3Xml.Writer().plainRoot("Error");
    xml.field("Code", refusal.s3Code()).field("Message", refusal.getMessage());
    refusal.details().forEach(xml::field);
    xml.field("Resource", S3Address.decode(request.rawPath(), false))
        .field("RequestId", exchange.requestId());
    headers.add(header("Content-Type", S3Xml.CONTENT_TYPE));
    return new S3Reply(refusal.status(), headers, new S3Reply.Bytes(xml.finish()));
  }

  @Override
  public GatehouseException internalFailure(Optional<Call> call) {
    return S3Refusal.of(S3Error.INTERNAL_ERROR);
  }

  @Override
  public boolean readOnly(Call call, Bound operation) {
    return S3Operations.standard().readOnly(operation.name()); // the S3 operation: GetObject, ...
  }

  @Override
  public String recordedCode(GatehouseException error) {
    return refusal(error).s3Code();
  }

  /** Gatehouse's own refusals (the pipeline's AccessDenied) in S3's words. */
  static S3Refusal refusal(GatehouseException error) {
    if (error instanceof S3Refusal r) {
      return r;
    }
    if (error.code().httpStatus() >= 500) {
      return S3Refusal.of(S3Error.INTERNAL_ERROR);
    }
    return S3Refusal.from(error).orElseGet(() -> S3Refusal.of(S3Error.INTERNAL_ERROR));
  }

  private static List<Map.Entry<String, String>> common(Exchange exchange) {
    String id = exchange.requestId();
    return List.of(
        header("x-amz-request-id", id),
        header(
            "x-amz-id-2",
            Base64.getEncoder()
                .encodeToString(("gatehouse/" + id).getBytes(StandardCharsets.UTF_8))));
  }

  static Map.Entry<String, String> header(String name, String value) {
    return new AbstractMap.SimpleImmutableEntry<>(name, value);
  }

  private static void closeQuietly(S3Reply.Body body) {
    if (body instanceof S3Reply.Stream s) {
      try {
        s.in().close();
      } catch (java.io.IOException e) {
        // nothing was sent from it
      }
    }
  }

  /** CloudTrail's requestParameters of an S3 data or management event. */
  private ObjectNode parameters(S3Address address) {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    if (!address.bucket().isEmpty()) {
      p.put("bucketName", address.bucket());
    }
    p.put("Host", request.header("Host"));
    if (!address.key().isEmpty()) {
      p.put("key", address.key());
    }
    address
        .query()
        .forEach(
            (k, v) -> {
              if (!k.startsWith("X-Amz-")) { // a presigned URL's signature is not a parameter
                p.put(k, v);
              }
            });
    return p;
  }

  /** CloudTrail's resources: the object (with the bucket) or the bucket the request names. */
  private static List<AuditResource> resources(S3Address address) {
    List<AuditResource> out = new ArrayList<>();
    if (!address.key().isEmpty()) {
      out.add(
          new AuditResource(
              "AWS::S3::Object", S3Operations.objectArn(address.bucket(), address.key()), ""));
    }
    if (!address.bucket().isEmpty()) {
      out.add(new AuditResource("AWS::S3::Bucket", S3Operations.bucketArn(address.bucket()), ""));
    }
    return out;
  }
}
