package dev.gatehouse.core.s3;

import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.ValidationMode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * S3's bucket rules: naming, global uniqueness, location constraints, the per-account quota,
 * deletion only when empty, bucket policies, Block Public Access and tags. Authorization is not
 * done here; the caller authorizes first ({@link S3Authorizer}).
 */
public final class Buckets {
  /**
   * General purpose buckets an account may own. spec: S3 User Guide, "General purpose bucket
   * quotas, limitations, and restrictions": "By default, you can create up to 10,000 general
   * purpose buckets per AWS account" (raised from 100 in November 2024).
   */
  public static final int DEFAULT_QUOTA = 10_000;

  /** The region whose endpoint takes a CreateBucket without a LocationConstraint. */
  public static final String US_EAST_1 = "us-east-1";

  /** spec: S3 tags: at most 50 per bucket; keys 1-128, values 0-256 characters. */
  public static final int MAX_TAGS = 50;

  static final int MAX_TAG_KEY = 128;
  static final int MAX_TAG_VALUE = 256;

  /**
   * spec: tag restrictions: letters, numbers and spaces representable in UTF-8, and + - = . _ :
   * / @.
   */
  private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  private final BucketStore store;
  private final BucketStorage storage;
  private final Clock clock;
  private final Set<String> regions;
  private final int quota;
  private final IamChangeListener changes;

  /**
   * @param regions the regions buckets may be created in ({@code us-east-1} among them or not)
   * @param quota buckets per account ({@link #DEFAULT_QUOTA})
   * @param changes told of each committed bucket write (this node's {@link BucketRegistry}, and
   *     through the change feed the other nodes')
   */
  public Buckets(
      BucketStore store,
      BucketStorage storage,
      Clock clock,
      Set<String> regions,
      int quota,
      IamChangeListener changes) {
    this.store = Objects.requireNonNull(store, "store");
    this.storage = Objects.requireNonNull(storage, "storage");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.regions = Set.copyOf(regions);
    this.quota = quota;
    this.changes = Objects.requireNonNull(changes, "changes");
  }

  /**
   * A CreateBucket's outcome.
   *
   * @param alreadyOwned the caller already owned it in us-east-1, where S3 answers 200 OK again
   */
  public record Created(Bucket bucket, boolean alreadyOwned) {}

  /**
   * Creates a bucket.
   *
   * <p>spec: S3 API Reference, CreateBucket: the name must follow the naming rules
   * (InvalidBucketName); a name owned by another account is BucketAlreadyExists (409); one the
   * caller owns is BucketAlreadyOwnedByYou (409) except in us-east-1, where S3 returns 200 OK for
   * legacy compatibility; a request to a regional endpoint without a LocationConstraint, or with
   * another region's, is IllegalLocationConstraintException; {@code us-east-1} given explicitly or
   * an unknown region is InvalidLocationConstraint; {@code EU} means {@code eu-west-1}.
   *
   * @param locationConstraint the body's LocationConstraint; empty when none
   * @param endpointRegion the region of the endpoint the request was sent to
   */
  public Created create(
      String accountId, String name, String locationConstraint, String endpointRegion) {
    BucketNames.check(name);
    String region = region(locationConstraint, endpointRegion);
    Optional<Bucket> existing = store.find(name);
    if (existing.isPresent()) {
      return existing(existing.get(), accountId);
    }
    if (store.countByOwner(accountId) >= quota) {
      throw S3Error.TOO_MANY_BUCKETS.exception();
    }
    String location = storage.create(name);
    Bucket bucket = Bucket.created(name, accountId, region, clock.instant(), location);
    BucketStore.InsertResult result;
    try {
      result = store.insert(bucket, quota);
    } catch (RuntimeException e) {
      storage.delete(location);
      throw e;
    }
    if (result == BucketStore.InsertResult.INSERTED) {
      changes.bucketsChanged(accountId);
      return new Created(bucket, false);
    }
    // Lost a race: nothing was written; give the storage back.
    storage.delete(location);
    if (result == BucketStore.InsertResult.QUOTA_EXCEEDED) {
      throw S3Error.TOO_MANY_BUCKETS.exception();
    }
    return existing(
        store.find(name).orElseThrow(S3Error.BUCKET_ALREADY_EXISTS::exception), accountId);
  }

