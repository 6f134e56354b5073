package dev.gatehouse.core.org;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;

/**
 * AWS Organizations' error texts, in one place so the services and every store adapter say the
 * same.
 *
 * <p>spec: the texts AWS returns as quoted in public tool logs ("Your account is not a member of an
 * organization.", "You don't have permissions to access this resource.", "You specified an account
 * that doesn't exist.") and, where none is quoted, the error's description in the Organizations API
 * Reference.
 */
public final class OrganizationsErrors {
  private OrganizationsErrors() {}

  public static GatehouseException notInUse() {
    return new GatehouseException(
        ErrorCode.ORGANIZATIONS_NOT_IN_USE, "Your account is not a member of an organization.");
  }

  /** A member account calling an action only the management account may call. */
  public static GatehouseException notManagement() {
    return new GatehouseException(
        ErrorCode.ORGANIZATIONS_ACCESS_DENIED,
        "You don't have permissions to access this resource.");
  }

  public static GatehouseException alreadyInOrganization() {
    return new GatehouseException(
        ErrorCode.ALREADY_IN_ORGANIZATION,
        "This account is already a member of an organization. An account can belong to only one"
            + " organization at a time.");
  }

  public static GatehouseException accountNotFound() {
    return new GatehouseException(
        ErrorCode.ACCOUNT_NOT_FOUND, "You specified an account that doesn't exist.");
  }

  /** spec: TargetNotFoundException in the Organizations API Reference. */
  public static GatehouseException targetNotFound() {
    return new GatehouseException(
        ErrorCode.TARGET_NOT_FOUND,
        "We can't find a root, OU, account, or policy with the TargetId that you specified.");
  }

  /** spec: ChildNotFoundException in the Organizations API Reference. */
  public static GatehouseException childNotFound() {
    return new GatehouseException(
        ErrorCode.CHILD_NOT_FOUND,
        "We can't find an organizational unit (OU) or Amazon Web Services account with the"
            + " ChildId that you specified.");
  }

  public static GatehouseException createAccountStatusNotFound() {
    return new GatehouseException(
        ErrorCode.CREATE_ACCOUNT_STATUS_NOT_FOUND,
        "We can't find an create account request with the CreateAccountRequestId that you"
            + " specified.");
  }

  public static GatehouseException duplicateAccount() {
    return new GatehouseException(
        ErrorCode.DUPLICATE_ACCOUNT,
        "That account is already present in the specified destination.");
  }

  /** InvalidInputException with its Reason; the message names the member and the rule broken. */
  public static OrganizationsException invalidInput(String reason, String message) {
    return new OrganizationsException(ErrorCode.ORGANIZATIONS_INVALID_INPUT, reason, message);
  }
}
