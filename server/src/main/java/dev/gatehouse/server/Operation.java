package dev.gatehouse.server;

import dev.gatehouse.core.authz.Target;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One action of a Query API: how to decode its parameters, what it acts on, how to run it and how
 * to encode its result. The action tables are lists of these.
 *
 * @param <I> the decoded input
 * @param <O> the result
 */
public record Operation<I, O>(
    String name,
    Decoder<I> decoder,
    Targeting<I> targeting,
    Handler<I, O> handler,
    Encoder<O> encoder) {

  public Operation {
    Objects.requireNonNull(name);
    Objects.requireNonNull(decoder);
    Objects.requireNonNull(targeting);
    Objects.requireNonNull(handler);
    Objects.requireNonNull(encoder);
  }

  /** Query parameters to the input (MissingParameter, InvalidParameterValue...). */
  @FunctionalInterface
  public interface Decoder<I> {
    I decode(QueryParameters params);
  }

  /** What the call acts on and the condition keys the request carries. */
  @FunctionalInterface
  public interface Targeting<I> {
    Aim aim(Caller caller, I input);
  }

  /** Runs the call. */
  @FunctionalInterface
  public interface Handler<I, O> {
    O handle(Caller caller, I input);
  }

  /** Writes the result's members (inside {@code <ActionResult>}). */
  @FunctionalInterface
  public interface Encoder<O> {
    void encode(O output, Shape out);
  }

  /** The target and the request's own condition keys. */
  public record Aim(Target target, Map<String, List<String>> requestKeys) {
    public Aim {
      Objects.requireNonNull(target);
      requestKeys = Map.copyOf(requestKeys);
    }

    public static Aim of(Target target) {
      return new Aim(target, Map.of());
    }
  }

  private static final Encoder<Object> NO_RESULT = (output, out) -> {};

  /**
   * The encoder of actions without output (DeleteUser...): AWS sends no {@code <ActionResult>}
   * element for them, only the response metadata.
   */
  @SuppressWarnings("unchecked") // the encoder ignores its input, so any type is safe
  public static <O> Encoder<O> noResult() {
    return (Encoder<O>) NO_RESULT;
  }

  /** Whether the response carries an {@code <ActionResult>} element. */
  public boolean hasResult() {
    return encoder != NO_RESULT;
  }

  /** Decodes, aims, runs and encodes in one go, keeping the input's type. */
  Result run(QueryParameters params, Caller caller, Gate gate) {
    I input = decoder.decode(params);
    gate.check(targeting.aim(caller, input));
    O output = handler.handle(caller, input);
    return out -> encoder.encode(output, out);
  }

  /** Authorization, between decoding and running. */
  @FunctionalInterface
  interface Gate {
    void check(Aim aim);
  }

  /** A result ready to be written. */
  @FunctionalInterface
  interface Result {
    void writeTo(Shape out);
  }
}
