package dev.gatehouse.core.error;

/**
 * AWS's IAM error texts, in one place so the services and every store adapter say the same.
 *
 * <p>Texts are those AWS returns (as quoted in public tool logs and issue threads, e.g. "Cannot
 * exceed quota for PoliciesPerRole: 10", "Cannot delete entity, must remove users from group
 * first.", "A managed policy can have up to 5 versions. ...").
 */
public final class IamErrors {
  private IamErrors() {}

  public static GatehouseException noSuchUser(String name) {
    return GatehouseException.noSuchEntity("The user with name " + name + " cannot be found.");
  }

  public static GatehouseException noSuchGroup(String name) {
    return GatehouseException.noSuchEntity("The group with name " + name + " cannot be found.");
  }

  public static GatehouseException noSuchRole(String name) {
    return GatehouseException.noSuchEntity("The role with name " + name + " cannot be found.");
  }

  public static GatehouseException noSuchInstanceProfile(String name) {
    return GatehouseException.noSuchEntity("Instance Profile " + name + " cannot be found.");
  }

  /** RemoveRoleFromInstanceProfile for a role the profile does not hold. */
  public static GatehouseException roleNotInInstanceProfile(String roleName, String profileName) {
    return GatehouseException.noSuchEntity(
        "The role with name "
            + roleName
            + " cannot be found in instance profile "
            + profileName
            + ".");
  }

  public static GatehouseException instanceProfileExists(String name) {
    return GatehouseException.alreadyExists("Instance Profile " + name + " already exists.");
  }

  /**
   * DeleteRole while the role is in an instance profile, DeleteInstanceProfile while it has one.
   */
  public static GatehouseException mustRemoveRolesFromInstanceProfile() {
    return GatehouseException.deleteConflict(
        "Cannot delete entity, must remove roles from instance profile first.");
  }

  public static GatehouseException noSuchOidcProvider(String arn) {
    return GatehouseException.noSuchEntity("OpenIDConnect Provider not found for arn " + arn);
  }

  /** {@code url} as the request gave it, with {@code https://}. */
  public static GatehouseException oidcProviderExists(String url) {
    return GatehouseException.alreadyExists("Provider with url " + url + " already exists.");
  }

  public static GatehouseException noSuchPolicy(String arn) {
    return GatehouseException.noSuchEntity("Policy " + arn + " was not found.");
  }

  public static GatehouseException noSuchAttachablePolicy(String arn) {
    return GatehouseException.noSuchEntity(
        "Policy " + arn + " does not exist or is not attachable.");
  }

  public static GatehouseException noSuchPolicyVersion(String arn, String versionId) {
    return GatehouseException.noSuchEntity(
        "Policy " + arn + " version " + versionId + " does not exist or is not attachable.");
  }

  public static GatehouseException policyNotAttached(String arn) {
    return GatehouseException.noSuchEntity("Policy " + arn + " was not found.");
  }

  /** {@code entityWord} is {@code user}, {@code group} or {@code role}. */
  public static GatehouseException noSuchInlinePolicy(String entityWord, String name) {
    return GatehouseException.noSuchEntity(
        "The " + entityWord + " policy with name " + name + " cannot be found.");
  }

  public static GatehouseException noSuchAccessKey(String accessKeyId) {
    return GatehouseException.noSuchEntity(
        "The Access Key with id " + accessKeyId + " cannot be found.");
  }

  public static GatehouseException noSuchAccount(String accountId) {
    return GatehouseException.noSuchEntity("The account " + accountId + " cannot be found.");
  }

  public static GatehouseException userExists(String name) {
    return GatehouseException.alreadyExists("User with name " + name + " already exists.");
  }

  public static GatehouseException groupExists(String name) {
    return GatehouseException.alreadyExists("Group with name " + name + " already exists.");
  }

  public static GatehouseException roleExists(String name) {
    return GatehouseException.alreadyExists("Role with name " + name + " already exists.");
  }

  public static GatehouseException policyExists(String name) {
    return GatehouseException.alreadyExists(
        "A policy called " + name + " already exists. Duplicate names are not allowed.");
  }

