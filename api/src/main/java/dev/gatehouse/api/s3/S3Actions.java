package dev.gatehouse.api.s3;

import dev.gatehouse.api.Caller;
import dev.gatehouse.api.Exchange;
import dev.gatehouse.api.Operation;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.objects.ObjectStore;
import dev.gatehouse.core.s3.Bucket;
import dev.gatehouse.core.s3.Buckets;
import dev.gatehouse.core.s3.ObjectRef;
import dev.gatehouse.core.s3.S3Check;
import dev.gatehouse.core.s3.S3Error;
import dev.gatehouse.core.s3.S3Operations;
import dev.gatehouse.core.s3.S3Request;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * The S3 operations: each one decodes its request, names the authorization checks core's mapping
 * gives it ({@link S3Operations}) through the pipeline's gate, calls {@link Buckets} or the {@link
 * ObjectStore} and encodes S3's answer. Bucket-level operations are here, object-level ones in
 * {@link S3ObjectActions}.
 */
public final class S3Actions {
  /** The most a request document (policy, Delete, CompleteMultipartUpload...) may take. */
  static final int MAX_DOCUMENT = 2 << 20;

  /**
   * Operations that are CloudTrail data events (object-level activity); the others are management
   * events. spec: CloudTrail User Guide, "Logging data events" (Amazon S3 object-level API).
   */
  private static final Set<String> DATA =
      Set.of(
          "GetObject",
          "HeadObject",
          "PutObject",
          "CopyObject",
          "DeleteObject",
          "DeleteObjects",
          "ListObjects",
          "ListObjectsV2",
          "ListObjectVersions",
          "ListMultipartUploads",
          "CreateMultipartUpload",
          "UploadPart",
          "UploadPartCopy",
          "CompleteMultipartUpload",
          "AbortMultipartUpload",
          "ListParts",
          "GetObjectTagging",
          "PutObjectTagging",
          "DeleteObjectTagging",
          "GetObjectAcl");

  private final Buckets buckets;
  private final S3ObjectActions objects;
  private final S3BucketReads reads;
  private final S3Operations mapping = S3Operations.standard();

  public S3Actions(Buckets buckets, ObjectStore store) {
    this.buckets = Objects.requireNonNull(buckets);
    this.objects = new S3ObjectActions(buckets, store);
    this.reads = new S3BucketReads();
  }

  /** One request as the operations see it. */
  record Context(
      S3HttpRequest request,
      S3Address address,
      S3Authenticator.Identity identity,
      Exchange exchange) {
    String bucket() {
      return address.bucket();
    }

    String key() {
      return address.key();
    }

    String query(String name) {
      return address.query().getOrDefault(name, "");
    }

    String header(String name) {
      return request.header(name);
    }

    /** The body, decoded and checked as the authentication requires. */
    InputStream body() {
      return identity.body(request.body());
    }

    /**
     * A small request document, read whole (its checks run as it is read).
     *
     * @throws S3Refusal MalformedXML when it is larger than {@link #MAX_DOCUMENT}
     */
    byte[] document() {
      try (InputStream in = body()) {
        byte[] bytes = in.readNBytes(MAX_DOCUMENT + 1);
        if (bytes.length > MAX_DOCUMENT) {
          throw S3Refusal.of(
              S3Error.MALFORMED_XML, "The request document is larger than " + MAX_DOCUMENT + ".");
        }
        return bytes;
      } catch (IOException e) {
        throw S3Refusal.of(S3Error.INCOMPLETE_BODY);
      }
    }
  }

  /** CloudTrail's category of an operation: data (object-level) or management. */
  static boolean dataEvent(String operation) {
    return DATA.contains(operation);
  }

  /** Whether this server answers {@code operation}. */
  boolean serves(String operation) {
    return !mapping.rules(operation).isEmpty()
        && (objects.serves(operation) || reads.serves(operation) || BUCKET_OPS.contains(operation));
  }

