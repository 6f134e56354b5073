package dev.gatehouse.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.core.advisor.AccessAttempts;
import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.AuthorizationResult;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one request pipeline of every API and protocol, readable in {@link #process}: the protocol
 * names the API and action, SigV4 (or the console's sign-in) authenticates, the operation decodes
 * its input, authorization decides, the handler runs, the audit record is written, then the
 * protocol encodes the answer or AWS's error. A successful call is answered once its record is
 * durable, without a thread waiting for the disk; failures and reads are answered at once.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final AuditLog audit;
  private final PipelineObserver observer;
  private final AccessAttempts attempts;

  public Pipeline(AuditLog audit) {
    this(audit, PipelineObserver.NONE);
  }

  /**
   * @param observer told of every answer, decision and audit commit (the server's metrics)
   */
  public Pipeline(AuditLog audit, PipelineObserver observer) {
    this(audit, observer, AccessAttempts.NONE);
  }

  /**
   * @param attempts told of every authorization decision, allowed or not (access advisor's record)
   */
  public Pipeline(AuditLog audit, PipelineObserver observer, AccessAttempts attempts) {
    this.audit = audit;
    this.observer = observer;
    this.attempts = attempts;
  }

  /** What the observer is told of one request: when it started and what it named. */
  private static final class Named {
    final long started = System.nanoTime();
    String service = PipelineObserver.UNKNOWN;
    String action = PipelineObserver.UNKNOWN;
  }

  /**
   * The whole request path.
   *
   * @return the answer, complete once the success record is durable (at once for failures)
   */
  public <R, T> CompletableFuture<T> process(R request, Exchange exchange, Codec<R, T> codec) {
    Optional<Codec.Call> addressed = Optional.empty();
    Named named = new Named();
    try {
      Codec.Call call = codec.address(request, exchange);
      addressed = Optional.of(call);
      named.service = call.signingName();
      exchange.eventSource = call.eventSource();
      exchange.action = call.action();
      exchange.identity =
          new AuditEvent.Identity.Unknown(call.authentication().claimedAccessKeyId());
      Caller caller = call.caller();
      if (!caller.isUnsigned()) {
        exchange.identity = new AuditEvent.Identity.Known(caller.principal(), caller.accessKeyId());
        exchange.recipientAccountId = caller.principal().accountId();
      }
      exchange.region = caller.region();
      Codec.Bound operation = call.operation().get();
      named.action = operation.name();
      exchange.readOnly = codec.readOnly(call, operation);
      Operation.Result result =
          operation
              .runner()
              .run(
                  caller,
                  (action, target, keys) -> {
                    String qualified = call.signingName() + ":" + action;
                    AuthorizationResult decision =
                        call.authorizer()
                            .decide(
                                new AuthorizationRequest(
                                    caller.principal(),
                                    qualified,
                                    target,
                                    merged(exchange.contextKeys, keys),
                                    exchange.sourceIp,
                                    exchange.secure,
                                    exchange.time));
                    observer.decided(decision);
                    attempts.attempted(
                        caller.principal(), qualified, exchange.region, exchange.time);
                    decision.orThrow();
                  });
      // A federated caller is who the identity provider said, whoever signed (AWS's record).
      result
          .federated()
          .ifPresent(
              session -> {
                exchange.identity = new AuditEvent.Identity.Federated(session.caller());
                exchange.recipientAccountId = session.issued().claims().accountId();
              });
      AuditShape elements = new AuditShape();
      if (!exchange.readOnly) {
        result.writeTo(elements);
      }
      T answer = codec.success(call, operation, result, exchange);
      long decided = System.nanoTime();
      CompletableFuture<Void> recorded =
          audit.recordLater(exchange.event(elements.result(), new AuditEvent.Failure.None()));
      if (recorded.isDone() && !recorded.isCompletedExceptionally()) {
        succeeded(named, decided);
        return CompletableFuture.completedFuture(answer); // reads: no fsync to wait for
      }
      Optional<Codec.Call> known = addressed;
      // The completion may run on the audit committer's thread; encoding an error does not block.
      return recorded.handle(
          (ok, error) -> {
            if (error != null) {
              return failed(exchange, codec, known, error, named);
            }
            succeeded(named, decided);
            return answer;
          });
    } catch (GatehouseException e) {
      return CompletableFuture.completedFuture(refused(exchange, codec, addressed, e, named));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(failed(exchange, codec, addressed, e, named));
    }
  }

  private void succeeded(Named named, long decided) {
    long now = System.nanoTime();
    observer.recorded(now - decided);
    observer.answered(
        named.service, named.action, PipelineObserver.Outcome.SUCCESS, now - named.started);
  }

  private static PipelineObserver.Outcome outcome(GatehouseException error) {
    if (error.code() == ErrorCode.ACCESS_DENIED) {
      return PipelineObserver.Outcome.DENIED;
    }
    return error.code().httpStatus() >= 500
        ? PipelineObserver.Outcome.SERVER_ERROR
        : PipelineObserver.Outcome.CLIENT_ERROR;
  }

  /**
   * Refuses a request that failed before the pipeline could address it (the body over its size
   * limit), with the same record and envelope.
   */
  public <T> T refuse(Exchange exchange, Codec<?, T> codec, GatehouseException error) {
    return refused(exchange, codec, Optional.empty(), error, new Named());
  }

  /** An unexpected failure: internal text never reaches the client; the log has the request id. */
  private <T> T failed(
      Exchange exchange,
      Codec<?, T> codec,
      Optional<Codec.Call> call,
      Throwable error,
      Named named) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof GatehouseException known) {
      return refused(exchange, codec, call, known, named); // the audit log's own ServiceFailure
    }
    LOG.error("request {} failed", exchange.requestId, cause);
    return refused(exchange, codec, call, codec.internalFailure(call), named);
  }

  /** Records the refusal (fail closed: if even that fails, the client gets that failure). */
  private <T> T refused(
      Exchange exchange,
      Codec<?, T> codec,
      Optional<Codec.Call> call,
      GatehouseException error,
      Named named) {
    GatehouseException sent = error;
    try {
      audit.record(
          exchange.event(
              JsonNodeFactory.instance.objectNode(),
              new AuditEvent.Failure.Failed(codec.recordedCode(error), error.getMessage())));
    } catch (GatehouseException e) {
      sent = e;
    }
    observer.answered(
        named.service, named.action, outcome(sent), System.nanoTime() - named.started);
    return codec.failure(call, sent, exchange);
  }

  private static Map<String, List<String>> merged(
      Map<String, List<String>> context, Map<String, List<String>> request) {
    if (context.isEmpty()) {
      return request;
    }
    Map<String, List<String>> out = new LinkedHashMap<>(context);
    out.putAll(request);
    return out;
  }
}
