package dev.gatehouse.api;

import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.ServiceReference;
import dev.gatehouse.core.error.GatehouseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One protocol's side of the {@link Pipeline}: where a request names its API, action and
 * parameters, and how answers and errors look on its wire (the AWS Query protocol, AWS JSON 1.1,
 * and the console's in-process calls).
 *
 * @param <R> what a request is: an HTTP request, or the console's call
 * @param <T> what an answer is: an HTTP reply, or the result shape for the console
 */
public interface Codec<R, T> {
  /**
   * Reads which API and action the request addresses, before authentication. May set the exchange's
   * claimed identity and parameters as soon as it reads them, for the audit record of a request it
   * then refuses.
   *
   * @throws GatehouseException the protocol's error for a request it cannot address
   */
  Call address(R request, Exchange exchange);

  /** The answer to a call that ran. */
  T success(Call call, Bound operation, Operation.Result result, Exchange exchange);

  /**
   * The answer to a refused or failed request.
   *
   * @param call the call, when the request got as far as naming one
   */
  T failure(Optional<Call> call, GatehouseException error, Exchange exchange);

  /** The error a client sees for an unexpected failure, in the service's own words. */
  GatehouseException internalFailure(Optional<Call> call);

  /**
   * CloudTrail's readOnly for the operation: a read's record need not be on disk before its answer.
   * By default, whether the action named like the operation is of the Read or List access level.
   */
  default boolean readOnly(Call call, Bound operation) {
    return ServiceReference.bundled()
        .action(call.signingName() + ":" + operation.name())
        .map(ServiceReference.ActionInfo::readOnly)
        .orElse(false);
  }

  /** The error code the audit record shows for a refusal: the one this protocol's client sees. */
  default String recordedCode(GatehouseException error) {
    return error.code().awsCode();
  }

  /**
   * What a request addresses: the API's names for the record and the authorizer, how the caller is
   * authenticated, and the operation, resolved only once the caller is known (AWS authenticates
   * before it answers InvalidAction). The codec puts the request's parameters in the exchange's
   * record as soon as it has read them.
   *
   * @param signingName the API's action prefix ({@code iam}, {@code sts}, {@code organizations})
   * @param eventSource CloudTrail's eventSource of the API
   * @param servedUnsigned whether the action named is served to unsigned requests too
   */
  record Call(
      String signingName,
      String eventSource,
      String action,
      Authenticator.Attempt authentication,
      Authorizer authorizer,
      Supplier<Bound> operation,
      boolean servedUnsigned) {
    public Call {
      Objects.requireNonNull(signingName);
      Objects.requireNonNull(eventSource);
      Objects.requireNonNull(action);
      Objects.requireNonNull(authentication);
      Objects.requireNonNull(authorizer);
      Objects.requireNonNull(operation);
    }

    /** A call to an action served to signed requests only. */
    public Call(
        String signingName,
        String eventSource,
        String action,
        Authenticator.Attempt authentication,
        Authorizer authorizer,
        Supplier<Bound> operation) {
      this(signingName, eventSource, action, authentication, authorizer, operation, false);
    }

    /**
     * The caller: an anonymous one for an unsigned request to an action AWS serves unsigned (its
     * handler verifies the token it carries), else whom the signature names (an unsigned request to
     * any other action is refused with MissingAuthenticationToken).
     */
    Caller caller() {
      if (servedUnsigned && !authentication.signed()) {
        return Caller.unsigned(signingName);
      }
      return authentication.authenticate();
    }
  }

  /**
   * An operation bound to the request's parameters, ready to decode, authorize and run.
   *
   * @param hasResult whether the answer carries the operation's result element
   */
  record Bound(String name, boolean hasResult, Runner runner) {
    public Bound {
      Objects.requireNonNull(name);
      Objects.requireNonNull(runner);
    }
  }

  /** Decodes the bound parameters, authorizes through the gate and runs. */
  @FunctionalInterface
  interface Runner {
    Operation.Result run(Caller caller, Operation.Gate gate);
  }
}
