package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyLastUsed;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.OidcProvider;
import dev.gatehouse.core.domain.PasswordPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.RoleLastUsed;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.org.CreateAccountStatus;
import dev.gatehouse.core.org.Organization;
import dev.gatehouse.core.org.OrganizationAccount;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.sts.SessionRevocation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The read half of a SQL transaction: portable SELECTs only. */
class SqlReads implements ReadTransaction {
  static final String USER_COLUMNS = "account_id, name, id, path, created_at, boundary_arn";
  static final String GROUP_COLUMNS = "account_id, name, id, path, created_at";
  static final String ROLE_COLUMNS =
      "account_id, name, id, path, created_at, description, max_session_duration, trust_policy,"
          + " boundary_arn";
  static final String POLICY_COLUMNS =
      "p.account_id, p.name, p.id, p.path, p.default_version, p.description, p.created_at,"
          + " p.updated_at, (SELECT COUNT(*) FROM iam_attachments a WHERE a.policy_arn = p.arn)";
  static final String KEY_COLUMNS = "access_key_id, account_id, user_id, status, created_at";

  final Jdbc jdbc;
  final SqlOrganizations organizations;
  final SqlPasswords passwords;
  final SqlSts sts;
  final SqlInstanceProfiles instanceProfiles;
  final SqlOidcProviders oidcProviders;

  SqlReads(Jdbc jdbc) {
    this.jdbc = jdbc;
    this.organizations = new SqlOrganizations(jdbc);
    this.passwords = new SqlPasswords(jdbc);
    this.sts = new SqlSts(jdbc);
    this.instanceProfiles = new SqlInstanceProfiles(jdbc);
    this.oidcProviders = new SqlOidcProviders(jdbc);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    return Instant.ofEpochMilli(rs.getLong(column));
  }

  static User user(ResultSet rs) throws SQLException {
    return new User(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        instant(rs, 5),
        rs.getString(6));
  }

