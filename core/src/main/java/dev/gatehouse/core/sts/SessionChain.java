package dev.gatehouse.core.sts;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a new session takes over from the credentials that asked for it (POLICY-SEMANTICS A13): the
 * origin principal, the chain depth, the source identity and the transitive session tags.
 *
 * <p>spec: IAM User Guide id_session-tags.md (role chaining: transitive tags persist; tag keys are
 * case-insensitive) and condition-keys {@code aws:SourceIdentity} (set once, persists through
 * chaining). The error texts for the three refusals below are Gatehouse's own: AWS's exact wording
 * was not available (listed in DEVIATIONS.md).
 *
 * @param originId the long-term principal at the root of the chain
 * @param chainDepth the new session's depth
 * @param sourceIdentity the new session's source identity, or empty
 * @param tags the new session's tags: inherited transitive tags first, then the request's
 * @param transitiveTagKeys the keys that pass on again: inherited ones and the request's
 */
public record SessionChain(
    String originId,
    int chainDepth,
    String sourceIdentity,
    List<SessionTag> tags,
    List<String> transitiveTagKeys) {

  public SessionChain {
    Objects.requireNonNull(originId, "originId");
    Objects.requireNonNull(sourceIdentity, "sourceIdentity");
    tags = List.copyOf(tags);
    transitiveTagKeys = List.copyOf(transitiveTagKeys);
  }

  /**
   * A session requested with long-term credentials.
   *
   * @param originId the caller's user id, or the account id for the root user
   * @param sourceIdentity the SourceIdentity parameter, or empty
   * @throws GatehouseException {@code InvalidParameterValue} for duplicate tag keys or a transitive
   *     key that is not among the tags
   */
  public static SessionChain fromLongTerm(
      String originId,
      String sourceIdentity,
      List<SessionTag> requestTags,
      List<String> requestTransitiveKeys) {
    checkRequestTags(requestTags, requestTransitiveKeys);
    return new SessionChain(originId, 0, sourceIdentity, requestTags, requestTransitiveKeys);
  }

  /**
   * A session requested with the temporary credentials of {@code caller} (role chaining).
   *
   * @param sourceIdentity the SourceIdentity parameter, or empty to keep the caller's
   * @throws GatehouseException {@code InvalidParameterValue} as {@link #fromLongTerm}, when a
   *     request tag has the key of an inherited transitive tag, or when the caller's source
   *     identity would change
   */
  public static SessionChain fromSession(
      SessionClaims caller,
      String sourceIdentity,
      List<SessionTag> requestTags,
      List<String> requestTransitiveKeys) {
    checkRequestTags(requestTags, requestTransitiveKeys);
    Set<String> callerTransitive = lower(caller.transitiveTagKeys());
    List<SessionTag> inherited = new ArrayList<>();
    for (SessionTag t : caller.tags()) {
      if (callerTransitive.contains(lower(t.key()))) {
        inherited.add(t);
      }
    }
    Set<String> inheritedKeys = new HashSet<>();
    inherited.forEach(t -> inheritedKeys.add(lower(t.key())));
    for (SessionTag t : requestTags) {
      if (inheritedKeys.contains(lower(t.key()))) {
        throw invalid(
            "The session tag key "
                + t.key()
                + " is already set by an inherited transitive session tag and cannot be"
                + " changed.");
      }
    }
    String identity = caller.sourceIdentity();
    if (!identity.isEmpty() && !sourceIdentity.isEmpty() && !identity.equals(sourceIdentity)) {
      throw invalid(
          "The source identity of a session cannot be changed: it is already set to "
              + identity
              + ".");
    }
    List<SessionTag> tags = new ArrayList<>(inherited);
    tags.addAll(requestTags);
    List<String> transitive = new ArrayList<>();
    for (SessionTag t : inherited) {
      transitive.add(t.key());
    }
    transitive.addAll(requestTransitiveKeys);
    int depth = Math.min(caller.chainDepth() + 1, SessionClaims.MAX_CHAIN_DEPTH);
    return new SessionChain(
        caller.originId(), depth, identity.isEmpty() ? sourceIdentity : identity, tags, transitive);
  }

  private static void checkRequestTags(List<SessionTag> tags, List<String> transitiveKeys) {
    Set<String> keys = new HashSet<>();
    for (SessionTag t : tags) {
      if (!keys.add(lower(t.key()))) {
        throw invalid("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
      }
    }
    for (String k : transitiveKeys) {
      if (!keys.contains(lower(k))) {
        throw invalid("The transitive tag key " + k + " is not the key of a session tag.");
      }
    }
  }

  private static GatehouseException invalid(String message) {
    return new GatehouseException(ErrorCode.INVALID_PARAMETER_VALUE, message);
  }

  private static String lower(String key) {
    return key.toLowerCase(Locale.ROOT);
  }

  private static Set<String> lower(List<String> keys) {
    Set<String> out = new HashSet<>();
    keys.forEach(k -> out.add(lower(k)));
    return out;
  }
}
