package dev.gatehouse.core.org;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.iam.Attachments;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.iam.IamRules;
import dev.gatehouse.core.iam.Roles;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.WriteTransaction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The AWS Organizations actions: one method per action, each in one store transaction, taking the
 * caller's account id first (the server resolves it from the authenticated principal; IAM policies
 * were checked before).
 *
 * <p>spec: Organizations API Reference: CreateOrganization ("the account whose user is calling the
 * CreateOrganization operation automatically becomes the management account"), DescribeOrganization
 * (any account of the organization), and CreateAccount, DescribeCreateAccountStatus, ListAccounts,
 * DescribeAccount, ListTagsForResource, TagResource, UntagResource, ListRoots, ListParents,
 * ListAWSServiceAccessForOrganization ("can be called only from the organization's management
 * account" or a delegated administrator, which Gatehouse does not have); "Accessing member
 * accounts": a created account gets {@code OrganizationAccountAccessRole} with full administrator
 * permissions, trusting the management account.
 */
public final class Organizations {
  /** spec: CreateAccount RoleName default. */
  public static final String DEFAULT_ROLE_NAME = "OrganizationAccountAccessRole";

  /** The AWS managed policy AWS attaches to that role. */
  public static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

  /**
   * spec: Organizations quotas, "Number of accounts in an organization": 10 by default (the
   * management account included).
   */
  public static final int MAX_ACCOUNTS = 10;

  /** The page size of ListAccounts when the request gives no MaxResults. */
  public static final int DEFAULT_PAGE_SIZE = 20;

  private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final String TOKEN_PREFIX = "gh1:";

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final SecureRandom random;
  private final IamChangeListener listener;

  /**
   * @param listener told after a member account is created (its IAM state is new)
   */
  public Organizations(Store store, Clock clock, SecureRandom random, IamChangeListener listener) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.ids = new Ids(random);
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * CreateOrganization; the caller's account becomes the management account.
   *
   * @param featureSet {@code ALL}, {@code CONSOLIDATED_BILLING}, or empty for ALL
   */
  public Organization createOrganization(String callerAccountId, String featureSet) {
    Organization.FeatureSet features =
        featureSet.isEmpty()
            ? Organization.FeatureSet.ALL
            : OrganizationsValidation.oneOf(
                "FeatureSet", featureSet, Organization.FeatureSet.class);
    Instant now = now();
    return store.write(
        tx -> {
          IamRules.requireAccount(tx, callerAccountId);
          if (tx.organizations().organizationAccount(callerAccountId).isPresent()) {
            throw OrganizationsErrors.alreadyInOrganization();
          }
          Organization org = new Organization("o-" + randomId(10), callerAccountId, features, now);
          tx.organizations()
              .createOrganization(
                  org,
                  new OrganizationAccount(
                      callerAccountId,
                      org.id(),
                      tx.accounts().accountAlias(callerAccountId).orElse(callerAccountId),
                      "",
                      OrganizationAccount.JoinedMethod.INVITED,
                      now));
          return org;
        });
  }

  /** The organization an account belongs to (for the ARN a request is authorized against). */
  public Optional<Organization> organizationOf(String accountId) {
    return store.read(tx -> tx.organizations().organizationOf(accountId));
  }

  /** DescribeOrganization: any account of the organization may call it. */
  public Organization describeOrganization(String callerAccountId) {
    return store.read(tx -> organizationOf(tx, callerAccountId));
  }

  /**
   * CreateAccount: creates the account, its membership and its access role in one transaction and
   * answers with the finished request. A request AWS would fail later (an e-mail address in use,
   * the account quota reached) is recorded as FAILED with AWS's reason.
   */
  public CreateAccountStatus createAccount(String callerAccountId, CreateAccountRequest request) {
    OrganizationsValidation.email(request.email());
    OrganizationsValidation.accountName(request.accountName());
    String roleName = request.roleName().isEmpty() ? DEFAULT_ROLE_NAME : request.roleName();
    OrganizationsValidation.roleName(roleName);
    if (!request.iamUserAccessToBilling().isEmpty()) {
      OrganizationsValidation.oneOf(
          "IamUserAccessToBilling", request.iamUserAccessToBilling(), AccessToBilling.class);
    }
    OrganizationsValidation.tags(request.tags());
    Instant now = now();
    CreateAccountStatus status =
        store.write(
            tx -> {
              Organization org = managedBy(tx, callerAccountId);
              String requestId = "car-" + randomId(32);
              String failure = "";
              if (tx.organizations().organizationEmailInUse(request.email())) {
                failure = "EMAIL_ALREADY_EXISTS";
              } else if (tx.organizations().organizationAccounts(org.id()).size() >= MAX_ACCOUNTS) {
                failure = "ACCOUNT_LIMIT_EXCEEDED";
              }
              CreateAccountStatus result =
                  failure.isEmpty()
                      ? new CreateAccountStatus(
                          requestId,
                          org.id(),
                          request.accountName(),
                          CreateAccountStatus.State.SUCCEEDED,
                          now,
                          now,
                          createMember(tx, org, request, roleName, now),
                          "")
                      : new CreateAccountStatus(
                          requestId,
                          org.id(),
                          request.accountName(),
                          CreateAccountStatus.State.FAILED,
                          now,
                          now,
                          "",
                          failure);
              tx.organizations().recordCreateAccountStatus(result);
              return result;
            });
    status.createdAccountId().ifPresent(listener::committed);
    return status;
  }

  /** spec: IAMUserAccessToBilling. Accepted and kept nowhere: Gatehouse has no billing. */
  private enum AccessToBilling {
    ALLOW,
    DENY
  }

  private String createMember(
      WriteTransaction tx,
      Organization org,
      CreateAccountRequest request,
      String roleName,
      Instant now) {
    String accountId = ids.accountId();
    while (tx.accounts().account(accountId).isPresent()) {
      accountId = ids.accountId();
    }
    IamRules.createAccount(tx, new Account(accountId, now));
    addAccount(
        tx,
        new OrganizationAccount(
            accountId,
            org.id(),
            request.accountName(),
            request.email(),
            OrganizationAccount.JoinedMethod.CREATED,
            now),
        request.tags());
    Role role =
        new Role(
            accountId,
            roleName,
            ids.roleId(),
            "/",
            now,
            "",
            Role.DEFAULT_MAX_SESSION_DURATION,
            trustPolicy(org),
            "");
    IamRules.createRole(tx, role, Roles.MAX_ROLES);
    IamRules.attachPolicy(
        tx, accountId, EntityRef.of(role), ADMINISTRATOR_ACCESS, Attachments.MAX_ATTACHED);
    return accountId;
  }

  /**
   * Adds an existing account to an organization: {@code DuplicateAccountException} when it, or
   * another account with the same e-mail address, belongs to an organization already.
   */
  private static void addAccount(WriteTransaction tx, OrganizationAccount account, List<Tag> tags) {
    IamRules.requireAccount(tx, account.accountId());
    if (tx.organizations().organizationAccount(account.accountId()).isPresent()
        || (!account.email().isEmpty()
            && tx.organizations().organizationEmailInUse(account.email()))) {
      throw OrganizationsErrors.duplicateAccount();
    }
    tx.organizations().addOrganizationAccount(account, tags);
  }

  /** The trust policy AWS gives the access role: the management account, delegated to its IAM. */
  static String trustPolicy(Organization org) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"AWS\":\""
        + org.managementRootArn()
        + "\"},\"Action\":\"sts:AssumeRole\"}]}";
  }

  /** DescribeCreateAccountStatus: requests of the caller's organization only. */
  public CreateAccountStatus describeCreateAccountStatus(String callerAccountId, String requestId) {
    OrganizationsValidation.requestId(requestId);
    return store.read(
        tx -> {
          Organization org = managedBy(tx, callerAccountId);
          return tx.organizations()
              .createAccountStatus(requestId)
              .filter(s -> s.organizationId().equals(org.id()))
              .orElseThrow(OrganizationsErrors::createAccountStatusNotFound);
        });
  }

  /**
   * ListAccounts, ordered by account id.
   *
   * @param nextToken empty for the first page
   * @param maxResults 1 to 20 ({@link #DEFAULT_PAGE_SIZE} when the client gives none)
   */
  public AccountList listAccounts(String callerAccountId, String nextToken, int maxResults) {
    int size = OrganizationsValidation.maxResults(maxResults);
    String after = nextToken.isEmpty() ? "" : decodeToken(nextToken);
    return store.read(
        tx -> {
          Organization org = managedBy(tx, callerAccountId);
          List<OrganizationMember> page = new ArrayList<>();
          String next = "";
          for (OrganizationAccount a : tx.organizations().organizationAccounts(org.id())) {
            if (a.accountId().compareTo(after) <= 0) {
              continue;
            }
            if (page.size() == size) {
              next = encodeToken(page.get(page.size() - 1).account().accountId());
              break;
            }
            page.add(new OrganizationMember(org, a));
          }
          return new AccountList(page, next);
        });
  }

  /** DescribeAccount: an account of the caller's organization. */
  public OrganizationMember describeAccount(String callerAccountId, String accountId) {
    OrganizationsValidation.accountId(accountId);
    return store.read(
        tx -> {
          Organization org = managedBy(tx, callerAccountId);
          return tx.organizations()
              .organizationAccount(accountId)
              .filter(a -> a.organizationId().equals(org.id()))
              .map(a -> new OrganizationMember(org, a))
              .orElseThrow(OrganizationsErrors::accountNotFound);
        });
  }

  /**
   * ListRoots: the organization's one root, in one page (a NextToken is never issued).
   *
   * @return the organization, whose root is the page
   */
  public Organization listRoots(String callerAccountId, String nextToken, int maxResults) {
    OrganizationsValidation.maxResults(maxResults);
    OrganizationsValidation.noNextToken(nextToken);
    return store.read(tx -> managedBy(tx, callerAccountId));
  }

  /**
   * ListParents: every account's one parent is the root. Gatehouse has no OUs, so a well-formed OU
   * id names no child, as an account outside the caller's organization does.
   *
   * @return the child's organization, whose root is the one parent
   */
  public Organization listParents(
      String callerAccountId, String childId, String nextToken, int maxResults) {
    OrganizationsValidation.childId(childId);
    OrganizationsValidation.maxResults(maxResults);
    OrganizationsValidation.noNextToken(nextToken);
    return store.read(
        tx -> {
          Organization org = managedBy(tx, callerAccountId);
          return tx.organizations()
              .organizationAccount(childId)
              .filter(a -> a.organizationId().equals(org.id()))
              .map(a -> org)
              .orElseThrow(OrganizationsErrors::childNotFound);
        });
  }

  /**
   * ListAWSServiceAccessForOrganization: the service principals given trusted access. Gatehouse
   * serves no EnableAWSServiceAccess, so there are none.
   */
  public List<String> listAwsServiceAccess(
      String callerAccountId, String nextToken, int maxResults) {
    OrganizationsValidation.maxResults(maxResults);
    OrganizationsValidation.noNextToken(nextToken);
    store.read(tx -> managedBy(tx, callerAccountId));
    return List.of();
  }

  /**
   * An account as a request names it, for authorizing that request: its ARN in the caller's
   * organization and, when it is one of that organization's accounts, its tags (which policies read
   * as aws:ResourceTag/KEY). Empty when the caller belongs to no organization (the action then
   * refuses).
   *
   * <p>spec: Service Authorization Reference for Organizations, resource type {@code account} with
   * condition key aws:ResourceTag/${TagKey}.
   */
  public Optional<AccountResource> accountResource(String callerAccountId, String accountId) {
    return store.read(
        tx ->
            tx.organizations()
                .organizationOf(callerAccountId)
                .map(
                    org -> {
                      boolean member =
                          tx.organizations()
                              .organizationAccount(accountId)
                              .filter(a -> a.organizationId().equals(org.id()))
                              .isPresent();
                      Map<String, String> tags = new LinkedHashMap<>();
                      if (member) {
                        for (Tag tag : tx.organizations().organizationAccountTags(accountId)) {
                          tags.put(tag.key(), tag.value());
                        }
                      }
                      return new AccountResource(org.accountArn(accountId), tags);
                    }));
  }

  /**
   * An account's ARN and tags, as a request on it is authorized.
   *
   * @param tags empty for an account outside the caller's organization
   */
  public record AccountResource(String arn, Map<String, String> tags) {
    public AccountResource {
      Objects.requireNonNull(arn, "arn");
      tags = Map.copyOf(tags);
    }
  }

  /**
   * ListTagsForResource: all tags of an account of the caller's organization in one page, ordered
   * by key (a resource has at most 50, so no NextToken is ever issued).
   */
  public List<Tag> listTagsForResource(
      String callerAccountId, String resourceId, String nextToken) {
    OrganizationsValidation.resourceId(resourceId);
    OrganizationsValidation.noNextToken(nextToken);
    return store.read(
        tx ->
            tx.organizations()
                .organizationAccountTags(taggedAccount(tx, callerAccountId, resourceId)));
  }

  /**
   * TagResource: adds the tags to an account of the caller's organization, a given key replacing
   * the value it had; refused whole when a tag is invalid or the account would have more than 50.
   */
  public void tagResource(String callerAccountId, String resourceId, List<Tag> tags) {
    OrganizationsValidation.resourceId(resourceId);
    OrganizationsValidation.tags(tags);
    store.write(
        tx -> {
          String accountId = taggedAccount(tx, callerAccountId, resourceId);
          Map<String, Tag> merged = new LinkedHashMap<>();
          for (Tag tag : tx.organizations().organizationAccountTags(accountId)) {
            merged.put(tag.key(), tag);
          }
          for (Tag tag : tags) {
            merged.put(tag.key(), tag);
          }
          OrganizationsValidation.tagCount(merged.size());
          tx.organizations()
              .replaceOrganizationAccountTags(accountId, List.copyOf(merged.values()));
          return null;
        });
  }

  /**
   * UntagResource: removes the keys from an account of the caller's organization; absent keys pass.
   */
  public void untagResource(String callerAccountId, String resourceId, List<String> tagKeys) {
    OrganizationsValidation.resourceId(resourceId);
    OrganizationsValidation.tagKeys(tagKeys);
    store.write(
        tx -> {
          String accountId = taggedAccount(tx, callerAccountId, resourceId);
          List<Tag> kept =
              tx.organizations().organizationAccountTags(accountId).stream()
                  .filter(t -> !tagKeys.contains(t.key()))
                  .toList();
          tx.organizations().replaceOrganizationAccountTags(accountId, kept);
          return null;
        });
  }

  /**
   * The account a tag action names, when the caller manages its organization. Only accounts carry
   * tags here: the root's id, and ids of OUs and policies (which Gatehouse does not have), name no
   * target, as an unknown account does.
   */
  private static String taggedAccount(ReadTransaction tx, String callerAccountId, String id) {
    Organization org = managedBy(tx, callerAccountId);
    return tx.organizations()
        .organizationAccount(id)
        .filter(a -> a.organizationId().equals(org.id()))
        .map(OrganizationAccount::accountId)
        .orElseThrow(OrganizationsErrors::targetNotFound);
  }

  private static Organization organizationOf(ReadTransaction tx, String accountId) {
    return tx.organizations().organizationOf(accountId).orElseThrow(OrganizationsErrors::notInUse);
  }

  /** The caller's organization, when the caller is its management account. */
  private static Organization managedBy(ReadTransaction tx, String callerAccountId) {
    Organization org = organizationOf(tx, callerAccountId);
    if (!org.isManagement(callerAccountId)) {
      throw OrganizationsErrors.notManagement();
    }
    return org;
  }

  private String randomId(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
    }
    return new String(out);
  }

  private static String encodeToken(String lastAccountId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((TOKEN_PREFIX + lastAccountId).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) {
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      decoded = "";
    }
    if (!decoded.startsWith(TOKEN_PREFIX)
        || !OrganizationsValidation.ACCOUNT_ID
            .matcher(decoded.substring(TOKEN_PREFIX.length()))
            .matches()) {
      throw OrganizationsValidation.invalidNextToken();
    }
    return decoded.substring(TOKEN_PREFIX.length());
  }
}
