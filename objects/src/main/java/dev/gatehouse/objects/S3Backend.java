package dev.gatehouse.objects;

import dev.gatehouse.sigv4.SigningCredentials;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where an S3-compatible backend is and how Gatehouse signs for it.
 *
 * @param endpoint the backend's base URL, for example {@code https://rgw.internal:7480}; requests
 *     use path-style addressing ({@code endpoint/bucket/key})
 * @param region the region signed into the credential scope
 * @param credentials the backend's own access key (never Gatehouse's callers')
 * @param bucketPrefix prepended to a Gatehouse bucket's name to name its backend bucket ({@code
 *     ""}: the same name)
 */
public record S3Backend(
    URI endpoint, String region, SigningCredentials credentials, String bucketPrefix) {
  /** Environment variable names read by {@link #fromEnvironment}. */
  public static final String ENV_ENDPOINT = "GATEHOUSE_S3_BACKEND_ENDPOINT";

  public static final String ENV_REGION = "GATEHOUSE_S3_BACKEND_REGION";
  public static final String ENV_ACCESS_KEY_ID = "GATEHOUSE_S3_BACKEND_ACCESS_KEY_ID";
  public static final String ENV_SECRET_ACCESS_KEY = "GATEHOUSE_S3_BACKEND_SECRET_ACCESS_KEY";
  public static final String ENV_SESSION_TOKEN = "GATEHOUSE_S3_BACKEND_SESSION_TOKEN";
  public static final String ENV_BUCKET_PREFIX = "GATEHOUSE_S3_BACKEND_BUCKET_PREFIX";

  public S3Backend {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(bucketPrefix, "bucketPrefix");
    String scheme = endpoint.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "the S3 backend endpoint must be http or https: " + endpoint);
    }
  }

  /**
   * The backend named by the environment (credentials come from the environment only, never from a
   * command line or a file that a log could show); {@code IllegalArgumentException} naming the
   * missing variable otherwise. Region defaults to {@code us-east-1}, prefix to none.
   */
  public static S3Backend fromEnvironment(Map<String, String> env) {
    String endpoint = required(env, ENV_ENDPOINT);
    String key = required(env, ENV_ACCESS_KEY_ID);
    String secret = required(env, ENV_SECRET_ACCESS_KEY);
    String token = env.getOrDefault(ENV_SESSION_TOKEN, "");
    SigningCredentials credentials =
        token.isEmpty()
            ? SigningCredentials.of(key, secret)
            : SigningCredentials.temporary(key, secret, token);
    return new S3Backend(
        URI.create(endpoint),
        env.getOrDefault(ENV_REGION, "us-east-1"),
        credentials,
        env.getOrDefault(ENV_BUCKET_PREFIX, ""));
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the S3 backend needs " + name + " in the environment");
    }
    return value.trim();
  }

  /** The backend bucket for Gatehouse bucket {@code bucket}. */
  public String backendBucket(String bucket) {
    return bucketPrefix + bucket;
  }
}
