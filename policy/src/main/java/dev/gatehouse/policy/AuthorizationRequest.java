package dev.gatehouse.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * One question for the evaluator: may {@code caller} perform {@code action} on {@code resource}
 * (owned by {@code resourceAccount}) in {@code context}? Prepared once: the action is lower-cased
 * and split here, so evaluation does no string work on it.
 */
public final class AuthorizationRequest {
  private final Caller caller;
  private final String action;
  private final String actionLower;
  private final String service;
  private final String actionName;
  private final String resource;
  private final String resourceAccount;
  private final RequestContext context;
  private final boolean sameAccount;

  /**
   * Creates a request.
   *
   * @param resourceAccount the account owning the resource; empty means the caller's account
   */
  public AuthorizationRequest(
      Caller caller,
      String action,
      String resource,
      String resourceAccount,
      RequestContext context) {
    this.caller = Objects.requireNonNull(caller);
    this.action = Objects.requireNonNull(action);
    this.actionLower = action.toLowerCase(Locale.ROOT);
    int colon = actionLower.indexOf(':');
    this.service = colon < 0 ? "" : actionLower.substring(0, colon);
    this.actionName = colon < 0 ? actionLower : actionLower.substring(colon + 1);
    this.resource = Objects.requireNonNull(resource);
    this.resourceAccount = resourceAccount.isEmpty() ? caller.account() : resourceAccount;
    this.context = Objects.requireNonNull(context);
    this.sameAccount = caller.account().isEmpty() || caller.account().equals(this.resourceAccount);
  }

  public Caller caller() {
    return caller;
  }

  /** The action as given, for messages. */
  public String action() {
    return action;
  }

  public String resource() {
    return resource;
  }

  public String resourceAccount() {
    return resourceAccount;
  }

  public RequestContext context() {
    return context;
  }

  String actionLower() {
    return actionLower;
  }

  String service() {
    return service;
  }

  String actionName() {
    return actionName;
  }

  /** Same-account request (spec A4); callers without an account are never cross-account. */
  boolean sameAccount() {
    return sameAccount;
  }
}
