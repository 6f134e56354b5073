package dev.gatehouse.api;

import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.sts.FederatedResult;
import dev.gatehouse.core.sts.FederatedSession;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One action of a Query API: how to decode its parameters, what it acts on, how to run it and how
 * to encode its result. The action tables are lists of these.
 *
 * @param <I> the decoded input
 * @param <O> the result
 * @param servedUnsigned whether AWS serves the action to an unsigned request as well as a signed
 *     one (AssumeRoleWithWebIdentity, AssumeRoleWithSAML: the token is the authentication); every
 *     other action refuses an unsigned request with MissingAuthenticationToken
 */
public record Operation<I, O>(
    String name,
    Decoder<I> decoder,
    Targeting<I> targeting,
    Handler<I, O> handler,
    Encoder<O> encoder,
    boolean servedUnsigned) {

  public Operation {
    Objects.requireNonNull(name);
    Objects.requireNonNull(decoder);
    Objects.requireNonNull(targeting);
    Objects.requireNonNull(handler);
    Objects.requireNonNull(encoder);
  }

  /** An action served to signed requests only. */
  public Operation(
      String name,
      Decoder<I> decoder,
      Targeting<I> targeting,
      Handler<I, O> handler,
      Encoder<O> encoder) {
    this(name, decoder, targeting, handler, encoder, false);
  }

  /** This action, served to unsigned requests too (the call carries its own proof of identity). */
  public Operation<I, O> unsignedToo() {
    return new Operation<>(name, decoder, targeting, handler, encoder, true);
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

  /**
   * The target and the request's own condition keys, and any further permission the call needs.
   *
   * @param also other actions of the same API the caller must be allowed, each on its own target
   *     (AddRoleToInstanceProfile also needs iam:PassRole on the role)
   */
  public record Aim(Target target, Map<String, List<String>> requestKeys, List<Also> also) {
    public Aim {
      Objects.requireNonNull(target);
      requestKeys = Map.copyOf(requestKeys);
      also = List.copyOf(also);
    }

    public Aim(Target target, Map<String, List<String>> requestKeys) {
      this(target, requestKeys, List.of());
    }

    public static Aim of(Target target) {
      return new Aim(target, Map.of());
    }

    /** This aim, needing also {@code action} (of the same API) on {@code target}. */
    public Aim and(String action, Target target) {
      List<Also> more = new java.util.ArrayList<>(also);
      more.add(new Also(action, target));
      return new Aim(this.target, requestKeys, more);
    }

    /** A further action the call needs, without condition keys of its own. */
    public record Also(String action, Target target) {
      public Also {
        Objects.requireNonNull(action);
        Objects.requireNonNull(target);
      }
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

  private static final Encoder<Object> EMPTY_RESULT = (output, out) -> {};

  /**
   * The encoder of actions whose output shape has no members (UpdateRole): AWS sends an empty
   * {@code <ActionResult/>}, and clients that parse by the model (botocore) fail without it.
   */
  @SuppressWarnings("unchecked") // the encoder ignores its input, so any type is safe
  public static <O> Encoder<O> emptyResult() {
    return (Encoder<O>) EMPTY_RESULT;
  }

  /** Whether the response carries an {@code <ActionResult>} element. */
  public boolean hasResult() {
    return encoder != NO_RESULT;
  }

  /** Decodes, aims, runs and encodes in one go, keeping the input's type. */
  Result run(QueryParameters params, Caller caller, Gate gate) {
    I input = decoder.decode(params);
    authorize(gate, name, targeting.aim(caller, input));
    O output = handler.handle(caller, input);
    if (output instanceof FederatedResult federated) {
      FederatedSession session = federated.session();
      return new Result() {
        @Override
        public void writeTo(Shape out) {
          encoder.encode(output, out);
        }

        @Override
        public Optional<FederatedSession> federated() {
          return Optional.of(session);
        }
      };
    }
    return out -> encoder.encode(output, out);
  }

  /** The call's own action, then each further one it needs; the first denial stops it. */
  static void authorize(Gate gate, String action, Aim aim) {
    gate.check(action, aim.target(), aim.requestKeys());
    for (Aim.Also also : aim.also()) {
      gate.check(also.action(), also.target(), Map.of());
    }
  }

  /** Authorization, between decoding and running. */
  @FunctionalInterface
  public interface Gate {
    /**
     * @param action the action's name within the API (without the service prefix)
     */
    void check(String action, Target target, Map<String, List<String>> requestKeys);
  }

  /** A result ready to be written. */
  @FunctionalInterface
  public interface Result {
    void writeTo(Shape out);

    /**
     * The session issued to a federated caller, whom the audit record then names (the call was not
     * signed by an IAM principal).
     */
    default Optional<FederatedSession> federated() {
      return Optional.empty();
    }
  }
}
