package dev.gatehouse.core.authz;

import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.snapshot.IamSnapshot;
import dev.gatehouse.core.snapshot.PolicyDocument;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.core.sts.SessionPrincipal;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Authorization views over the published snapshots, one per snapshot generation. The snapshot
 * compiled its policies when it was built (DESIGN decision 5: compiled once per change).
 */
public final class SnapshotViews implements Function<String, AuthorizationView> {
  private final Snapshots snapshots;
  private final Map<String, View> current = new ConcurrentHashMap<>();

  public SnapshotViews(Snapshots snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public AuthorizationView apply(String accountId) {
    IamSnapshot snapshot = snapshots.current(accountId);
    View view = current.get(accountId);
    if (view == null || view.snapshot != snapshot) {
      view = new View(snapshot);
      current.put(accountId, view);
    }
    return view;
  }

  /** One snapshot generation with its compiled policies. */
  static final class View implements AuthorizationView {
    /** Principals whose keys a view keeps; past it, keys are built per request. */
    static final int MAX_PRINCIPAL_CONTEXTS = 4096;

    final IamSnapshot snapshot;

    /**
     * The principal keys of users and roots of this snapshot, built once: they depend only on the
     * principal (a record: its name, path and id) and this snapshot (its tags). Sessions are not
     * kept (one entry per session, each short-lived).
     */
    private final Map<Principal, RequestContext> principalContexts = new ConcurrentHashMap<>();

    View(IamSnapshot snapshot) {
      this.snapshot = snapshot;
    }

    @Override
    public List<CompiledPolicy> identityPolicies(Principal principal) {
      List<CompiledPolicy> out = new ArrayList<>();
      if (!sameEntity(principal)) {
        // A session outlives nothing: a role (or user) deleted and created again under the same
        // name is another entity, whose policies the old session does not get.
        return out;
      }
      for (PolicyDocument d : snapshot.identityPoliciesOf(principal.policyHolderArn())) {
        out.add(d.compiled());
      }
      return out;
    }

    /** For a session: the role (or user) it was issued for still exists with the same unique id. */
    private boolean sameEntity(Principal principal) {
      if (!(principal instanceof Principal.Session session)) {
        return true;
      }
      SessionPrincipal p = session.claims().principal();
      if (p instanceof SessionPrincipal.AssumedRole role) {
        return snapshot.role(role.roleName()).map(r -> r.id().equals(role.roleId())).orElse(false);
      }
      String userArn =
          p instanceof SessionPrincipal.FederatedUser fed
              ? fed.userArn()
              : ((SessionPrincipal.UserSession) p).userArn();
      String userId =
          p instanceof SessionPrincipal.FederatedUser fed
              ? fed.userId()
              : ((SessionPrincipal.UserSession) p).userId();
      if (userArn.endsWith(":root")) {
        return true;
      }
      String name = userArn.substring(userArn.lastIndexOf('/') + 1);
      return snapshot.user(name).map(u -> u.id().equals(userId)).orElse(false);
    }

    @Override
    public RequestContext principalContext(Principal principal) {
      if (principal instanceof Principal.Session) {
        return AuthorizationView.super.principalContext(principal);
      }
      RequestContext known = principalContexts.get(principal);
      if (known == null) {
        known = AuthorizationView.super.principalContext(principal);
        if (principalContexts.size() < MAX_PRINCIPAL_CONTEXTS) {
          principalContexts.put(principal, known);
        }
      }
      return known;
    }

    @Override
    public Optional<CompiledPolicy> permissionsBoundary(Principal principal) {
      return snapshot.boundaryOf(principal.policyHolderArn()).map(PolicyDocument::compiled);
    }

    @Override
    public Map<String, String> principalTags(Principal principal) {
      return tags(snapshot.principalTags(principal.policyHolderArn()));
    }

    @Override
    public Optional<String> path(String resourceType, String name) {
      return switch (resourceType) {
        case "user" -> snapshot.user(name).map(u -> u.path());
        case "role" -> snapshot.role(name).map(r -> r.path());
        case "group" -> snapshot.group(name).map(g -> g.path());
        case "instance-profile" -> snapshot.instanceProfile(name).map(p -> p.path());
        default -> Optional.empty();
      };
    }

    @Override
    public Map<String, String> resourceTags(String resourceType, String name) {
      if (resourceType.equals("instance-profile")) {
        return tags(snapshot.instanceProfileTags(name));
      }
      Optional<String> arn =
          switch (resourceType) {
            case "user" -> snapshot.user(name).map(u -> u.arn());
            case "role" -> snapshot.role(name).map(r -> r.arn());
            default -> Optional.empty();
          };
      return arn.map(a -> tags(snapshot.principalTags(a))).orElse(Map.of());
    }

    private static Map<String, String> tags(List<Tag> tags) {
      Map<String, String> out = new LinkedHashMap<>();
      for (Tag t : tags) {
        out.put(t.key(), t.value());
      }
      return out;
    }
  }
}
