package dev.gatehouse.api;

import dev.gatehouse.core.authz.AuthorizationResult;

/**
 * What the {@link Pipeline} tells of each request: the port the server's metrics implement. Every
 * value passed is bounded (an API's signing name and an action of its table, an outcome of a fixed
 * set); never a key, an account, a principal, a bucket or an object name.
 */
public interface PipelineObserver {
  /** A request's outcome: what the answer was, by kind. */
  enum Outcome {
    SUCCESS,
    /** AccessDenied. */
    DENIED,
    /** Any other 4xx: the client's mistake. */
    CLIENT_ERROR,
    /** 5xx: the server's failure (the audit log could not record, the store failed). */
    SERVER_ERROR;

    /** The label value: lower case. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What the service and action are before the request names them. */
  String UNKNOWN = "unknown";

  /**
   * A request was answered.
   *
   * @param service the API's signing name ({@code iam}, {@code sts}, {@code s3}...), or {@value
   *     #UNKNOWN} when the request named none
   * @param action the operation of the API's table, or {@value #UNKNOWN} when it named none
   * @param nanos from the start of the pipeline to the answer (the audit record durable)
   */
  void answered(String service, String action, Outcome outcome, long nanos);

  /** Authorization decided, allowed or denied (explicitly or implicitly). */
  void decided(AuthorizationResult result);

  /**
   * A successful call's audit record is durable (or written, for reads).
   *
   * @param nanos from the answer being decided to the record being durable
   */
  void recorded(long nanos);

  /** Tells no one. */
  PipelineObserver NONE =
      new PipelineObserver() {
        @Override
        public void answered(String service, String action, Outcome outcome, long nanos) {}

        @Override
        public void decided(AuthorizationResult result) {}

        @Override
        public void recorded(long nanos) {}
      };
}
