package dev.gatehouse.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One question for the evaluator: may {@code caller} perform {@code action} on {@code resource}
 * (owned by {@code resourceAccount}) in {@code context}? Prepared once: the action is lower-cased,
 * made canonical and split here, and what depends on the action and resource alone is decided here,
 * so evaluation does no string work on it.
 */
public final class AuthorizationRequest {
  /**
   * Canonical lower-cased actions, so that the per-policy action memos compare them by identity.
   * Bounded: past the bound an action is used as it is, which is slower to look up, never wrong.
   */
  private static final ConcurrentHashMap<String, String> CANONICAL = new ConcurrentHashMap<>();

  static final int MAX_CANONICAL_ACTIONS = 1 << 16;

  private final Caller caller;
  private final String action;
  private final String actionLower;
  private final String service;
  private final String actionName;
  private final String resource;
  private final String resourceAccount;
  private final RequestContext context;
  private final boolean sameAccount;
  private final int actionHash;
  private final long serviceBit;
  private final boolean noPermissionNeeded;
  private final boolean requiresResourcePolicy;

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
    this.actionLower = canonical(action.toLowerCase(Locale.ROOT));
    int colon = actionLower.indexOf(':');
    this.service = colon < 0 ? "" : actionLower.substring(0, colon);
    this.actionName = colon < 0 ? actionLower : actionLower.substring(colon + 1);
    this.actionHash = actionLower.hashCode();
    this.serviceBit = CompiledPolicy.serviceBit(service);
    this.resource = Objects.requireNonNull(resource);
    this.resourceAccount = resourceAccount.isEmpty() ? caller.account() : resourceAccount;
    this.context = Objects.requireNonNull(context);
    this.sameAccount = caller.account().isEmpty() || caller.account().equals(this.resourceAccount);
    // spec: STS GetCallerIdentity: "No permissions are required to perform this operation".
    this.noPermissionNeeded = actionLower.equals("sts:getcalleridentity");
    this.requiresResourcePolicy = Evaluator.requiresResourcePolicy(this);
  }

  /** The one instance of {@code actionLower} while the bound allows, else itself. */
  static String canonical(String actionLower) {
    String known = CANONICAL.get(actionLower);
    if (known != null) {
      return known;
    }
    if (CANONICAL.size() >= MAX_CANONICAL_ACTIONS) {
      return actionLower;
    }
    String raced = CANONICAL.putIfAbsent(actionLower, actionLower);
    return raced == null ? actionLower : raced;
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

  /** {@code actionLower().hashCode()}, kept here beside the other prepared fields. */
  int actionHash() {
    return actionHash;
  }

  /** The service's bit for {@link CompiledPolicy}'s filter. */
  long serviceBit() {
    return serviceBit;
  }

  String actionName() {
    return actionName;
  }

  /** Same-account request (spec A4); callers without an account are never cross-account. */
  boolean sameAccount() {
    return sameAccount;
  }

  /** {@code sts:GetCallerIdentity}, which needs no permission. */
  boolean noPermissionNeeded() {
    return noPermissionNeeded;
  }

  /** The action needs the resource's policy to allow it, whatever the account (spec A4, A12). */
  boolean requiresResourcePolicy() {
    return requiresResourcePolicy;
  }
}