  public static GatehouseException accountExists(String accountId) {
    return GatehouseException.alreadyExists("Account " + accountId + " already exists.");
  }

  public static GatehouseException aliasExists(String alias) {
    return GatehouseException.alreadyExists("The account alias " + alias + " already exists.");
  }

  public static GatehouseException accessKeyExists(String accessKeyId) {
    return GatehouseException.alreadyExists(
        "The Access Key with id " + accessKeyId + " already exists.");
  }

  /** spec: IAM quotas page names, e.g. {@code AccessKeysPerUser}, {@code PoliciesPerRole}. */
  public static GatehouseException quota(String quotaName, int limit) {
    return GatehouseException.limitExceeded("Cannot exceed quota for " + quotaName + ": " + limit);
  }

  /** spec: TagUser/TagRole: at most 50 tags per resource. */
  public static GatehouseException tagLimit(int limit) {
    return GatehouseException.limitExceeded("Cannot exceed quota for TagsPerResource: " + limit);
  }

  public static GatehouseException policyVersionLimit(int limit) {
    return GatehouseException.limitExceeded(
        "A managed policy can have up to "
            + limit
            + " versions. Before you create a new version, you must delete an existing version.");
  }

  public static GatehouseException mustDeleteAccessKeys() {
    return GatehouseException.deleteConflict(
        "Cannot delete entity, must delete access keys first.");
  }

  /** DeleteUser while the user has signing certificates. */
  public static GatehouseException mustDeleteSigningCertificates() {
    return GatehouseException.deleteConflict(
        "Cannot delete entity, must delete signing certificates first.");
  }

  /** DeleteUser while the user has SSH public keys. */
  public static GatehouseException mustDeleteSshPublicKeys() {
    return GatehouseException.deleteConflict(
        "Cannot delete entity, must delete SSH public keys first.");
  }

  public static GatehouseException mustDeletePolicies() {
    return GatehouseException.deleteConflict("Cannot delete entity, must delete policies first.");
  }

  public static GatehouseException mustDetachPolicies() {
    return GatehouseException.deleteConflict(
        "Cannot delete entity, must detach all policies first.");
  }

  /** DeleteUser while the user has an MFA device enabled. */
  public static GatehouseException mustDeleteMfaDevice() {
    return GatehouseException.deleteConflict("Cannot delete entity, must delete MFA device first.");
  }

  public static GatehouseException mustRemoveFromGroups() {
    return GatehouseException.deleteConflict(
        "Cannot delete entity, must remove users from group first.");
  }

  public static GatehouseException policyAttached() {
    return GatehouseException.deleteConflict("Cannot delete a policy attached to entities.");
  }

  public static GatehouseException policyHasVersions() {
    return GatehouseException.deleteConflict(
        "This policy has more than one version. Before you delete a policy, you must delete the"
            + " policy's versions. The default version is deleted with the policy.");
  }

  public static GatehouseException cannotDeleteDefaultVersion() {
    return GatehouseException.deleteConflict("Cannot delete the default version of a policy.");
  }

  /** spec: GetLoginProfile/UpdateLoginProfile/DeleteLoginProfile NoSuchEntity. */
  public static GatehouseException noSuchLoginProfile(String userName) {
    return GatehouseException.noSuchEntity(
        "Login Profile for User " + userName + " cannot be found.");
  }

  public static GatehouseException loginProfileExists(String userName) {
    return GatehouseException.alreadyExists(
        "Login Profile for user " + userName + " already exists.");
  }

  public static GatehouseException mustDeleteLoginProfile() {
    return GatehouseException.deleteConflict(
        "Cannot delete entity, must delete login profile first.");
  }

  /** spec: GetAccountPasswordPolicy NoSuchEntity when the account has no policy. */
  public static GatehouseException noPasswordPolicy(String accountId) {
    return GatehouseException.noSuchEntity(
        "The Password Policy with domain name " + accountId + " cannot be found.");
  }
}