  private static final Set<String> BUCKET_OPS =
      Set.of(
          "DeleteObjects",
          "ListBuckets",
          "CreateBucket",
          "DeleteBucket",
          "HeadBucket",
          "GetBucketLocation",
          "PutBucketPolicy",
          "GetBucketPolicy",
          "DeleteBucketPolicy",
          "GetBucketPolicyStatus",
          "PutPublicAccessBlock",
          "GetPublicAccessBlock",
          "DeletePublicAccessBlock",
          "PutBucketTagging",
          "GetBucketTagging",
          "DeleteBucketTagging");

  /** Authorizes the request's checks through the gate, then runs it. */
  S3Reply run(Context c, Caller caller, Operation.Gate gate) {
    String op = c.address().operation();
    Optional<Element> document = Optional.empty();
    if (op.equals("CreateBucket") || op.equals("DeleteObjects")) {
      byte[] bytes = c.document();
      if (bytes.length > 0) {
        document =
            Optional.of(
                S3Xml.parse(
                    bytes, op.equals("CreateBucket") ? "CreateBucketConfiguration" : "Delete"));
      } else if (op.equals("DeleteObjects")) {
        throw S3Refusal.of(S3Error.MALFORMED_XML);
      }
    }
    S3Request.Builder request = request(c, document);
    buckets.find(c.bucket()).ifPresent(b -> c.exchange().recipient(b.ownerAccountId()));
    if (op.equals("DeleteObjects")) {
      return objects.deleteObjects(c, document.orElseThrow(), request.build(), gate);
    }
    for (S3Check check : mapping.checks(request.build())) {
      check(gate, check);
    }
    if (objects.serves(op)) {
      return objects.run(c, caller);
    }
    if (reads.serves(op)) {
      return reads.run(op, buckets.get(c.bucket()));
    }
    return bucketOperation(c, caller, document);
  }

  /** One check through the pipeline's gate (a denial throws AccessDenied). */
  static void check(Operation.Gate gate, S3Check check) {
    gate.check(
        check.action().substring(S3Api.SIGNING_NAME.length() + 1),
        new Target.Arn(check.resourceArn()),
        check.requestKeys());
  }

