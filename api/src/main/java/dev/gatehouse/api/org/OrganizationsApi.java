package dev.gatehouse.api.org;

import dev.gatehouse.api.Authenticator;
import dev.gatehouse.api.Caller;
import dev.gatehouse.api.JsonApi;
import dev.gatehouse.api.JsonOperation;
import dev.gatehouse.api.JsonRequest;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.org.AccountList;
import dev.gatehouse.core.org.CreateAccountRequest;
import dev.gatehouse.core.org.CreateAccountStatus;
import dev.gatehouse.core.org.Organization;
import dev.gatehouse.core.org.OrganizationMember;
import dev.gatehouse.core.org.Organizations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AWS Organizations (API version 2016-11-28, JSON 1.1) on Gatehouse's endpoint: the action table
 * over {@link Organizations}.
 *
 * <p>spec: botocore organizations-2016-11-28 service model (targetPrefix, shapes); Service
 * Authorization Reference for Organizations (DescribeAccount is authorized against the account's
 * ARN, as are ListParents, ListTagsForResource, TagResource and UntagResource, whose resource types
 * include the account, which carries aws:ResourceTag; the other actions against {@code *};
 * CreateAccount and TagResource carry aws:RequestTag and aws:TagKeys, UntagResource aws:TagKeys).
 */
public final class OrganizationsApi {
  public static final String SIGNING_NAME = "organizations";
  public static final String TARGET_PREFIX = "AWSOrganizationsV20161128";
  public static final String EVENT_SOURCE = "organizations.amazonaws.com";

  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  /** spec: ListRoots example, the name AWS gives the root it creates with the organization. */
  private static final String ROOT_NAME = "Root";

  private OrganizationsApi() {}

  /** The API for the endpoint: its actions, authentication and authorizer. */
  public static JsonApi api(
      Organizations organizations, Authenticator authenticator, Authorizer authorizer) {
    return JsonApi.of(
        SIGNING_NAME,
        TARGET_PREFIX,
        EVENT_SOURCE,
        operations(organizations),
        authenticator,
        authorizer,
        INTERNAL_FAILURE);
  }

  /** spec: Organizations API Reference, ServiceException. */
  static final String INTERNAL_FAILURE =
      "AWS Organizations can't complete your request because of an internal service error. Try"
          + " again later.";

  record ListInput(String nextToken, int maxResults) {}

  record ParentsInput(String childId, String nextToken, int maxResults) {}

  record ListTagsInput(String resourceId, String nextToken) {}

  record TagsInput(String resourceId, List<Tag> tags) {}

  record UntagInput(String resourceId, List<String> tagKeys) {}

  static List<JsonOperation<?, ?>> operations(Organizations organizations) {
    return List.of(
        new JsonOperation<String, Organization>(
            "CreateOrganization",
            r -> r.string("FeatureSet"),
            (c, in) -> Operation.Aim.of(new Target.Any()),
            (c, in) -> organizations.createOrganization(account(c), in),
            (org, out) -> organization(org, out)),
        new JsonOperation<String, Organization>(
            "DescribeOrganization",
            r -> "",
            (c, in) -> Operation.Aim.of(new Target.Any()),
            (c, in) -> organizations.describeOrganization(account(c)),
            (org, out) -> organization(org, out)),
        new JsonOperation<CreateAccountRequest, CreateAccountStatus>(
            "CreateAccount",
            r ->
                new CreateAccountRequest(
                    r.string("Email"),
                    r.string("AccountName"),
                    r.string("RoleName"),
                    r.string("IamUserAccessToBilling"),
                    r.tags("Tags")),
            (c, in) -> new Operation.Aim(new Target.Any(), tagKeys(in.tags())),
            (c, in) -> organizations.createAccount(account(c), in),
            OrganizationsApi::status),
        new JsonOperation<String, CreateAccountStatus>(
            "DescribeCreateAccountStatus",
            r -> r.string("CreateAccountRequestId"),
            (c, in) -> Operation.Aim.of(new Target.Any()),
            (c, in) -> organizations.describeCreateAccountStatus(account(c), in),
            OrganizationsApi::status),
        new JsonOperation<ListInput, AccountList>(
            "ListAccounts",
            OrganizationsApi::listInput,
            (c, in) -> Operation.Aim.of(new Target.Any()),
            (c, in) -> organizations.listAccounts(account(c), in.nextToken(), in.maxResults()),
            (list, out) -> {
              out.startList("Accounts");
              for (OrganizationMember m : list.accounts()) {
                out.member();
                account(m, out);
                out.end();
              }
              out.end();
              list.next().ifPresent(t -> out.field("NextToken", t));
            }),
        new JsonOperation<ListInput, Organization>(
            "ListRoots",
            OrganizationsApi::listInput,
            (c, in) -> Operation.Aim.of(new Target.Any()),
            (c, in) -> organizations.listRoots(account(c), in.nextToken(), in.maxResults()),
            (org, out) -> {
              out.startList("Roots").member();
              out.field("Id", org.rootId())
                  .field("Arn", org.rootArn())
                  .field("Name", ROOT_NAME)
                  // No policy type is enabled: Gatehouse serves no organization policies.
                  .startList("PolicyTypes")
                  .end();
              out.end().end();
            }),
        new JsonOperation<ParentsInput, Organization>(
            "ListParents",
            r ->
                new ParentsInput(
                    r.string("ChildId"),
                    r.string("NextToken"),
                    r.integer("MaxResults", Organizations.DEFAULT_PAGE_SIZE)),
            (c, in) -> Operation.Aim.of(accountTarget(organizations, c, in.childId())),
            (c, in) ->
                organizations.listParents(
                    account(c), in.childId(), in.nextToken(), in.maxResults()),
            (org, out) ->
                out.startList("Parents")
                    .member()
                    .field("Id", org.rootId())
                    .field("Type", "ROOT")
                    .end()
                    .end()),
        new JsonOperation<ListInput, List<String>>(
            "ListAWSServiceAccessForOrganization",
            OrganizationsApi::listInput,
            (c, in) -> Operation.Aim.of(new Target.Any()),
            (c, in) ->
                organizations.listAwsServiceAccess(account(c), in.nextToken(), in.maxResults()),
            (principals, out) -> {
              out.startList("EnabledServicePrincipals");
              for (String principal : principals) {
                out.member().field("ServicePrincipal", principal).end();
              }
              out.end();
            }),
        new JsonOperation<String, OrganizationMember>(
            "DescribeAccount",
            r -> r.string("AccountId"),
            (c, in) -> Operation.Aim.of(accountTarget(organizations, c, in)),
            (c, in) -> organizations.describeAccount(account(c), in),
            (m, out) -> {
              out.start("Account");
              account(m, out);
              out.end();
            }),
        new JsonOperation<ListTagsInput, List<Tag>>(
            "ListTagsForResource",
            r -> new ListTagsInput(r.string("ResourceId"), r.string("NextToken")),
            (c, in) -> Operation.Aim.of(accountTarget(organizations, c, in.resourceId())),
            (c, in) ->
                organizations.listTagsForResource(account(c), in.resourceId(), in.nextToken()),
            (tags, out) -> {
              out.startList("Tags");
              for (Tag tag : tags) {
                out.member().field("Key", tag.key()).field("Value", tag.value()).end();
              }
              out.end();
            }),
        new JsonOperation<TagsInput, Boolean>(
            "TagResource",
            r -> new TagsInput(r.string("ResourceId"), r.tags("Tags")),
            (c, in) ->
                new Operation.Aim(
                    accountTarget(organizations, c, in.resourceId()), tagKeys(in.tags())),
            (c, in) -> {
              organizations.tagResource(account(c), in.resourceId(), in.tags());
              return true;
            },
            (done, out) -> {}),
        new JsonOperation<UntagInput, Boolean>(
            "UntagResource",
            r -> new UntagInput(r.string("ResourceId"), r.strings("TagKeys")),
            (c, in) ->
                new Operation.Aim(
                    accountTarget(organizations, c, in.resourceId()),
                    in.tagKeys().isEmpty() ? Map.of() : Map.of("aws:TagKeys", in.tagKeys())),
            (c, in) -> {
              organizations.untagResource(account(c), in.resourceId(), in.tagKeys());
              return true;
            },
            (done, out) -> {}));
  }

