package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamRulesFixture.DOC;
import static dev.gatehouse.core.iam.IamRulesFixture.NO_ACCOUNT;
import static dev.gatehouse.core.iam.IamRulesFixture.T0;
import static dev.gatehouse.core.iam.IamRulesFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.OidcProvider;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.mfa.TotpState;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.store.StoreConflict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AWS's uniqueness rules and quotas on IAM writes ({@link IamRules}): names, aliases, provider
 * URLs, MFA serial numbers, and the store's conflicts as AWS errors. Each rule is shown refusing
 * with AWS's code and text, on the memory store (the store contract shows every adapter persists
 * what they let through).
 */
class IamRulesUniquenessTest {
  private final IamRulesFixture f = new IamRulesFixture();

  @Test
  void accountsAreCreatedOnceAndAliasesAreUniqueAcrossAccounts() {
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Account " + f.account + " already exists.",
        () -> f.write(tx -> IamRules.createAccount(tx, new Account(f.account, T0))));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () -> f.write(tx -> IamRules.setAccountAlias(tx, "999999999999", "x")));
    String alias = "alias-" + f.account;
    f.write(tx -> IamRules.setAccountAlias(tx, f.account, alias));
    String other = f.newAccount();
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "The account alias " + alias + " already exists.",
        () -> f.write(tx -> IamRules.setAccountAlias(tx, other, alias)));
    // Setting the alias an f.account already has is no conflict.
    f.write(tx -> IamRules.setAccountAlias(tx, f.account, alias));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The account alias nope cannot be found.",
        () -> f.write(tx -> IamRules.deleteAccountAlias(tx, f.account, "nope")));
    f.write(tx -> IamRules.deleteAccountAlias(tx, f.account, alias));
    f.write(tx -> IamRules.setAccountAlias(tx, other, alias));
    assertThat(f.read(tx -> tx.accounts().accountAlias(other)).orElseThrow()).isEqualTo(alias);
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () -> f.write(tx -> IamRules.setRootPasswordHash(tx, "999999999999", "h")));
  }

  @Test
  void namesAreUniquePerAccountCaseInsensitivelyAndEntitiesNeedTheirAccount() {
    User bob = f.createUser("Bob");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "User with name BOB already exists.",
        () -> f.createUser("BOB"));
    f.createUser("alice");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "User with name ALICE already exists.",
        () -> f.write(tx -> IamRules.updateUser(tx, bob, bob.withNameAndPath("ALICE", "/"))));
    // A different case of its own name is no conflict.
    f.write(tx -> IamRules.updateUser(tx, bob, bob.withNameAndPath("BOB", "/x/")));

    Group g = f.createGroup("Admins");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Group with name ADMINS already exists.",
        () -> f.createGroup("ADMINS"));
    f.createGroup("Dev");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Group with name dev already exists.",
        () -> f.write(tx -> IamRules.updateGroup(tx, g, g.withNameAndPath("dev", "/"))));
    f.write(tx -> IamRules.updateGroup(tx, g, g.withNameAndPath("Ops", "/")));

    f.createRole("Deployer");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Role with name deployer already exists.",
        () -> f.createRole("deployer"));
    f.createPolicy("ReadOnly");
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "A policy called readonly already exists. Duplicate names are not allowed.",
        () -> f.createPolicy("readonly"));

    String none = "999999999999";
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () ->
            f.write(
                tx ->
                    IamRules.createUser(
                        tx, new User(none, "u", f.ids.userId(), "/", T0, ""), Users.MAX_USERS)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () ->
            f.write(
                tx ->
                    IamRules.createGroup(
                        tx, new Group(none, "g", f.ids.groupId(), "/", T0), Groups.MAX_GROUPS)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () -> f.write(tx -> IamRules.createRole(tx, f.role(none, "r"), Roles.MAX_ROLES)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () ->
            f.write(
                tx ->
                    IamRules.createPolicy(
                        tx, f.policy(none, "p"), DOC, ManagedPolicies.MAX_POLICIES)));
  }

  @Test
  void accountQuotasAreCountedBeforeTheAccountIsChecked() {
    f.createUser("a");
    f.createUser("b");
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for UsersPerAccount: 2",
        () -> f.write(tx -> IamRules.createUser(tx, f.user("c"), 2)));
    f.createGroup("g");
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for GroupsPerAccount: 1",
        () ->
            f.write(
                tx -> IamRules.createGroup(tx, new Group(f.account, "h", "AGPAX", "/", T0), 1)));
    f.createRole("r");
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for RolesPerAccount: 1",
        () -> f.write(tx -> IamRules.createRole(tx, f.role(f.account, "s"), 1)));
    f.createPolicy("p");
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for PoliciesPerAccount: 1",
        () -> f.write(tx -> IamRules.createPolicy(tx, f.policy(f.account, "q"), DOC, 1)));
  }

  @Test
  void providerUrlsAreUniqueAndCounted() {
    OidcProvider p =
        new OidcProvider(f.account, "OIDC1", "idp.example.com", List.of(), List.of(), T0);
    f.write(tx -> IamRules.createOidcProvider(tx, p, 2));
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "Provider with url https://idp.example.com already exists.",
        () ->
            f.write(
                tx ->
                    IamRules.createOidcProvider(
                        tx,
                        new OidcProvider(
                            f.account, "OIDC2", "idp.example.com", List.of(), List.of(), T0),
                        2)));
    f.write(
        tx ->
            IamRules.createOidcProvider(
                tx,
                new OidcProvider(f.account, "OIDC3", "b.example", List.of(), List.of(), T0),
                2));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for OpenIdConnectProvidersPerAccount: 2",
        () ->
            f.write(
                tx ->
                    IamRules.createOidcProvider(
                        tx,
                        new OidcProvider(f.account, "OIDC4", "c.example", List.of(), List.of(), T0),
                        2)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () ->
            f.write(
                tx ->
                    IamRules.createOidcProvider(
                        tx,
                        new OidcProvider(
                            "999999999999", "OIDCX", "x.example", List.of(), List.of(), T0),
                        2)));
  }

  @Test
  void mfaSerialNumbersAreUniqueCaseInsensitivelyAndAssigneesMustExist() {
    VirtualMfaDevice d = f.device("A-device");
    f.write(tx -> IamRules.createMfaDevice(tx, d));
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "MFADevice entity at the same path and name already exists.",
        () -> f.write(tx -> IamRules.createMfaDevice(tx, f.device("a-DEVICE"))));
    VirtualMfaDevice none = f.device("none");
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "MFA Device with serial number " + none.serialNumber() + " does not exist.",
        () -> f.write(tx -> IamRules.updateMfaDevice(tx, none)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The user with id AIDAGHOST cannot be found.",
        () ->
            f.write(
                tx ->
                    IamRules.updateMfaDevice(
                        tx, d.enabledFor("AIDAGHOST", T0, TotpState.initial()))));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        NO_ACCOUNT,
        () ->
            f.write(
                tx ->
                    IamRules.createMfaDevice(
                        tx,
                        VirtualMfaDevice.unassigned(
                            "999999999999", "arn:aws:iam::999999999999:mfa/x", "s", T0))));
  }

  @Test
  void aConflictTheStoreReportsBecomesAwsError() {
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "User with name u already exists.",
        () ->
            IamRules.unique(
                () -> {
                  throw new StoreConflict("duplicate", null);
                },
                () -> dev.gatehouse.core.error.IamErrors.userExists("u")));
    // Anything else passes through untouched.
    assertThatThrownBy(
            () ->
                IamRules.unique(
                    () -> {
                      throw new IllegalStateException("boom");
                    },
                    () -> dev.gatehouse.core.error.IamErrors.userExists("u")))
        .isInstanceOf(IllegalStateException.class);
  }
}
