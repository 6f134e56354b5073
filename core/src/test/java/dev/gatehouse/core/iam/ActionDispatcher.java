package dev.gatehouse.core.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Calls an IAM service method from an action name and Query-style parameters, for the data-driven
 * error corpus. Absent parameters are empty strings, as the server passes them.
 */
final class ActionDispatcher {
  private final IamServices iam;
  private final String account;

  ActionDispatcher(IamServices iam, String account) {
    this.iam = iam;
    this.account = account;
  }

  private static String s(JsonNode p, String name) {
    JsonNode n = p.get(name);
    return n == null ? "" : n.asText();
  }

  private static int i(JsonNode p, String name) {
    JsonNode n = p.get(name);
    return n == null ? 0 : n.asInt();
  }

  private static List<Tag> tags(JsonNode p) {
    List<Tag> out = new ArrayList<>();
    JsonNode n = p.get("Tags");
    if (n != null) {
      n.forEach(t -> out.add(new Tag(s(t, "Key"), s(t, "Value"))));
    }
    return out;
  }

  private static List<String> tagKeys(JsonNode p) {
    List<String> out = new ArrayList<>();
    JsonNode n = p.get("TagKeys");
    if (n != null) {
      n.forEach(k -> out.add(k.asText()));
    }
    return out;
  }

  private static List<String> strings(JsonNode p, String name) {
    List<String> out = new ArrayList<>();
    JsonNode n = p.get(name);
    if (n != null) {
      n.forEach(k -> out.add(k.asText()));
    }
    return out;
  }

  private static Optional<Integer> optionalInt(JsonNode p, String name) {
    return p.has(name) ? Optional.of(p.get(name).asInt()) : Optional.empty();
  }

  private static KeyHolder holder(JsonNode p) {
    return p.has("UserName") ? KeyHolder.user(s(p, "UserName")) : KeyHolder.root();
  }

  private PageRequest page(JsonNode p) {
    return PageRequest.parse(s(p, "Marker"), s(p, "MaxItems"));
  }