  private static ListInput listInput(JsonRequest r) {
    return new ListInput(
        r.string("NextToken"), r.integer("MaxResults", Organizations.DEFAULT_PAGE_SIZE));
  }

  /**
   * What a request on an account is authorized against: the account's ARN, as AWS builds it from
   * the caller's organization, with the account's tags as aws:ResourceTag/KEY; {@code *} when there
   * is no organization (the action then refuses).
   */
  private static Target accountTarget(Organizations organizations, Caller c, String accountId) {
    if (!ACCOUNT_ID.matcher(accountId).matches()) {
      // Not an account id: the action refuses it (as input, or as no target) before it acts.
      return new Target.Any();
    }
    return organizations
        .accountResource(account(c), accountId)
        .<Target>map(a -> new Target.Arn(a.arn(), a.tags()))
        .orElse(new Target.Any());
  }

  private static String account(Caller caller) {
    return caller.principal().accountId();
  }

  /** aws:RequestTag/KEY and aws:TagKeys of the tags a request carries. */
  static Map<String, List<String>> tagKeys(List<Tag> tags) {
    if (tags.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> keys = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (Tag tag : tags) {
      keys.put("aws:RequestTag/" + tag.key(), List.of(tag.value()));
      names.add(tag.key());
    }
    keys.put("aws:TagKeys", names);
    return keys;
  }

  private static void organization(Organization org, Shape out) {
    out.start("Organization")
        .field("Id", org.id())
        .field("Arn", org.arn())
        .field("FeatureSet", org.featureSet().name())
        .field("MasterAccountArn", org.managementAccountArn())
        .field("MasterAccountId", org.managementAccountId())
        // Gatehouse enforces no organization policies yet, so none is available.
        .startList("AvailablePolicyTypes")
        .end()
        .end();
  }

  private static void status(CreateAccountStatus s, Shape out) {
    out.start("CreateAccountStatus")
        .field("Id", s.id())
        .field("AccountName", s.accountName())
        .field("State", s.state().name())
        .field("RequestedTimestamp", s.requestedDate())
        .field("CompletedTimestamp", s.completedDate());
    s.createdAccountId().ifPresent(id -> out.field("AccountId", id));
    s.failure().ifPresent(reason -> out.field("FailureReason", reason));
    out.end();
  }

  private static void account(OrganizationMember m, Shape out) {
    out.field("Id", m.account().accountId()).field("Arn", m.arn());
    if (!m.account().email().isEmpty()) {
      out.field("Email", m.account().email());
    }
    out.field("Name", m.account().name())
        .field("Status", "ACTIVE")
        .field("State", "ACTIVE")
        .field("JoinedMethod", m.account().joinedMethod().name())
        .field("JoinedTimestamp", m.account().joinedDate());
  }
}
