package dev.gatehouse.api;

import java.util.Objects;

/**
 * One action of a JSON API: how to decode its request document, what it acts on, how to run it and
 * how to encode its result (the same targeting, handler and encoder shapes as a Query {@link
 * Operation}).
 *
 * @param <I> the decoded input
 * @param <O> the result
 */
public record JsonOperation<I, O>(
    String name,
    Decoder<I> decoder,
    Operation.Targeting<I> targeting,
    Operation.Handler<I, O> handler,
    Operation.Encoder<O> encoder) {

  public JsonOperation {
    Objects.requireNonNull(name);
    Objects.requireNonNull(decoder);
    Objects.requireNonNull(targeting);
    Objects.requireNonNull(handler);
    Objects.requireNonNull(encoder);
  }

  /** The request document to the input (SerializationException, the service's input errors). */
  @FunctionalInterface
  public interface Decoder<I> {
    I decode(JsonRequest request);
  }

  /** Decodes, aims, runs and encodes in one go, keeping the input's type. */
  Operation.Result run(JsonRequest request, Caller caller, Operation.Gate gate) {
    I input = decoder.decode(request);
    Operation.authorize(gate, name, targeting.aim(caller, input));
    O output = handler.handle(caller, input);
    return out -> encoder.encode(output, out);
  }
}