  /** Runs one action; returns a short description of the result. */
  Object call(String action, JsonNode p) {
    return switch (action) {
      case "CreateUser" ->
          iam.users()
              .createUser(
                  account,
                  new Users.CreateUserRequest(
                      s(p, "UserName"), s(p, "Path"), s(p, "PermissionsBoundary"), tags(p)));
      case "GetUser" -> iam.users().getUser(account, s(p, "UserName"));
      case "ListUsers" -> iam.users().listUsers(account, s(p, "PathPrefix"), page(p));
      case "UpdateUser" ->
          iam.users().updateUser(account, s(p, "UserName"), s(p, "NewUserName"), s(p, "NewPath"));
      case "DeleteUser" -> {
        iam.users().deleteUser(account, s(p, "UserName"));
        yield "ok";
      }
      case "TagUser" -> {
        iam.users().tagUser(account, s(p, "UserName"), tags(p));
        yield "ok";
      }
      case "UntagUser" -> {
        iam.users().untagUser(account, s(p, "UserName"), tagKeys(p));
        yield "ok";
      }
      case "PutUserPermissionsBoundary" -> {
        iam.users()
            .putUserPermissionsBoundary(account, s(p, "UserName"), s(p, "PermissionsBoundary"));
        yield "ok";
      }
      case "CreateGroup" -> iam.groups().createGroup(account, s(p, "GroupName"), s(p, "Path"));
      case "GetGroup" -> iam.groups().getGroup(account, s(p, "GroupName"), page(p));
      case "UpdateGroup" ->
          iam.groups()
              .updateGroup(account, s(p, "GroupName"), s(p, "NewGroupName"), s(p, "NewPath"));
      case "DeleteGroup" -> {
        iam.groups().deleteGroup(account, s(p, "GroupName"));
        yield "ok";
      }
      case "AddUserToGroup" -> {
        iam.groups().addUserToGroup(account, s(p, "GroupName"), s(p, "UserName"));
        yield "ok";
      }
      case "RemoveUserFromGroup" -> {
        iam.groups().removeUserFromGroup(account, s(p, "GroupName"), s(p, "UserName"));
        yield "ok";
      }
      case "CreateRole" ->
          iam.roles()
              .createRole(
                  account,
                  new Roles.CreateRoleRequest(
                      s(p, "RoleName"),
                      s(p, "Path"),
                      s(p, "AssumeRolePolicyDocument"),
                      s(p, "Description"),
                      i(p, "MaxSessionDuration"),
                      s(p, "PermissionsBoundary"),
                      tags(p)));
      case "GetRole" -> iam.roles().getRole(account, s(p, "RoleName"));
      case "UpdateRole" ->
          iam.roles()
              .updateRole(
                  account,
                  s(p, "RoleName"),
                  p.has("Description"),
                  s(p, "Description"),
                  i(p, "MaxSessionDuration"));
      case "UpdateAssumeRolePolicy" -> {
        iam.roles().updateAssumeRolePolicy(account, s(p, "RoleName"), s(p, "PolicyDocument"));
        yield "ok";
      }
      case "DeleteRole" -> {
        iam.roles().deleteRole(account, s(p, "RoleName"));
        yield "ok";
      }
      case "TagRole" -> {
        iam.roles().tagRole(account, s(p, "RoleName"), tags(p));
        yield "ok";
      }
      case "PutRolePermissionsBoundary" -> {
        iam.roles()
            .putRolePermissionsBoundary(account, s(p, "RoleName"), s(p, "PermissionsBoundary"));
        yield "ok";
      }
      case "ListInstanceProfilesForRole" ->
          iam.instanceProfiles().listForRole(account, s(p, "RoleName"), page(p));
      case "CreateInstanceProfile" ->
          iam.instanceProfiles()
              .create(
                  account,
                  new InstanceProfiles.CreateInstanceProfileRequest(
                      s(p, "InstanceProfileName"), s(p, "Path"), tags(p)));
      case "GetInstanceProfile" -> iam.instanceProfiles().get(account, s(p, "InstanceProfileName"));
      case "ListInstanceProfiles" ->
          iam.instanceProfiles().list(account, s(p, "PathPrefix"), page(p));
      case "DeleteInstanceProfile" -> {
        iam.instanceProfiles().delete(account, s(p, "InstanceProfileName"));
        yield "ok";
      }
      case "AddRoleToInstanceProfile" -> {
        iam.instanceProfiles().addRole(account, s(p, "InstanceProfileName"), s(p, "RoleName"));
        yield "ok";
      }
      case "RemoveRoleFromInstanceProfile" -> {
        iam.instanceProfiles().removeRole(account, s(p, "InstanceProfileName"), s(p, "RoleName"));
        yield "ok";
      }
      case "TagInstanceProfile" -> {
        iam.instanceProfiles().tag(account, s(p, "InstanceProfileName"), tags(p));
        yield "ok";
      }
      case "UntagInstanceProfile" -> {
        iam.instanceProfiles().untag(account, s(p, "InstanceProfileName"), tagKeys(p));
        yield "ok";
      }
      case "ListInstanceProfileTags" ->
          iam.instanceProfiles().listTags(account, s(p, "InstanceProfileName"), page(p));
      case "CreateOpenIDConnectProvider" ->
          iam.oidcProviders()
              .create(
                  account,
                  new OidcProviders.CreateOidcProviderRequest(
                      s(p, "Url"),
                      strings(p, "ClientIDList"),
                      strings(p, "ThumbprintList"),
                      tags(p)));
      case "GetOpenIDConnectProvider" ->
          iam.oidcProviders().get(account, s(p, "OpenIDConnectProviderArn"));
      case "DeleteOpenIDConnectProvider" -> {
        iam.oidcProviders().delete(account, s(p, "OpenIDConnectProviderArn"));
        yield "ok";
      }
      case "AddClientIDToOpenIDConnectProvider" -> {
        iam.oidcProviders()
            .addClientId(account, s(p, "OpenIDConnectProviderArn"), s(p, "ClientID"));
        yield "ok";
      }
      case "RemoveClientIDFromOpenIDConnectProvider" -> {
        iam.oidcProviders()
            .removeClientId(account, s(p, "OpenIDConnectProviderArn"), s(p, "ClientID"));
        yield "ok";
      }
      case "UpdateOpenIDConnectProviderThumbprint" -> {
        iam.oidcProviders()
            .updateThumbprints(
                account, s(p, "OpenIDConnectProviderArn"), strings(p, "ThumbprintList"));
        yield "ok";
      }
      case "TagOpenIDConnectProvider" -> {
        iam.oidcProviders().tag(account, s(p, "OpenIDConnectProviderArn"), tags(p));
        yield "ok";
      }
      case "UntagOpenIDConnectProvider" -> {
        iam.oidcProviders().untag(account, s(p, "OpenIDConnectProviderArn"), tagKeys(p));
        yield "ok";
      }
      case "ListOpenIDConnectProviderTags" ->
          iam.oidcProviders().listTags(account, s(p, "OpenIDConnectProviderArn"), page(p));
      case "TagPolicy" -> {
        iam.policyTags().tag(account, s(p, "PolicyArn"), tags(p));
        yield "ok";
      }
      case "UntagPolicy" -> {
        iam.policyTags().untag(account, s(p, "PolicyArn"), tagKeys(p));
        yield "ok";
      }
      case "ListPolicyTags" -> iam.policyTags().list(account, s(p, "PolicyArn"), page(p));
      case "CreatePolicy" ->
          iam.managedPolicies()
              .createPolicy(
                  account,
                  new ManagedPolicies.CreatePolicyRequest(
                      s(p, "PolicyName"),
                      s(p, "Path"),
                      s(p, "PolicyDocument"),
                      s(p, "Description"),
                      tags(p)));
      case "GetPolicy" -> iam.managedPolicies().getPolicy(account, s(p, "PolicyArn"));
      case "DeletePolicy" -> {
        iam.managedPolicies().deletePolicy(account, s(p, "PolicyArn"));
        yield "ok";
      }
      case "CreatePolicyVersion" ->
          iam.managedPolicies()
              .createPolicyVersion(
                  account,
                  s(p, "PolicyArn"),
                  s(p, "PolicyDocument"),
                  "true".equals(s(p, "SetAsDefault")));
      case "GetPolicyVersion" ->
          iam.managedPolicies().getPolicyVersion(account, s(p, "PolicyArn"), s(p, "VersionId"));
      case "DeletePolicyVersion" -> {
        iam.managedPolicies().deletePolicyVersion(account, s(p, "PolicyArn"), s(p, "VersionId"));
        yield "ok";
      }
      case "SetDefaultPolicyVersion" -> {
        iam.managedPolicies()
            .setDefaultPolicyVersion(account, s(p, "PolicyArn"), s(p, "VersionId"));
        yield "ok";
      }
      case "AttachUserPolicy" -> {
        iam.attachments().attachUserPolicy(account, s(p, "UserName"), s(p, "PolicyArn"));
        yield "ok";
      }
      case "AttachGroupPolicy" -> {
        iam.attachments().attachGroupPolicy(account, s(p, "GroupName"), s(p, "PolicyArn"));
        yield "ok";
      }
      case "AttachRolePolicy" -> {
        iam.attachments().attachRolePolicy(account, s(p, "RoleName"), s(p, "PolicyArn"));
        yield "ok";
      }
      case "DetachUserPolicy" -> {
        iam.attachments().detachUserPolicy(account, s(p, "UserName"), s(p, "PolicyArn"));
        yield "ok";
      }
      case "DetachRolePolicy" -> {
        iam.attachments().detachRolePolicy(account, s(p, "RoleName"), s(p, "PolicyArn"));
        yield "ok";
      }
      case "ListEntitiesForPolicy" ->
          iam.attachments()
              .listEntitiesForPolicy(
                  account, s(p, "PolicyArn"), List.of(), s(p, "PathPrefix"), page(p));
      case "PutUserPolicy" -> {
        iam.inlinePolicies()
            .put(
                account,
                EntityKind.USER,
                s(p, "UserName"),
                s(p, "PolicyName"),
                s(p, "PolicyDocument"));
        yield "ok";
      }
      case "PutGroupPolicy" -> {
        iam.inlinePolicies()
            .put(
                account,
                EntityKind.GROUP,
                s(p, "GroupName"),
                s(p, "PolicyName"),
                s(p, "PolicyDocument"));
        yield "ok";
      }
      case "PutRolePolicy" -> {
        iam.inlinePolicies()
            .put(
                account,
                EntityKind.ROLE,
                s(p, "RoleName"),
                s(p, "PolicyName"),
                s(p, "PolicyDocument"));
        yield "ok";
      }
      case "GetUserPolicy" ->
          iam.inlinePolicies().get(account, EntityKind.USER, s(p, "UserName"), s(p, "PolicyName"));
      case "DeleteRolePolicy" -> {
        iam.inlinePolicies().delete(account, EntityKind.ROLE, s(p, "RoleName"), s(p, "PolicyName"));
        yield "ok";
      }
      case "CreateAccessKey" -> iam.accessKeys().createAccessKey(account, holder(p));
      case "UpdateAccessKey" -> {
        iam.accessKeys()
            .updateAccessKey(
                account,
                holder(p),
                s(p, "AccessKeyId"),
                AccessKeyStatus.fromWireName(s(p, "Status")).orElseThrow());
        yield "ok";
      }
      case "DeleteAccessKey" -> {
        iam.accessKeys().deleteAccessKey(account, holder(p), s(p, "AccessKeyId"));
        yield "ok";
      }
      case "GetAccessKeyLastUsed" ->
          iam.accessKeys().getAccessKeyLastUsed(account, s(p, "AccessKeyId"));
      case "CreateAccountAlias" -> {
        iam.accounts().createAccountAlias(account, s(p, "AccountAlias"));
        yield "ok";
      }
      case "DeleteAccountAlias" -> {
        iam.accounts().deleteAccountAlias(account, s(p, "AccountAlias"));
        yield "ok";
      }
      case "CreateLoginProfile" ->
          iam.loginProfiles()
              .create(
                  account,
                  s(p, "UserName"),
                  s(p, "Password"),
                  p.path("PasswordResetRequired").asBoolean(false));
      case "GetLoginProfile" -> iam.loginProfiles().get(account, s(p, "UserName"));
      case "UpdateLoginProfile" -> {
        iam.loginProfiles()
            .update(
                account,
                s(p, "UserName"),
                p.has("Password") ? Optional.of(s(p, "Password")) : Optional.empty(),
                p.has("PasswordResetRequired")
                    ? Optional.of(p.get("PasswordResetRequired").asBoolean())
                    : Optional.empty());
        yield "ok";
      }
      case "DeleteLoginProfile" -> {
        iam.loginProfiles().delete(account, s(p, "UserName"));
        yield "ok";
      }
      case "ChangePassword" -> {
        // The caller is the user named by UserName (the server takes it from the signature).
        iam.consoleSignIn()
            .changePassword(
                account, s(p, "UserName"), s(p, "OldPassword"), s(p, "NewPassword"), "dispatcher");
        yield "ok";
      }
      case "UpdateAccountPasswordPolicy" ->
          iam.loginProfiles()
              .updateAccountPasswordPolicy(
                  account,
                  new LoginProfiles.PolicyRequest(
                      optionalInt(p, "MinimumPasswordLength"),
                      p.path("RequireSymbols").asBoolean(false),
                      p.path("RequireNumbers").asBoolean(false),
                      p.path("RequireUppercaseCharacters").asBoolean(false),
                      p.path("RequireLowercaseCharacters").asBoolean(false),
                      p.path("AllowUsersToChangePassword").asBoolean(false),
                      optionalInt(p, "MaxPasswordAge"),
                      optionalInt(p, "PasswordReusePrevention"),
                      p.path("HardExpiry").asBoolean(false)));
      case "GetAccountPasswordPolicy" -> iam.loginProfiles().getAccountPasswordPolicy(account);
      case "DeleteAccountPasswordPolicy" -> {
        iam.loginProfiles().deleteAccountPasswordPolicy(account);
        yield "ok";
      }
      default ->
          throw new IllegalArgumentException("no such action in the test dispatcher: " + action);
    };
  }
}
