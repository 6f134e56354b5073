package dev.gatehouse.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Which API requests are answered on the thread that read them (Jetty's selector, no hand-off to
 * the pool): Query calls signed in the Authorization header with a long-term access key (no session
 * token), naming exactly one action of {@link #ACTIONS} for the service the signature names, whose
 * key, last-use record and account snapshots the node holds in memory ({@link Memory}). Each such
 * action reads the snapshot (or only the caller) and is a read, so its audit record is written
 * without an fsync. Everything else may wait for the store or the disk and runs on the pool. The
 * check is conservative: a request it wrongly sends to the pool is answered the same, only later.
 */
final class InlineReads {
  /** Whether a request signed with an access key would be answered without the store. */
  @FunctionalInterface
  interface Memory {
    /**
     * @param everyAccount whether the action may look up principals of any account (GetRole and
     *     ListRoles show trust policies' principals by their current ARN)
     * @return true when the key is cached, its last use was written recently (no write is due) and
     *     the snapshot of its account (or of every account) is current
     */
    boolean answers(String accessKeyId, boolean everyAccount);
  }

  /** Sends every request to the pool. */
  static final InlineReads NONE = new InlineReads((key, every) -> false);

  /**
   * The actions answered inline, by the signing service that routes them: IAM's reads served from
   * the account snapshot alone (see {@code Snapshots}; {@code InlineActionsTest} proves that each
   * reads no store) and STS's GetCallerIdentity (the caller alone). Not here: anything that reads
   * an access key's last use, a login profile, a credential report, or that may write.
   */
  static final Map<String, Set<String>> ACTIONS =
      Map.of(
          "iam",
          Set.of(
              "GetUser",
              "GetRole",
              "GetGroup",
              "ListPolicies",
              "ListUsers",
              "ListRoles",
              "ListGroups",
              "ListGroupsForUser",
              "ListUserTags",
              "ListRoleTags",
              "ListAttachedUserPolicies",
              "ListAttachedRolePolicies",
              "ListAttachedGroupPolicies",
              "ListUserPolicies",
              "ListRolePolicies",
              "ListGroupPolicies",
              "GetUserPolicy",
              "GetRolePolicy",
              "GetGroupPolicy"),
          "sts",
          Set.of("GetCallerIdentity"));

  /** Of {@link #ACTIONS}, those that show principals of any account (trust policies). */
  static final Set<String> EVERY_ACCOUNT = Set.of("GetRole", "ListRoles");

  /** IAM's Version; a request signed for IAM naming another API's version is routed there. */
  static final String IAM_VERSION = "2010-05-08";

  private static final String SESSION_TOKEN = "X-Amz-Security-Token";

  private final Memory memory;

  InlineReads(Memory memory) {
    this.memory = memory;
  }

  /** Whether the Query request with these headers, query string and body runs inline. */
  boolean eligible(HttpFields headers, String query, byte[] body) {
    if (headers.contains(SESSION_TOKEN)
        || headers.contains("X-Amz-Target")
        || (query != null && query.contains("X-Amz-"))) {
      return false; // session credentials (a revocation list, sealed claims), JSON, presigned
    }
    Optional<SignedScope> scope = SignedScope.of(headers.get(HttpHeader.AUTHORIZATION));
    if (scope.isEmpty()) {
      return false;
    }
    String service = scope.get().service();
    Set<String> actions = ACTIONS.get(service);
    if (actions == null) {
      return false;
    }
    Params params = new Params();
    params.scan(query == null ? "" : query);
    params.scan(new String(body, StandardCharsets.ISO_8859_1));
    if (params.actions != 1 || params.versions > 1 || !actions.contains(params.action)) {
      return false;
    }
    if (service.equals("iam") && params.versions == 1 && !IAM_VERSION.equals(params.version)) {
      return false;
    }
    return memory.answers(scope.get().accessKeyId(), EVERY_ACCOUNT.contains(params.action));
  }

  /** The Action and Version parameters of a form (anything encoded is left to the pool). */
  private static final class Params {
    int actions;
    int versions;
    String action = "";
    String version = "";

    void scan(String form) {
      int i = 0;
      while (i < form.length()) {
        int amp = form.indexOf('&', i);
        int end = amp < 0 ? form.length() : amp;
        int eq = form.indexOf('=', i);
        if (eq > i && eq < end) {
          String name = form.substring(i, eq);
          String value = form.substring(eq + 1, end);
          if (name.equals("Action")) {
            actions++;
            action = value;
          } else if (name.equals("Version")) {
            versions++;
            version = value;
          } else if (name.indexOf('%') >= 0 || name.indexOf('+') >= 0) {
            actions++; // an encoded name may decode to Action: never inline
          }
        }
        i = end + 1;
      }
    }
  }
}