  /** What core's mapping needs of the request to name its checks and condition keys. */
  private S3Request.Builder request(Context c, Optional<Element> document) {
    S3Request.Builder b =
        S3Request.builder(c.address().operation(), c.identity().facts())
            .bucket(c.bucket())
            .key(c.key());
    c.address().query().forEach(b::query);
    for (Map.Entry<String, String> h : c.request().headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("x-amz-") && !name.equals("x-amz-security-token")) {
        b.header(name, h.getValue());
      }
    }
    Map<String, String> tags = tagHeader(c.header("x-amz-tagging"));
    if (!tags.isEmpty()) {
      b.requestTags(tags);
    }
    if (!c.key().isEmpty() && mapping.namesExistingObjectTags(c.address().operation())) {
      b.existingObjectTags(objects.existingTags(c.bucket(), c.key()));
    }
    String source = c.header("x-amz-copy-source");
    if (!source.isEmpty()) {
      ObjectRef ref = copySource(source);
      b.copySource(ref, objects.existingTags(ref.bucket(), ref.key()));
    }
    document
        .filter(d -> d.getLocalName().equals("CreateBucketConfiguration"))
        .flatMap(d -> S3Xml.text(d, "LocationConstraint"))
        .ifPresent(b::locationConstraint);
    if (document.isPresent() && document.get().getLocalName().equals("Delete")) {
      b.objectKeys(
          S3Xml.children(document.get(), "Object").stream()
              .map(o -> S3Xml.text(o, "Key").orElse(""))
              .toList());
    }
    return b;
  }

  /** {@code x-amz-copy-source}: {@code [/]bucket/key[?versionId=...]}, URL-encoded. */
  static ObjectRef copySource(String header) {
    String value = header;
    int q = value.indexOf('?');
    if (q >= 0) {
      value = value.substring(0, q);
    }
    value = S3Address.decode(value, false);
    if (value.startsWith("/")) {
      value = value.substring(1);
    }
    int slash = value.indexOf('/');
    if (slash <= 0 || slash == value.length() - 1) {
      throw S3Refusal.of(
          S3Error.INVALID_ARGUMENT,
          "Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
    }
    return new ObjectRef(value.substring(0, slash), value.substring(slash + 1));
  }

  /** The {@code x-amz-tagging} header: tags as a URL query string. */
  static Map<String, String> tagHeader(String header) {
    return new LinkedHashMap<>(S3Address.query(header));
  }

  private S3Reply bucketOperation(Context c, Caller caller, Optional<Element> document) {
    String op = c.address().operation();
    String name = c.bucket();
    return switch (op) {
      case "ListBuckets" -> listBuckets(caller);
      case "CreateBucket" -> {
        String constraint =
            document.flatMap(d -> S3Xml.text(d, "LocationConstraint")).orElse("").trim();
        buckets.create(caller.principal().accountId(), name, constraint, caller.region());
        yield S3Replies.empty(200, S3Codec.header("Location", "/" + name));
      }
      case "DeleteBucket" -> {
        buckets.delete(name);
        yield S3Replies.empty(204);
      }
      case "HeadBucket" -> {
        Bucket b = buckets.get(name);
        yield S3Replies.empty(
            200,
            List.of(
                S3Codec.header("x-amz-bucket-region", b.region()),
                S3Codec.header("x-amz-access-point-alias", "false")));
      }
      case "GetBucketLocation" -> {
        Bucket b = buckets.get(name);
        // spec: GetBucketLocation answers an empty LocationConstraint for us-east-1.
        String region = b.region().equals(Buckets.US_EAST_1) ? "" : b.region();
        yield S3Replies.xml(new S3Xml.Writer().root("LocationConstraint").text(region));
      }
      case "PutBucketPolicy" -> {
        String policy = new String(c.document(), java.nio.charset.StandardCharsets.UTF_8);
        buckets.putPolicy(name, policy, caller.principal().arn());
        yield S3Replies.empty(204);
      }
      case "GetBucketPolicy" ->
          S3Replies.bytes(
              200,
              "application/json",
              buckets.policy(name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      case "DeleteBucketPolicy" -> {
        buckets.deletePolicy(name);
        yield S3Replies.empty(204);
      }
      case "GetBucketPolicyStatus" ->
          S3Replies.xml(
              new S3Xml.Writer()
                  .root("PolicyStatus")
                  .field("IsPublic", buckets.policyIsPublic(name)));
      case "PutPublicAccessBlock" -> {
        buckets.putPublicAccessBlock(
            name,
            S3Documents.publicAccessBlock(
                S3Xml.parse(c.document(), "PublicAccessBlockConfiguration")));
        yield S3Replies.empty(200);
      }
      case "GetPublicAccessBlock" ->
          S3Replies.xml(S3Documents.publicAccessBlock(buckets.publicAccessBlock(name)));
      case "DeletePublicAccessBlock" -> {
        buckets.deletePublicAccessBlock(name);
        yield S3Replies.empty(204);
      }
      case "PutBucketTagging" -> {
        buckets.putTags(name, S3Documents.tags(S3Xml.parse(c.document(), "Tagging")));
        yield S3Replies.empty(204);
      }
      case "GetBucketTagging" -> S3Replies.xml(S3Documents.tagging(buckets.tags(name)));
      case "DeleteBucketTagging" -> {
        buckets.deleteTags(name);
        yield S3Replies.empty(204);
      }
      default -> throw S3Refusal.of(S3Error.NOT_IMPLEMENTED, op + " is not implemented");
    };
  }

  private S3Reply listBuckets(Caller caller) {
    String account = caller.principal().accountId();
    S3Xml.Writer xml = new S3Xml.Writer().root("ListAllMyBucketsResult");
    xml.start("Owner")
        .field("ID", dev.gatehouse.core.s3.CanonicalIds.of(account))
        .field("DisplayName", account)
        .end();
    xml.start("Buckets");
    for (Bucket b : buckets.list(account)) {
      xml.start("Bucket")
          .field("Name", b.name())
          .field("CreationDate", b.createdAt())
          .field("BucketRegion", b.region())
          .end();
    }
    xml.end();
    return S3Replies.xml(xml);
  }
}
