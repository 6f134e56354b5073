package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.Simulator.SimulatedPolicy;
import dev.gatehouse.core.snapshot.IamSnapshot;
import dev.gatehouse.core.snapshot.PolicyDocument;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.policy.Caller;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.MalformedPolicyException;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.ValidationMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policies of a simulated principal (spec: SimulatePrincipalPolicy, PolicySourceArn: "If you
 * specify a user, the simulation also includes all policies that are attached to any groups the
 * user belongs to"; the entity's permissions boundary applies unless one is given).
 */
public final class PrincipalPolicies {
  private static final Pattern ARN =
      Pattern.compile("arn:aws:iam::([0-9]{12}):(user|group|role)(/(?:[^/]+/)*)([^/]+)");

  /** A user, group or role of the caller's account, with its policies. */
  public record Source(
      String arn, Caller caller, List<SimulatedPolicy> identity, List<SimulatedPolicy> boundary) {
    public boolean isUser() {
      return arn.contains(":user/");
    }
  }

  private final IamServices iam;
  private final Snapshots snapshots;

  public PrincipalPolicies(IamServices iam, Snapshots snapshots) {
    this.iam = iam;
    this.snapshots = snapshots;
  }

  public Source resolve(String accountId, String arn) {
    Matcher m = ARN.matcher(arn);
    if (!m.matches()) {
      throw GatehouseException.invalidInput(
          "PolicySourceArn " + arn + " is not the ARN of an IAM user, group or role.");
    }
    String type = m.group(2);
    String name = m.group(4);
    IamSnapshot snapshot = snapshots.current(accountId);
    Optional<String> stored =
        switch (type) {
          case "user" -> snapshot.user(name).map(u -> u.arn());
          case "role" -> snapshot.role(name).map(r -> r.arn());
          default -> snapshot.group(name).map(g -> g.arn());
        };
    if (!m.group(1).equals(accountId) || stored.filter(arn::equals).isEmpty()) {
      // spec: AWS's NoSuchEntity text, "The user with name X cannot be found."
      throw GatehouseException.noSuchEntity(
          "The " + type + " with name " + name + " cannot be found.");
    }
    if (type.equals("group")) {
      return new Source(
          arn, new Caller.IamUser(arn, accountId, name), groupPolicies(accountId, name), List.of());
    }
    Caller caller =
        type.equals("user")
            ? new Caller.IamUser(arn, accountId, name)
            : new Caller.IamRole(arn, accountId, name);
    List<SimulatedPolicy> identity = new ArrayList<>();
    for (PolicyDocument d : snapshot.identityPoliciesOf(arn)) {
      identity.add(stored(d.source(), d.json(), PolicyKind.IDENTITY));
    }
    List<SimulatedPolicy> boundary = new ArrayList<>();
    snapshot
        .boundaryOf(arn)
        .ifPresent(d -> boundary.add(stored(d.source(), d.json(), PolicyKind.BOUNDARY)));
    return new Source(arn, caller, identity, boundary);
  }

  /** A group's inline and attached policies (not in the snapshot, which is by principal). */
  private List<SimulatedPolicy> groupPolicies(String accountId, String group) {
    List<SimulatedPolicy> out = new ArrayList<>();
    PageRequest page = new PageRequest("", PageRequest.MAX_MAX_ITEMS);
    while (true) {
      Page<String> names = iam.inlinePolicies().list(accountId, EntityKind.GROUP, group, page);
      for (String policy : names.items()) {
        String json =
            iam.inlinePolicies().get(accountId, EntityKind.GROUP, group, policy).document();
        out.add(stored("group/" + group + "/" + policy, json, PolicyKind.IDENTITY));
      }
      if (names.marker().isEmpty()) {
        break;
      }
      page = new PageRequest(names.marker().get(), PageRequest.MAX_MAX_ITEMS);
    }
    page = new PageRequest("", PageRequest.MAX_MAX_ITEMS);
    while (true) {
      Page<AttachedPolicy> attached =
          iam.attachments().listAttached(accountId, EntityKind.GROUP, group, "", page);
      for (AttachedPolicy a : attached.items()) {
        ManagedPolicy policy = iam.managedPolicies().getPolicy(accountId, a.policyArn());
        String json =
            iam.managedPolicies()
                .getPolicyVersion(accountId, a.policyArn(), policy.defaultVersionId())
                .document();
        out.add(stored(a.policyArn(), json, PolicyKind.IDENTITY));
      }
      if (attached.marker().isEmpty()) {
        return out;
      }
      page = new PageRequest(attached.marker().get(), PageRequest.MAX_MAX_ITEMS);
    }
  }

  /**
   * A stored policy; {@code source} is a managed policy's ARN or {@code
   * user|group|role/NAME/POLICY} for an inline one. spec: Statement.SourcePolicyType: user, group,
   * role, aws-managed, user-managed.
   *
   * <p>Parsed as AWS evaluates it, as the snapshot compiles it: the document was validated when it
   * was written, and AWS's own (ReadOnlyAccess) exceed the size a customer policy may have.
   */
  public static SimulatedPolicy stored(String source, String json, PolicyKind kind) {
    String id;
    String type;
    if (source.startsWith("arn:")) {
      id = source.substring(source.lastIndexOf('/') + 1);
      type = source.split(":", 6)[4].equals("aws") ? "aws-managed" : "user-managed";
    } else {
      int slash = source.indexOf('/');
      type = source.substring(0, slash);
      id = source.substring(source.lastIndexOf('/') + 1);
    }
    String key = kind + ":" + source;
    CompiledPolicy compiled =
        CompiledPolicy.compile(Policy.parse(json, kind, ValidationMode.EVALUATION), kind, key);
    return new SimulatedPolicy(id, type, key, json, compiled);
  }

  /**
   * A policy given in the request ({@code PolicyInputList.N}, {@code ResourcePolicy}...). spec: the
   * simulation APIs list only InvalidInput for bad input, so a malformed document is InvalidInput
   * naming the parameter and the engine's finding.
   */
  public static SimulatedPolicy given(String id, String type, String json, PolicyKind kind) {
    try {
      return new SimulatedPolicy(id, type, id, json, CompiledPolicy.parse(json, kind, id));
    } catch (MalformedPolicyException e) {
      throw GatehouseException.invalidInput(id + " is not a valid policy: " + e.describe());
    }
  }
}
