package dev.gatehouse.core.s3;

import dev.gatehouse.policy.ServiceReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The S3 operations Gatehouse serves and the authorization checks each needs, read from {@code
 * operations.tsv} (one row per check: operation, action, resource kind, request condition keys).
 *
 * <p>spec: Service Authorization Reference for Amazon S3 (actions, resource types, condition keys)
 * and the S3 User Guide, "Required permissions for Amazon S3 API operations" (CopyObject and
 * UploadPartCopy need s3:GetObject on the source and s3:PutObject on the target; DeleteObjects
 * needs s3:DeleteObject on each key; HeadBucket needs s3:ListBucket; HeadObject s3:GetObject).
 *
 * <p>INVARIANT: an operation without a row has no checks and is refused ({@link #checks} throws);
 * nothing is allowed by default.
 */
public final class S3Operations {
  private static final String RESOURCE = "operations.tsv";
  private static final String ARN_PREFIX = "arn:aws:s3:::";
  private static final String EXISTING_TAGS = "s3:ExistingObjectTag/*";

  /** Request keys other than {@code s3:x-amz-*} headers that a row may name. */
  private static final Set<String> KNOWN_KEYS =
      Set.of(
          "s3:prefix",
          "s3:delimiter",
          "s3:max-keys",
          "s3:locationconstraint",
          "s3:RequestObjectTag/*",
          "aws:RequestTag/*",
          "s3:RequestObjectTagKeys",
          "aws:TagKeys",
          EXISTING_TAGS,
          "s3:authType",
          "s3:signatureversion",
          "s3:signatureAge",
          "s3:TlsVersion");

  /** Where a check's resource comes from. */
  public enum ResourceKind {
    /** No resource: {@code *}. */
    ANY("*"),
    /** The bucket the request names. */
    BUCKET("bucket"),
    /** The object the request names. */
    OBJECT("object"),
    /** The copy source ({@code x-amz-copy-source}). */
    SOURCE("source"),
    /** One check per key a DeleteObjects request names. */
    OBJECTS("objects");

    private final String text;

    ResourceKind(String text) {
      this.text = text;
    }

    /** The kind as the mapping file spells it. */
    public String text() {
      return text;
    }

    static ResourceKind parse(String text) {
      for (ResourceKind k : values()) {
        if (k.text.equals(text)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown resource kind " + text);
    }
  }

  /**
   * One row of the mapping.
   *
   * @param keys condition keys the request carries for this check; {@code /*} ends a per-tag key
   *     ({@code s3:RequestObjectTag/*})
   */
  public record Rule(String operation, String action, ResourceKind resource, List<String> keys) {
    public Rule {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(resource, "resource");
      keys = List.copyOf(keys);
    }
  }

  private static volatile S3Operations standard;

  private final Map<String, List<Rule>> rules;
  private final Map<String, Boolean> readOnly = new ConcurrentHashMap<>();

  private S3Operations(Map<String, List<Rule>> rules) {
    this.rules = rules;
  }

  /** The mapping Gatehouse ships. */
  public static S3Operations standard() {
    S3Operations s = standard;
    if (s == null) {
      try (InputStream in = S3Operations.class.getResourceAsStream(RESOURCE)) {
        s = parse(read(Objects.requireNonNull(in, RESOURCE)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      standard = s;
    }
    return s;
  }

  private static List<String> read(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      lines.add(line);
    }
    return lines;
  }

  /**
   * Parses mapping lines ({@code #} starts a comment).
   *
   * @throws IllegalArgumentException for a malformed row
   */
  public static S3Operations parse(List<String> lines) {
    Map<String, List<Rule>> rules = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 4 || !f[1].startsWith("s3:")) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + line);
      }
      List<String> keys = f[3].equals("-") ? List.of() : List.of(f[3].split(","));
      for (String key : keys) {
        if (!KNOWN_KEYS.contains(key) && !key.startsWith("s3:x-amz-")) {
          throw new IllegalArgumentException("line " + (i + 1) + ": no source for " + key);
        }
      }
      rules
          .computeIfAbsent(f[0], k -> new ArrayList<>())
          .add(new Rule(f[0], f[1], ResourceKind.parse(f[2]), keys));
    }
    rules.replaceAll((k, v) -> List.copyOf(v));
    return new S3Operations(Collections.unmodifiableMap(rules));
  }

  /** The operations served, in file order. */
  public Set<String> operations() {
    return rules.keySet();
  }

  /** The rows of {@code operation}; empty when it is not served. */
  public List<Rule> rules(String operation) {
    return rules.getOrDefault(operation, List.of());
  }

  /**
   * CloudTrail's readOnly for {@code operation}: every action it is authorized for is of the Read
   * or List access level (GetObject, HeadObject, HeadBucket, ListObjectsV2), so its record need not
   * be on disk before the answer; false for an operation not served.
   *
   * <p>spec: Service Authorization Reference for Amazon S3, "Access level" column.
   */
  public boolean readOnly(String operation) {
    return readOnly.computeIfAbsent(operation, this::allReadOrList);
  }

  /**
   * Whether a check of {@code operation} on the bucket or object it names carries {@code
   * s3:ExistingObjectTag/...}: only then must the object's tags be read before it is authorized (a
   * PutObject or DeleteObject never needs the record it replaces).
   */
  public boolean namesExistingObjectTags(String operation) {
    for (Rule row : rules(operation)) {
      if (row.resource() != ResourceKind.SOURCE && row.keys().contains(EXISTING_TAGS)) {
        return true;
      }
    }
    return false;
  }

  private boolean allReadOrList(String operation) {
    List<Rule> rows = rules(operation);
    if (rows.isEmpty()) {
      return false;
    }
    for (Rule row : rows) {
      String level =
          ServiceReference.get()
              .action(row.action())
              .map(ServiceReference.Action::accessLevel)
              .orElse("");
      if (!level.equals("Read") && !level.equals("List")) {
        return false;
      }
    }
    return true;
  }

  /**
   * The checks {@code request} needs, in order; all must allow.
   *
   * @throws S3Exception NotImplemented for an operation Gatehouse does not serve; InvalidRequest
   *     when the request lacks the bucket or key its operation acts on; InvalidArgument for a copy
   *     without a source
   */
  public List<S3Check> checks(S3Request request) {
    List<Rule> found = rules.get(request.operation());
    if (found == null) {
      throw S3Error.NOT_IMPLEMENTED.exception(
          request.operation() + " is not implemented by this server");
    }
    List<S3Check> out = new ArrayList<>();
    for (Rule rule : found) {
      switch (rule.resource()) {
        case ANY -> out.add(check(rule, "*", "", request, request.existingObjectTags()));
        case BUCKET -> {
          requireBucket(request);
          out.add(
              check(
                  rule,
                  ARN_PREFIX + request.bucket(),
                  request.bucket(),
                  request,
                  request.existingObjectTags()));
        }
        case OBJECT -> {
          requireKey(request);
          out.add(
              check(
                  rule,
                  objectArn(request.bucket(), request.key()),
                  request.bucket(),
                  request,
                  request.existingObjectTags()));
        }
        case SOURCE -> {
          ObjectRef source =
              request
                  .copySource()
                  .orElseThrow(
                      () ->
                          S3Error.INVALID_ARGUMENT.exception(
                              "Copy Source must mention the source bucket and key:"
                                  + " sourcebucket/sourcekey"));
          out.add(
              check(
                  rule,
                  objectArn(source.bucket(), source.key()),
                  source.bucket(),
                  request,
                  request.copySourceTags()));
        }
        case OBJECTS -> {
          requireBucket(request);
          if (request.objectKeys().isEmpty()) {
            throw S3Error.MALFORMED_XML.exception();
          }
          for (String key : request.objectKeys()) {
            out.add(
                check(rule, objectArn(request.bucket(), key), request.bucket(), request, Map.of()));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /** {@code arn:aws:s3:::bucket/key}. */
  public static String objectArn(String bucket, String key) {
    return ARN_PREFIX + bucket + "/" + key;
  }

  /** {@code arn:aws:s3:::bucket}. */
  public static String bucketArn(String bucket) {
    return ARN_PREFIX + bucket;
  }

  private static void requireBucket(S3Request request) {
    if (request.bucket().isEmpty()) {
      throw S3Error.INVALID_REQUEST.exception(request.operation() + " needs a bucket name");
    }
  }

  private static void requireKey(S3Request request) {
    requireBucket(request);
    if (request.key().isEmpty()) {
      throw S3Error.INVALID_REQUEST.exception(request.operation() + " needs an object key");
    }
  }

  private static S3Check check(
      Rule rule, String arn, String bucket, S3Request request, Map<String, String> existingTags) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (String key : rule.keys()) {
      addKey(key, request, existingTags, keys);
    }
    return new S3Check(rule.action(), arn, bucket, keys);
  }

  private static void addKey(
      String key,
      S3Request request,
      Map<String, String> existingTags,
      Map<String, List<String>> keys) {
    Map<String, String> tags = request.requestTags();
    SignatureFacts sig = request.signature();
    switch (key) {
      case "s3:authType" -> {
        if (!sig.authType().isEmpty()) {
          keys.put(key, List.of(sig.authType()));
        }
      }
      case "s3:signatureversion" -> {
        if (!sig.signatureVersion().isEmpty()) {
          keys.put(key, List.of(sig.signatureVersion()));
        }
      }
      case "s3:signatureAge" ->
          sig.signatureAgeMillis().ifPresent(age -> keys.put(key, List.of(Long.toString(age))));
      case "s3:TlsVersion" -> sig.tlsVersion().ifPresent(v -> keys.put(key, List.of(v)));
      case "s3:prefix", "s3:delimiter", "s3:max-keys" -> {
        String value = request.query().get(key.substring(3));
        if (value != null) {
          keys.put(key, List.of(value));
        }
      }
      case "s3:locationconstraint" -> {
        if (!request.locationConstraint().isEmpty()) {
          keys.put(key, List.of(request.locationConstraint()));
        }
      }
      case "s3:RequestObjectTag/*", "aws:RequestTag/*" -> {
        String prefix = key.substring(0, key.length() - 1);
        tags.forEach((k, v) -> keys.put(prefix + k, List.of(v)));
      }
      case "s3:RequestObjectTagKeys", "aws:TagKeys" -> {
        if (!tags.isEmpty()) {
          keys.put(key, List.copyOf(tags.keySet()));
        }
      }
      case "s3:ExistingObjectTag/*" ->
          existingTags.forEach((k, v) -> keys.put("s3:ExistingObjectTag/" + k, List.of(v)));
      default -> header(request, key.substring(3)).ifPresent(v -> keys.put(key, List.of(v)));
    }
  }

  private static java.util.Optional<String> header(S3Request request, String name) {
    return java.util.Optional.ofNullable(request.headers().get(name));
  }
}