  private static Created existing(Bucket bucket, String accountId) {
    if (!bucket.ownerAccountId().equals(accountId)) {
      throw S3Error.BUCKET_ALREADY_EXISTS.exception();
    }
    if (bucket.region().equals(US_EAST_1)) {
      return new Created(bucket, true);
    }
    throw S3Error.BUCKET_ALREADY_OWNED_BY_YOU.exception();
  }

  private String region(String locationConstraint, String endpointRegion) {
    if (locationConstraint.isEmpty()) {
      if (!endpointRegion.equals(US_EAST_1)) {
        throw S3Error.ILLEGAL_LOCATION_CONSTRAINT.exception();
      }
      return US_EAST_1;
    }
    String region = locationConstraint.equals("EU") ? "eu-west-1" : locationConstraint;
    if (region.equals(US_EAST_1) || !regions.contains(region)) {
      throw S3Error.INVALID_LOCATION_CONSTRAINT.exception();
    }
    if (!endpointRegion.equals(US_EAST_1) && !region.equals(endpointRegion)) {
      throw S3Error.ILLEGAL_LOCATION_CONSTRAINT.exception(
          "The "
              + locationConstraint
              + " location constraint is incompatible for the region specific endpoint this"
              + " request was sent to.");
    }
    return region;
  }

  /**
   * The bucket named {@code name}.
   *
   * @throws S3Exception NoSuchBucket
   */
  public Bucket get(String name) {
    return store.find(name).orElseThrow(S3Error.NO_SUCH_BUCKET::exception);
  }

  /** The bucket named {@code name}, if it exists. */
  public Optional<Bucket> find(String name) {
    return store.find(name);
  }

  /** ListBuckets: the buckets {@code accountId} owns, by name. */
  public List<Bucket> list(String accountId) {
    return store.listByOwner(accountId);
  }

  /**
   * Deletes an empty bucket and its storage.
   *
   * @throws S3Exception NoSuchBucket; BucketNotEmpty (409) while it holds objects or uploads
   */
  public void delete(String name) {
    Bucket bucket = get(name);
    if (!storage.isEmpty(bucket.location())) {
      throw S3Error.BUCKET_NOT_EMPTY.exception();
    }
    if (!store.delete(name)) {
      throw S3Error.NO_SUCH_BUCKET.exception();
    }
    changes.bucketsChanged(bucket.ownerAccountId());
    storage.delete(bucket.location());
  }

  /**
   * PutBucketPolicy.
   *
   * <p>spec: PublicAccessBlockConfiguration, BlockPublicPolicy: "reject calls to PUT Bucket policy
   * if the specified bucket policy allows public access", as AccessDenied.
   *
   * @param callerArn the caller's ARN, for the AccessDenied message
   * @throws S3Exception NoSuchBucket; MalformedPolicy; AccessDenied when BlockPublicPolicy is on
   *     and the policy is public
   */
  public void putPolicy(String name, String document, String callerArn) {
    Bucket bucket = get(name);
    Policy policy = BucketPolicies.validate(name, document);
    if (bucket.effectivePublicAccessBlock().blockPublicPolicy()
        && BucketPolicies.isPublic(policy)) {
      throw S3Error.ACCESS_DENIED.exception(
          "User: "
              + callerArn
              + " is not authorized to perform: s3:PutBucketPolicy on resource: \""
              + bucket.arn()
              + "\" because public policies are blocked by the BlockPublicPolicy block public"
              + " access setting.");
    }
    written(bucket, store.setPolicy(name, Optional.of(document)));
  }

