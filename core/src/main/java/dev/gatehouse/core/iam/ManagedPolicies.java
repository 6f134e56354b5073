package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.managed.AwsManagedPolicy;
import dev.gatehouse.core.store.ReadTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Managed policies and their versions. spec: IAM API Reference, CreatePolicy ... */
public final class ManagedPolicies {
  /** spec: IAM quotas: customer managed policies per account 1,500. */
  public static final int MAX_POLICIES = 1500;

  /** spec: IAM quotas: managed policy versions stored 5. */
  public static final int MAX_VERSIONS = 5;

  /** spec: IAM quotas: managed policy length 6,144 characters (whitespace excluded). */
  public static final int MAX_POLICY_SIZE = 6144;

  private final IamContext ctx;

  ManagedPolicies(IamContext ctx) {
    this.ctx = ctx;
  }

  /** CreatePolicy. {@code path} and {@code description} are empty when not given. */
  public record CreatePolicyRequest(
      String policyName, String path, String policyDocument, String description, List<Tag> tags) {
    public CreatePolicyRequest {
      Objects.requireNonNull(policyName, "policyName");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(policyDocument, "policyDocument");
      Objects.requireNonNull(description, "description");
      tags = List.copyOf(tags);
    }

    public static CreatePolicyRequest of(String policyName, String policyDocument) {
      return new CreatePolicyRequest(policyName, "", policyDocument, "", List.of());
    }
  }

  private void document(String document) {
    Validation.document("policyDocument", document);
    if (Validation.sizeWithoutWhitespace(document) > MAX_POLICY_SIZE) {
      throw IamErrors.quota("PolicySize", MAX_POLICY_SIZE);
    }
    ctx.validator().validate(document, DocumentKind.IDENTITY);
  }

  public ManagedPolicy createPolicy(String accountId, CreatePolicyRequest request) {
    Validation.name("policyName", request.policyName(), 128);
    String path = Validation.policyPath(request.path());
    Validation.shape("description", request.description(), 0, 1000, ".*");
    document(request.policyDocument());
    Validation.tags(request.tags());
    return ctx.writeReporting(
        accountId,
        p -> Change.policy(p.arn()),
        tx -> {
          ManagedPolicy p =
              new ManagedPolicy(
                  accountId,
                  request.policyName(),
                  ctx.ids().policyId(),
                  path,
                  "v1",
                  request.description(),
                  ctx.now(),
                  ctx.now(),
                  true,
                  0);
          IamRules.createPolicy(tx, p, request.policyDocument(), MAX_POLICIES);
          IamRules.putTags(tx, p.id(), request.tags());
          return p;
        });
  }

  private ManagedPolicy visible(ReadTransaction tx, String accountId, String arn) {
    return ctx.visiblePolicy(tx, accountId, arn).orElseThrow(() -> IamErrors.noSuchPolicy(arn));
  }

  public ManagedPolicy getPolicy(String accountId, String policyArn) {
    Validation.policyArn("policyArn", policyArn);
    return ctx.read(tx -> visible(tx, accountId, policyArn));
  }

  /** ListPolicies. {@code pathPrefix} is empty for all. */
  public Page<ManagedPolicy> listPolicies(
      String accountId,
      PolicyScope scope,
      boolean onlyAttached,
      String pathPrefix,
      PageRequest page) {
    String prefix = Validation.pathPrefix(pathPrefix);
    // From the node's snapshot where there is one (read-your-writes holds, see Snapshots), already
    // in listing order: the page is read from the marker on, so its cost does not grow with the
    // account's policies (only with those skipped by the filters).
    List<ManagedPolicy> customer =
        scope == PolicyScope.AWS ? List.of() : ctx.reads().customerPolicies(accountId);
    List<ManagedPolicy> aws = scope == PolicyScope.LOCAL ? List.of() : awsInListingOrder();
    Map<String, Integer> counts =
        scope == PolicyScope.LOCAL ? Map.of() : ctx.reads().attachmentCounts(accountId);
    Optional<String> after = Page.after(page);
    int i = after.map(k -> firstAfter(customer, k)).orElse(0);
    int j = after.map(k -> firstAfter(aws, k)).orElse(0);
    List<ManagedPolicy> items = new ArrayList<>();
    while (i < customer.size() || j < aws.size()) {
      ManagedPolicy next;
      if (j >= aws.size()
          || (i < customer.size()
              && ManagedPolicy.LISTING_ORDER.compare(customer.get(i), aws.get(j)) < 0)) {
        next = customer.get(i++);
      } else {
        ManagedPolicy a = aws.get(j++);
        next = a.withAttachmentCount(counts.getOrDefault(a.arn(), 0));
      }
      if (!next.path().startsWith(prefix) || (onlyAttached && next.attachmentCount() == 0)) {
        continue;
      }
      if (items.size() == page.maxItems()) {
        return Page.cut(items, true, items.get(items.size() - 1).listingKey());
      }
      items.add(next);
    }
    return Page.cut(items, false, "");
  }

