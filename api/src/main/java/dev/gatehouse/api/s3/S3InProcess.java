package dev.gatehouse.api.s3;

import dev.gatehouse.api.Caller;
import dev.gatehouse.api.Codec;
import dev.gatehouse.api.Exchange;
import dev.gatehouse.api.InProcessCalls;
import dev.gatehouse.api.Operation;
import dev.gatehouse.core.error.GatehouseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * S3 for the console's in-process calls: each call is the S3 request it stands for (method, path,
 * query, headers, a streamed body), addressed, authorized, run and recorded by {@link S3Api}'s own
 * codec exactly as over HTTP; only SigV4 is left out, the console having authenticated the caller.
 * Answers keep their streamed bodies; refusals carry S3's code, status and message.
 */
public final class S3InProcess implements InProcessCalls.RestApi {
  private final S3Api s3;

  public S3InProcess(S3Api s3) {
    this.s3 = Objects.requireNonNull(s3);
  }

  @Override
  public String signingName() {
    return S3Api.SIGNING_NAME;
  }

  @Override
  public String eventSource() {
    return S3Api.EVENT_SOURCE;
  }

  @Override
  public Codec<InProcessCalls.RestCall, InProcessCalls.RestAnswer> codec(
      InProcessCalls.RestCall call, Caller caller) {
    S3HttpRequest request =
        new S3HttpRequest(
            call.method(),
            call.rawPath(),
            call.rawQuery(),
            call.headers(),
            call.body(),
            "",
            false,
            "");
    return new Adapter(s3.consoleCodec(request, caller), request);
  }

  /** S3's codec with the console's answers: the reply as it is, a refusal as a value. */
  private static final class Adapter
      implements Codec<InProcessCalls.RestCall, InProcessCalls.RestAnswer> {
    private final Codec<S3HttpRequest, S3Reply> s3;
    private final S3HttpRequest request;

    Adapter(Codec<S3HttpRequest, S3Reply> s3, S3HttpRequest request) {
      this.s3 = s3;
      this.request = request;
    }

    @Override
    public Call address(InProcessCalls.RestCall call, Exchange exchange) {
      return s3.address(request, exchange);
    }

    @Override
    public InProcessCalls.RestAnswer success(
        Call call, Bound operation, Operation.Result result, Exchange exchange) {
      S3Reply reply = s3.success(call, operation, result, exchange);
      S3Reply.Body body = reply.body();
      InputStream in;
      if (body instanceof S3Reply.Stream s) {
        in = s.in();
      } else if (body instanceof S3Reply.Bytes b) {
        in = new ByteArrayInputStream(b.bytes());
      } else {
        in = InputStream.nullInputStream();
      }
      long length = body instanceof S3Reply.Empty ? 0 : body.length();
      return new InProcessCalls.RestAnswer(
          reply.status(), reply.headers(), in, length, Optional.empty());
    }

    @Override
    public InProcessCalls.RestAnswer failure(
        Optional<Call> call, GatehouseException error, Exchange exchange) {
      S3Refusal refusal = S3Codec.refusal(error);
      return new InProcessCalls.RestAnswer(
          refusal.status(),
          java.util.List.of(),
          InputStream.nullInputStream(),
          0,
          Optional.of(
              new InProcessCalls.Refused(
                  refusal.s3Code(), refusal.status(), refusal.getMessage())));
    }

    @Override
    public GatehouseException internalFailure(Optional<Call> call) {
      return s3.internalFailure(call);
    }

    @Override
    public String recordedCode(GatehouseException error) {
      return s3.recordedCode(error);
    }

    @Override
    public boolean readOnly(Call call, Bound operation) {
      return s3.readOnly(call, operation);
    }
  }
}