  /**
   * GetBucketPolicy.
   *
   * @throws S3Exception NoSuchBucket; NoSuchBucketPolicy
   */
  public String policy(String name) {
    return get(name).policy().orElseThrow(S3Error.NO_SUCH_BUCKET_POLICY::exception);
  }

  /** DeleteBucketPolicy (no error when there is none, as S3's 204). */
  public void deletePolicy(String name) {
    written(get(name), store.setPolicy(name, Optional.empty()));
  }

  /**
   * GetBucketPolicyStatus: whether the bucket's policy is public.
   *
   * @throws S3Exception NoSuchBucket; NoSuchBucketPolicy when it has none
   */
  public boolean policyIsPublic(String name) {
    return BucketPolicies.isPublic(
        Policy.parse(policy(name), PolicyKind.RESOURCE, ValidationMode.EVALUATION));
  }

  /** PutPublicAccessBlock. */
  public void putPublicAccessBlock(String name, PublicAccessBlock block) {
    written(get(name), store.setPublicAccessBlock(name, Optional.of(block)));
  }

  /**
   * GetPublicAccessBlock.
   *
   * @throws S3Exception NoSuchBucket; NoSuchPublicAccessBlockConfiguration
   */
  public PublicAccessBlock publicAccessBlock(String name) {
    return get(name)
        .publicAccessBlock()
        .orElseThrow(S3Error.NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION::exception);
  }

  /** DeletePublicAccessBlock. */
  public void deletePublicAccessBlock(String name) {
    written(get(name), store.setPublicAccessBlock(name, Optional.empty()));
  }

  /**
   * PutBucketTagging: replaces the whole tag set.
   *
   * @throws S3Exception NoSuchBucket; InvalidTag for more than 50 tags, a repeated key, a key of 0
   *     or more than 128 characters, a value over 256, characters outside the allowed set, or an
   *     {@code aws:} key
   */
  public void putTags(String name, List<Tag> tags) {
    Map<String, String> set = validateTags(tags);
    written(get(name), store.setTags(name, set));
  }

  /**
   * GetBucketTagging.
   *
   * @throws S3Exception NoSuchBucket; NoSuchTagSet when it has no tags
   */
  public Map<String, String> tags(String name) {
    Map<String, String> tags = get(name).tags();
    if (tags.isEmpty()) {
      throw S3Error.NO_SUCH_TAG_SET.exception();
    }
    return tags;
  }

  /** DeleteBucketTagging. */
  public void deleteTags(String name) {
    written(get(name), store.setTags(name, Map.of()));
  }

  /** Validates a tag set as S3 does, returning it as a map. */
  static Map<String, String> validateTags(List<Tag> tags) {
    if (tags.size() > MAX_TAGS) {
      throw S3Error.INVALID_TAG.exception("Bucket tag count cannot be greater than " + MAX_TAGS);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Tag t : tags) {
      String key = t.key();
      if (key.isEmpty()
          || key.codePointCount(0, key.length()) > MAX_TAG_KEY
          || !TAG_TEXT.matcher(key).matches()) {
        throw S3Error.INVALID_TAG.exception("The TagKey you have provided is invalid");
      }
      if (key.startsWith("aws:")) {
        throw S3Error.INVALID_TAG.exception("Your TagKey cannot be prefixed with aws:");
      }
      String value = t.value();
      if (value.codePointCount(0, value.length()) > MAX_TAG_VALUE
          || !TAG_TEXT.matcher(value).matches()) {
        throw S3Error.INVALID_TAG.exception("The TagValue you have provided is invalid");
      }
      if (out.put(key, value) != null) {
        throw S3Error.INVALID_TAG.exception("Cannot provide multiple Tags with the same key");
      }
    }
    return out;
  }

  /** A write that found no bucket after {@link #get} did: deleted in between. */
  /** Reports a write to {@code bucket}, or refuses when the bucket was gone by then. */
  private void written(Bucket bucket, boolean written) {
    if (!written) {
      throw S3Error.NO_SUCH_BUCKET.exception();
    }
    changes.bucketsChanged(bucket.ownerAccountId());
  }
}