  /** The index of the first policy whose listing key is after {@code key} (binary search). */
  static int firstAfter(List<ManagedPolicy> sorted, String key) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid).listingKey().compareTo(key) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private volatile List<ManagedPolicy> awsSorted;

  private List<ManagedPolicy> awsInListingOrder() {
    List<ManagedPolicy> sorted = awsSorted;
    if (sorted == null) {
      List<ManagedPolicy> all = new ArrayList<>();
      for (AwsManagedPolicy a : ctx.catalogue().all()) {
        all.add(a.policy());
      }
      all.sort(ManagedPolicy.LISTING_ORDER);
      sorted = List.copyOf(all);
      awsSorted = sorted;
    }
    return sorted;
  }

  public void deletePolicy(String accountId, String policyArn) {
    Validation.policyArn("policyArn", policyArn);
    requireCustomer(policyArn);
    ctx.write(
        accountId,
        Change.policy(policyArn),
        tx -> {
          IamRules.deletePolicy(tx, accountId, policyArn);
          return null;
        });
  }

  private static void requireCustomer(String policyArn) {
    if (Arns.parsePolicy(policyArn).map(Arns.PolicyArn::isAwsManaged).orElse(false)) {
      throw new GatehouseException(
          ErrorCode.UNMODIFIABLE_ENTITY, "Cannot modify AWS managed policy " + policyArn + ".");
    }
  }

  public PolicyVersion createPolicyVersion(
      String accountId, String policyArn, String policyDocument, boolean setAsDefault) {
    Validation.policyArn("policyArn", policyArn);
    requireCustomer(policyArn);
    document(policyDocument);
    return ctx.write(
        accountId,
        Change.policy(policyArn),
        tx ->
            IamRules.createPolicyVersion(
                tx, accountId, policyArn, policyDocument, setAsDefault, ctx.now(), MAX_VERSIONS));
  }

  public PolicyVersion getPolicyVersion(String accountId, String policyArn, String versionId) {
    Validation.policyArn("policyArn", policyArn);
    Validation.versionId(versionId);
    return ctx.read(
        tx -> {
          Optional<PolicyVersion> v =
              versions(tx, accountId, policyArn).stream()
                  .filter(x -> x.versionId().equals(versionId))
                  .findFirst();
          return v.orElseThrow(() -> IamErrors.noSuchPolicyVersion(policyArn, versionId));
        });
  }

  private List<PolicyVersion> versions(ReadTransaction tx, String accountId, String arn) {
    Optional<AwsManagedPolicy> aws = ctx.catalogue().byArn(arn);
    if (aws.isPresent()) {
      return List.of(aws.get().defaultVersion());
    }
    visible(tx, accountId, arn);
    return tx.policies().policyVersions(accountId, arn);
  }

  /** ListPolicyVersions, newest first as AWS lists them. */
  public Page<PolicyVersion> listPolicyVersions(
      String accountId, String policyArn, PageRequest page) {
    Validation.policyArn("policyArn", policyArn);
    List<PolicyVersion> versions =
        new ArrayList<>(ctx.read(tx -> versions(tx, accountId, policyArn)));
    versions.sort(Comparator.comparingInt(PolicyVersion::number).reversed());
    return Page.slice(
        versions, v -> String.format(Locale.ROOT, "%010d", Integer.MAX_VALUE - v.number()), page);
  }

  public void deletePolicyVersion(String accountId, String policyArn, String versionId) {
    Validation.policyArn("policyArn", policyArn);
    Validation.versionId(versionId);
    requireCustomer(policyArn);
    ctx.write(
        accountId,
        Change.policy(policyArn),
        tx -> {
          IamRules.deletePolicyVersion(tx, accountId, policyArn, versionId);
          return null;
        });
  }

  public void setDefaultPolicyVersion(String accountId, String policyArn, String versionId) {
    Validation.policyArn("policyArn", policyArn);
    Validation.versionId(versionId);
    requireCustomer(policyArn);
    ctx.write(
        accountId,
        Change.policy(policyArn),
        tx -> {
          IamRules.setDefaultPolicyVersion(tx, accountId, policyArn, versionId, ctx.now());
          return null;
        });
  }
}