  static Group group(ResultSet rs) throws SQLException {
    return new Group(
        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5));
  }

  static Role role(ResultSet rs) throws SQLException {
    return new Role(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        instant(rs, 5),
        rs.getString(6),
        rs.getInt(7),
        rs.getString(8),
        rs.getString(9));
  }

  static ManagedPolicy policy(ResultSet rs) throws SQLException {
    return new ManagedPolicy(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        "v" + rs.getInt(5),
        rs.getString(6),
        instant(rs, 7),
        instant(rs, 8),
        true,
        rs.getInt(9));
  }

  static AccessKey accessKey(ResultSet rs) throws SQLException {
    String userId = rs.getString(3);
    AccessKeyOwner owner =
        userId == null ? new AccessKeyOwner.Root() : new AccessKeyOwner.IamUser(userId);
    AccessKeyStatus status =
        AccessKeyStatus.fromWireName(rs.getString(4))
            .orElseThrow(() -> new IllegalStateException("unknown key status in store"));
    return new AccessKey(rs.getString(1), rs.getString(2), owner, status, instant(rs, 5));
  }

  @Override
  public Optional<Account> account(String accountId) {
    return jdbc.one(
        "SELECT account_id, created_at FROM iam_accounts WHERE account_id = ?",
        rs -> new Account(rs.getString(1), instant(rs, 2)),
        accountId);
  }

  @Override
  public List<Account> accounts() {
    return jdbc.list(
        "SELECT account_id, created_at FROM iam_accounts ORDER BY account_id",
        rs -> new Account(rs.getString(1), instant(rs, 2)));
  }

  @Override
  public Optional<String> accountAlias(String accountId) {
    return jdbc.one(
            "SELECT alias FROM iam_accounts WHERE account_id = ?",
            rs -> Optional.ofNullable(rs.getString(1)),
            accountId)
        .flatMap(o -> o);
  }

  @Override
  public Optional<User> user(String accountId, String name) {
    return jdbc.one(
        "SELECT " + USER_COLUMNS + " FROM iam_users WHERE account_id = ? AND name_lc = ?",
        SqlReads::user,
        accountId,
        lower(name));
  }

  @Override
  public Optional<User> userById(String userId) {
    return jdbc.one(
        "SELECT " + USER_COLUMNS + " FROM iam_users WHERE id = ?", SqlReads::user, userId);
  }

  @Override
  public List<User> users(String accountId) {
    return jdbc.list(
        "SELECT " + USER_COLUMNS + " FROM iam_users WHERE account_id = ? ORDER BY name_lc",
        SqlReads::user,
        accountId);
  }

  @Override
  public Optional<Group> group(String accountId, String name) {
    return jdbc.one(
        "SELECT " + GROUP_COLUMNS + " FROM iam_groups WHERE account_id = ? AND name_lc = ?",
        SqlReads::group,
        accountId,
        lower(name));
  }

  @Override
  public List<Group> groups(String accountId) {
    return jdbc.list(
        "SELECT " + GROUP_COLUMNS + " FROM iam_groups WHERE account_id = ? ORDER BY name_lc",
        SqlReads::group,
        accountId);
  }

  @Override
  public List<Group> groupsForUser(String userId) {
    return jdbc.list(
        "SELECT g.account_id, g.name, g.id, g.path, g.created_at FROM iam_groups g"
            + " JOIN iam_group_members m ON m.group_id = g.id WHERE m.user_id = ?"
            + " ORDER BY g.name_lc",
        SqlReads::group,
        userId);
  }

  @Override
  public List<User> groupMembers(String groupId) {
    return jdbc.list(
        "SELECT u.account_id, u.name, u.id, u.path, u.created_at, u.boundary_arn FROM iam_users u"
            + " JOIN iam_group_members m ON m.user_id = u.id WHERE m.group_id = ?"
            + " ORDER BY u.name_lc",
        SqlReads::user,
        groupId);
  }

  @Override
  public Optional<Role> role(String accountId, String name) {
    return jdbc.one(
        "SELECT " + ROLE_COLUMNS + " FROM iam_roles WHERE account_id = ? AND name_lc = ?",
        SqlReads::role,
        accountId,
        lower(name));
  }

  @Override
  public List<Role> roles(String accountId) {
    return jdbc.list(
        "SELECT " + ROLE_COLUMNS + " FROM iam_roles WHERE account_id = ? ORDER BY name_lc",
        SqlReads::role,
        accountId);
  }

  @Override
  public Optional<InstanceProfile> instanceProfile(String accountId, String name) {
    return instanceProfiles.byName(accountId, name);
  }

  @Override
  public List<InstanceProfile> instanceProfiles(String accountId) {
    return instanceProfiles.all(accountId);
  }

  @Override
  public List<Role> instanceProfileRoles(String instanceProfileId) {
    return instanceProfiles.roles(instanceProfileId);
  }

  @Override
  public List<InstanceProfile> instanceProfilesForRole(String roleId) {
    return instanceProfiles.forRole(roleId);
  }

  @Override
  public Optional<OidcProvider> oidcProvider(String accountId, String url) {
    return oidcProviders.byUrl(accountId, url);
  }

  @Override
  public List<OidcProvider> oidcProviders(String accountId) {
    return oidcProviders.all(accountId);
  }

  @Override
  public Optional<RoleLastUsed> roleLastUsed(String roleId) {
    return jdbc.one(
            "SELECT last_used_at, last_used_region FROM iam_roles WHERE id = ?",
            rs -> {
              long at = rs.getLong(1);
              if (rs.wasNull()) {
                return Optional.<RoleLastUsed>empty();
              }
              return Optional.of(new RoleLastUsed(Instant.ofEpochMilli(at), rs.getString(2)));
            },
            roleId)
        .flatMap(o -> o);
  }

  @Override
  public Map<String, RoleLastUsed> rolesLastUsed(String accountId) {
    Map<String, RoleLastUsed> out = new HashMap<>();
    for (Map.Entry<String, RoleLastUsed> e :
        jdbc.list(
            "SELECT id, last_used_at, last_used_region FROM iam_roles"
                + " WHERE account_id = ? AND last_used_at IS NOT NULL",
            rs ->
                Map.entry(
                    rs.getString(1),
                    new RoleLastUsed(Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3))),
            accountId)) {
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  @Override
  public Optional<ManagedPolicy> policy(String accountId, String arn) {
    return jdbc.one(
        "SELECT " + POLICY_COLUMNS + " FROM iam_policies p WHERE p.account_id = ? AND p.arn = ?",
        SqlReads::policy,
        accountId,
        arn);
  }

  @Override
  public List<ManagedPolicy> policies(String accountId) {
    return jdbc.list(
        "SELECT "
            + POLICY_COLUMNS
            + " FROM iam_policies p WHERE p.account_id = ?"
            + " ORDER BY p.name_lc",
        SqlReads::policy,
        accountId);
  }

  @Override
  public List<PolicyVersion> policyVersions(String accountId, String policyArn) {
    return jdbc.list(
        "SELECT v.version_num, v.document, v.created_at, p.default_version"
            + " FROM iam_policy_versions v JOIN iam_policies p ON p.id = v.policy_id"
            + " WHERE p.account_id = ? AND p.arn = ? ORDER BY v.version_num",
        rs -> version(policyArn, rs),
        accountId,
        policyArn);
  }

  @Override
  public Optional<PolicyVersion> policyVersion(
      String accountId, String policyArn, String versionId) {
    Optional<Integer> number = versionNumber(versionId);
    if (number.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.one(
        "SELECT v.version_num, v.document, v.created_at, p.default_version"
            + " FROM iam_policy_versions v JOIN iam_policies p ON p.id = v.policy_id"
            + " WHERE p.account_id = ? AND p.arn = ? AND v.version_num = ?",
        rs -> version(policyArn, rs),
        accountId,
        policyArn,
        number.get());
  }

  /** The N of a plain {@code vN} version id. */
  static Optional<Integer> versionNumber(String versionId) {
    if (!versionId.matches("v[1-9][0-9]{0,8}")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(versionId.substring(1)));
  }

  private static PolicyVersion version(String arn, ResultSet rs) throws SQLException {
    int n = rs.getInt(1);
    return new PolicyVersion(arn, "v" + n, rs.getString(2), n == rs.getInt(4), instant(rs, 3));
  }

  @Override
  public Optional<InlinePolicy> inlinePolicy(String ownerId, String name) {
    return jdbc.one(
        "SELECT owner_id, name, document FROM iam_inline_policies"
            + " WHERE owner_id = ? AND name_lc = ?",
        rs -> new InlinePolicy(rs.getString(1), rs.getString(2), rs.getString(3)),
        ownerId,
        lower(name));
  }

  @Override
  public List<InlinePolicy> inlinePolicies(String ownerId) {
    return jdbc.list(
        "SELECT owner_id, name, document FROM iam_inline_policies WHERE owner_id = ?"
            + " ORDER BY name_lc",
        rs -> new InlinePolicy(rs.getString(1), rs.getString(2), rs.getString(3)),
        ownerId);
  }

  @Override
  public List<String> attachedPolicies(String entityId) {
    return jdbc.list(
        "SELECT policy_arn FROM iam_attachments WHERE entity_id = ? ORDER BY policy_arn",
        rs -> rs.getString(1),
        entityId);
  }

  @Override
  public List<EntityRef> entitiesForPolicy(String accountId, String policyArn) {
    List<EntityRef> out = new ArrayList<>();
    out.addAll(attachedTo(EntityKind.USER, "iam_users", accountId, policyArn));
    out.addAll(attachedTo(EntityKind.GROUP, "iam_groups", accountId, policyArn));
    out.addAll(attachedTo(EntityKind.ROLE, "iam_roles", accountId, policyArn));
    return out;
  }

  private List<EntityRef> attachedTo(
      EntityKind kind, String table, String accountId, String policyArn) {
    return jdbc.list(
        "SELECT e.id, e.name FROM iam_attachments a JOIN "
            + table
            + " e ON e.id = a.entity_id WHERE a.account_id = ? AND a.policy_arn = ?"
            + " ORDER BY e.name_lc",
        rs -> new EntityRef(kind, rs.getString(1), rs.getString(2)),
        accountId,
        policyArn);
  }

  @Override
  public Map<String, Integer> attachmentCounts(String accountId) {
    Map<String, Integer> out = new HashMap<>();
    jdbc.list(
            "SELECT policy_arn, COUNT(*) FROM iam_attachments WHERE account_id = ?"
                + " GROUP BY policy_arn",
            rs -> Map.entry(rs.getString(1), rs.getInt(2)),
            accountId)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return Map.copyOf(out);
  }

  @Override
  public List<Tag> tags(String entityId) {
    return jdbc.list(
        "SELECT tag_key, tag_value FROM iam_tags WHERE entity_id = ? ORDER BY key_lc",
        rs -> new Tag(rs.getString(1), rs.getString(2)),
        entityId);
  }

  @Override
  public Optional<AccessKey> accessKey(String accessKeyId) {
    return jdbc.one(
        "SELECT " + KEY_COLUMNS + " FROM iam_access_keys WHERE access_key_id = ?",
        SqlReads::accessKey,
        accessKeyId);
  }

  @Override
  public Optional<String> sealedSecret(String accessKeyId) {
    return jdbc.one(
        "SELECT sealed_secret FROM iam_access_keys WHERE access_key_id = ?",
        rs -> rs.getString(1),
        accessKeyId);
  }

  @Override
  public List<AccessKey> accessKeys(String accountId, AccessKeyOwner owner) {
    if (owner instanceof AccessKeyOwner.IamUser u) {
      return jdbc.list(
          "SELECT "
              + KEY_COLUMNS
              + " FROM iam_access_keys"
              + " WHERE account_id = ? AND user_id = ? ORDER BY access_key_id",
          SqlReads::accessKey,
          accountId,
          u.userId());
    }
    return jdbc.list(
        "SELECT "
            + KEY_COLUMNS
            + " FROM iam_access_keys"
            + " WHERE account_id = ? AND user_id IS NULL ORDER BY access_key_id",
        SqlReads::accessKey,
        accountId);
  }

  @Override
  public Optional<AccessKeyLastUsed> accessKeyLastUsed(String accessKeyId) {
    return jdbc.one(
            "SELECT last_used_at, last_used_service, last_used_region FROM iam_access_keys"
                + " WHERE access_key_id = ?",
            rs -> {
              long at = rs.getLong(1);
              if (rs.wasNull()) {
                return Optional.<AccessKeyLastUsed>empty();
              }
              return Optional.of(
                  new AccessKeyLastUsed(
                      Instant.ofEpochMilli(at), rs.getString(2), rs.getString(3)));
            },
            accessKeyId)
        .flatMap(o -> o);
  }

  @Override
  public Optional<Organization> organizationOf(String accountId) {
    return organizations.organizationOf(accountId);
  }

  @Override
  public Optional<OrganizationAccount> organizationAccount(String accountId) {
    return organizations.account(accountId);
  }

  @Override
  public List<OrganizationAccount> organizationAccounts(String organizationId) {
    return organizations.accounts(organizationId);
  }

  @Override
  public boolean organizationEmailInUse(String email) {
    return organizations.emailInUse(email);
  }

  @Override
  public List<Tag> organizationAccountTags(String accountId) {
    return organizations.tags(accountId);
  }

  @Override
  public Optional<CreateAccountStatus> createAccountStatus(String requestId) {
    return organizations.status(requestId);
  }

  @Override
  public Optional<LoginProfile> loginProfile(String userId) {
    return passwords.loginProfile(userId);
  }

  @Override
  public Optional<String> rootPasswordHash(String accountId) {
    return passwords.rootPasswordHash(accountId);
  }

  @Override
  public Optional<PasswordPolicy> passwordPolicy(String accountId) {
    return passwords.passwordPolicy(accountId);
  }

  @Override
  public Optional<VirtualMfaDevice> mfaDevice(String serialNumber) {
    return sts.device(serialNumber);
  }

  @Override
  public List<VirtualMfaDevice> mfaDevices(String accountId) {
    return sts.devices(accountId);
  }

  @Override
  public List<SessionRevocation> sessionRevocations() {
    return sts.revocations();
  }

  @Override
  public Optional<String> accountWithAlias(String alias) {
    return jdbc.one(
        "SELECT account_id FROM iam_accounts WHERE alias = ?", rs -> rs.getString(1), alias);
  }

  @Override
  public int userCount(String accountId) {
    return (int) jdbc.count("SELECT COUNT(*) FROM iam_users WHERE account_id = ?", accountId);
  }

  @Override
  public int groupCount(String accountId) {
    return (int) jdbc.count("SELECT COUNT(*) FROM iam_groups WHERE account_id = ?", accountId);
  }

  @Override
  public int roleCount(String accountId) {
    return (int) jdbc.count("SELECT COUNT(*) FROM iam_roles WHERE account_id = ?", accountId);
  }

  @Override
  public int instanceProfileCount(String accountId) {
    return (int)
        jdbc.count("SELECT COUNT(*) FROM iam_instance_profiles WHERE account_id = ?", accountId);
  }

  @Override
  public int oidcProviderCount(String accountId) {
    return (int)
        jdbc.count("SELECT COUNT(*) FROM iam_oidc_providers WHERE account_id = ?", accountId);
  }

  @Override
  public int policyCount(String accountId) {
    return (int) jdbc.count("SELECT COUNT(*) FROM iam_policies WHERE account_id = ?", accountId);
  }

  @Override
  public Optional<ManagedPolicy> policyByName(String accountId, String name) {
    return jdbc.one(
        "SELECT "
            + POLICY_COLUMNS
            + " FROM iam_policies p WHERE p.account_id = ? AND p.name_lc = ?",
        SqlReads::policy,
        accountId,
        lower(name));
  }

  @Override
  public int boundaryUseCount(String policyArn) {
    return (int)
        (jdbc.count("SELECT COUNT(*) FROM iam_users WHERE boundary_arn = ?", policyArn)
            + jdbc.count("SELECT COUNT(*) FROM iam_roles WHERE boundary_arn = ?", policyArn));
  }

  @Override
  public boolean mfaSerialTaken(String serialNumber) {
    return sts.serialTaken(serialNumber);
  }

  @Override
  public boolean userHasMfaDevice(String userId) {
    return sts.userHasDevice(userId);
  }
}
