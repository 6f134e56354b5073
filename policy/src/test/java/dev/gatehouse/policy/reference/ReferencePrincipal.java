package dev.gatehouse.policy.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The requesting principal and the Principal / NotPrincipal elements (spec: IAM UG
 * reference_policies_elements_principal, reference_policies_elements_notprincipal).
 */
record ReferencePrincipal(Kind kind, String arn, String account, String roleName) {

  enum Kind {
    ANONYMOUS,
    /** A service, web-identity provider or canonical user calling as itself (no IAM identity). */
    NAMED,
    ROOT,
    USER,
    ROLE,
    ROLE_SESSION,
    FEDERATED_USER
  }

  /** How a resource-policy principal entry names the caller; A5 decides what each may do. */
  enum Naming {
    /** The caller itself (user, session, federated-user ARN): not limited. */
    DIRECT,
    /** "*": limited by the caller's permissions boundary (the reading that grants less). */
    EVERYONE,
    /** The role of a role session: limited by boundary and session policy. */
    ROLE,
    /** The caller's account: delegates to the identity side. */
    ACCOUNT
  }

  static ReferencePrincipal parse(String text) {
    if (text.equals("anonymous")) {
      return new ReferencePrincipal(Kind.ANONYMOUS, text, "", "");
    }
    String[] parts = text.split(":", 6);
    if (!text.startsWith("arn:") || parts.length != 6) {
      return new ReferencePrincipal(Kind.NAMED, text, "", "");
    }
    String account = parts[4];
    String resource = parts[5];
    if (parts[2].equals("iam") && resource.equals("root")) {
      return new ReferencePrincipal(Kind.ROOT, text, account, "");
    }
    if (parts[2].equals("iam") && resource.startsWith("user/")) {
      return new ReferencePrincipal(Kind.USER, text, account, "");
    }
    if (parts[2].equals("iam") && resource.startsWith("role/")) {
      return new ReferencePrincipal(Kind.ROLE, text, account, lastSegment(resource));
    }
    if (parts[2].equals("sts") && resource.startsWith("assumed-role/")) {
      String[] segments = resource.split("/", -1);
      return new ReferencePrincipal(Kind.ROLE_SESSION, text, account, segments[1]);
    }
    if (parts[2].equals("sts") && resource.startsWith("federated-user/")) {
      return new ReferencePrincipal(Kind.FEDERATED_USER, text, account, "");
    }
    throw new IllegalArgumentException("unsupported principal: " + text);
  }

  private static String lastSegment(String resource) {
    return resource.substring(resource.lastIndexOf('/') + 1);
  }

  boolean isSession() {
    return kind == Kind.ROLE_SESSION || kind == Kind.FEDERATED_USER;
  }

  /** The strongest way the element names this caller, if it does. */
  Optional<Naming> namedBy(JsonNode principalElement) {
    Optional<Naming> best = Optional.empty();
    for (String entry : awsEntries(principalElement)) {
      Optional<Naming> n = entryNames(entry);
      if (n.isPresent() && (best.isEmpty() || n.get().compareTo(best.get()) < 0)) {
        best = n;
      }
    }
    return best;
  }

  /**
   * NotPrincipal with Deny: the doc says AWS may evaluate the account, then the role, then the
   * session, so a caller escapes the deny only when every level of it is listed.
   */
  boolean excludedBy(JsonNode notPrincipalElement) {
    List<String> entries = awsEntries(notPrincipalElement);
    if (entries.contains("*")) {
      return true;
    }
    boolean accountListed =
        entries.stream().anyMatch(e -> entryNames(e).equals(Optional.of(Naming.ACCOUNT)));
    boolean selfListed = entries.contains(arn);
    return switch (kind) {
      case ANONYMOUS -> false;
      case NAMED -> selfListed;
      case ROOT -> accountListed;
      case USER, FEDERATED_USER, ROLE -> accountListed && selfListed;
      case ROLE_SESSION ->
          accountListed
              && selfListed
              && entries.stream().anyMatch(e -> entryNames(e).equals(Optional.of(Naming.ROLE)));
    };
  }

  private Optional<Naming> entryNames(String entry) {
    if (entry.equals("*")) {
      return Optional.of(Naming.EVERYONE);
    }
    if (kind == Kind.ANONYMOUS) {
      return Optional.empty();
    }
    if (kind == Kind.NAMED) {
      return entry.equals(arn) ? Optional.of(Naming.DIRECT) : Optional.empty();
    }
    // spec: a 12-digit id and arn:aws:iam::ID:root both name the account
    if (entry.equals(account) || entry.equals("arn:aws:iam::" + account + ":root")) {
      return Optional.of(Naming.ACCOUNT);
    }
    if (entry.equals(arn)) {
      return Optional.of(Naming.DIRECT);
    }
    if (kind == Kind.ROLE_SESSION && entry.startsWith("arn:aws:iam::" + account + ":role/")) {
      String resource = entry.substring(entry.indexOf(":role/") + 1);
      if (lastSegment(resource).equals(roleName)) {
        return Optional.of(Naming.ROLE);
      }
    }
    return Optional.empty();
  }

  /** "*" stands for {"AWS":"*"}; only the AWS key can name an IAM caller or anonymous. */
  private List<String> awsEntries(JsonNode element) {
    List<String> out = new ArrayList<>();
    if (element == null || element.isMissingNode() || element.isNull()) {
      return out;
    }
    if (element.isTextual()) {
      out.add(element.asText());
      return out;
    }
    // An IAM caller can only be named under "AWS", a NAMED caller only under the other keys;
    // "*" under any key is everyone.
    for (Map.Entry<String, JsonNode> key : element.properties()) {
      boolean ownFamily = key.getKey().equals("AWS") == (kind != Kind.NAMED);
      List<String> values = new ArrayList<>();
      if (key.getValue().isArray()) {
        key.getValue().forEach(v -> values.add(v.asText()));
      } else {
        values.add(key.getValue().asText());
      }
      values.stream().filter(v -> ownFamily || v.equals("*")).forEach(out::add);
    }
    return out;
  }
}
