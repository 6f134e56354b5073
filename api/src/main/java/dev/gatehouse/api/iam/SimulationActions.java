package dev.gatehouse.api.iam;

import static dev.gatehouse.api.iam.Ops.account;
import static dev.gatehouse.api.iam.Ops.op;
import static dev.gatehouse.api.iam.Ops.opt;
import static dev.gatehouse.api.iam.Ops.page;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.QueryParameters;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.Page;
import dev.gatehouse.core.iam.PageRequest;
import dev.gatehouse.core.iam.PrincipalPolicies;
import dev.gatehouse.core.iam.Simulator;
import dev.gatehouse.core.iam.Simulator.ContextEntry;
import dev.gatehouse.core.iam.Simulator.MatchedStatement;
import dev.gatehouse.core.iam.Simulator.Result;
import dev.gatehouse.core.iam.Simulator.SimulatedPolicy;
import dev.gatehouse.core.iam.StatementPositions;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.policy.Caller;
import dev.gatehouse.policy.PolicyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy simulator's actions: SimulatePrincipalPolicy, SimulateCustomPolicy and
 * GetContextKeysFor{Principal,Custom}Policy (spec: IAM API reference, same names).
 */
public final class SimulationActions {
  private SimulationActions() {}

  /** The parameters both simulations share. */
  record Request(
      String policySourceArn,
      List<String> policyInputs,
      List<String> boundaryInputs,
      List<String> actions,
      List<String> resources,
      String resourcePolicy,
      String resourceOwner,
      String callerArn,
      List<ContextEntry> context,
      PageRequest page) {}

  record KeysRequest(String policySourceArn, List<String> policyInputs) {}

  private static final Pattern OWNER = Pattern.compile("(?:arn:aws:iam::)?([0-9]{12})(?::root)?");

  public static List<Operation<?, ?>> table(IamServices iam, Snapshots snapshots) {
    PrincipalPolicies principals = new PrincipalPolicies(iam, snapshots);
    return List.of(
        op(
            "SimulatePrincipalPolicy",
            p -> decode(p, p.required("PolicySourceArn")),
            (c, in) -> Ops.arn(in.policySourceArn()),
            (c, in) -> {
              PrincipalPolicies.Source source =
                  principals.resolve(account(c), in.policySourceArn());
              List<SimulatedPolicy> identity = new ArrayList<>(source.identity());
              identity.addAll(inputs(in.policyInputs(), "PolicyInputList"));
              List<SimulatedPolicy> boundary =
                  in.boundaryInputs().isEmpty()
                      ? source.boundary()
                      : inputs(in.boundaryInputs(), "PermissionsBoundaryPolicyInputList");
              return simulate(in, account(c), source.isUser(), source.caller(), identity, boundary);
            },
            SimulationActions::results),
        op(
            "SimulateCustomPolicy",
            p -> {
              Request in = decode(p, "");
              if (in.policyInputs().isEmpty()) {
                throw missing("PolicyInputList.member.1");
              }
              return in;
            },
            (c, in) -> Ops.any(),
            (c, in) -> {
              Caller anyone =
                  new Caller.IamUser(
                      "arn:aws:iam::" + account(c) + ":user/SimulatedUser",
                      account(c),
                      "SimulatedUser");
              return simulate(
                  in,
                  account(c),
                  false,
                  anyone,
                  inputs(in.policyInputs(), "PolicyInputList"),
                  inputs(in.boundaryInputs(), "PermissionsBoundaryPolicyInputList"));
            },
            SimulationActions::results),
        op(
            "GetContextKeysForPrincipalPolicy",
            p -> new KeysRequest(p.required("PolicySourceArn"), p.list("PolicyInputList")),
            (c, in) -> Ops.arn(in.policySourceArn()),
            (c, in) -> {
              PrincipalPolicies.Source source =
                  principals.resolve(account(c), in.policySourceArn());
              List<SimulatedPolicy> all = new ArrayList<>(source.identity());
              all.addAll(source.boundary());
              all.addAll(inputs(in.policyInputs(), "PolicyInputList"));
              return Simulator.contextKeys(all);
            },
            SimulationActions::keys),
        op(
            "GetContextKeysForCustomPolicy",
            p -> {
              List<String> inputs = p.list("PolicyInputList");
              if (inputs.isEmpty()) {
                throw missing("PolicyInputList.member.1");
              }
              return new KeysRequest("", inputs);
            },
            (c, in) -> Ops.any(),
            (c, in) -> Simulator.contextKeys(inputs(in.policyInputs(), "PolicyInputList")),
            SimulationActions::keys));
  }

  private static GatehouseException missing(String name) {
    return new GatehouseException(
        ErrorCode.MISSING_PARAMETER, "The request must contain the parameter " + name);
  }

  private static Request decode(QueryParameters p, String sourceArn) {
    List<String> actions = p.list("ActionNames");
    if (actions.isEmpty()) {
      throw missing("ActionNames.member.1");
    }
    List<ContextEntry> context = new ArrayList<>();
    for (int i = 1; ; i++) {
      String prefix = "ContextEntries.member." + i + ".";
      if (p.get(prefix + "ContextKeyName").isEmpty()
          && p.get(prefix + "ContextKeyType").isEmpty()
          && p.get(prefix + "ContextKeyValues.member.1").isEmpty()) {
        break;
      }
      context.add(
          new ContextEntry(
              opt(p, prefix + "ContextKeyName"),
              p.list(prefix + "ContextKeyValues"),
              opt(p, prefix + "ContextKeyType")));
    }
    // ResourceHandlingOption names EC2 scenarios; resources here are simulated as given.
    return new Request(
        sourceArn,
        p.list("PolicyInputList"),
        p.list("PermissionsBoundaryPolicyInputList"),
        actions,
        p.list("ResourceArns"),
        opt(p, "ResourcePolicy"),
        opt(p, "ResourceOwner"),
        opt(p, "CallerArn"),
        context,
        page(p));
  }

  private static List<SimulatedPolicy> inputs(List<String> documents, String parameter) {
    List<SimulatedPolicy> out = new ArrayList<>();
    PolicyKind kind =
        parameter.startsWith("PermissionsBoundary") ? PolicyKind.BOUNDARY : PolicyKind.IDENTITY;
    for (int i = 0; i < documents.size(); i++) {
      out.add(PrincipalPolicies.given(parameter + "." + (i + 1), "none", documents.get(i), kind));
    }
    return out;
  }

  /**
   * @param sourceIsUser whether the policy source is a user, who then stands for the caller of a
   *     resource policy when no CallerArn is given
   * @param fallback the caller when no CallerArn is given
   */
  private static Page<Result> simulate(
      Request in,
      String accountId,
      boolean sourceIsUser,
      Caller fallback,
      List<SimulatedPolicy> identity,
      List<SimulatedPolicy> boundary) {
    Caller caller = fallback;
    if (!in.callerArn().isEmpty()) {
      caller = callerOf(in.callerArn());
    } else if (!in.resourcePolicy().isEmpty() && !sourceIsUser) {
      // spec: CallerArn: "required if you include a ResourcePolicy and the PolicySourceArn is
      // not the ARN for an IAM user".
      throw GatehouseException.invalidInput(
          "CallerArn is required when a ResourcePolicy is given and the policy source is not an"
              + " IAM user.");
    }
    List<SimulatedPolicy> resource =
        in.resourcePolicy().isEmpty()
            ? List.of()
            : List.of(
                PrincipalPolicies.given(
                    "ResourcePolicy", "resource", in.resourcePolicy(), PolicyKind.RESOURCE));
    String owner = "";
    if (!in.resourceOwner().isEmpty()) {
      Matcher m = OWNER.matcher(in.resourceOwner());
      if (!m.matches()) {
        throw GatehouseException.invalidInput(
            "ResourceOwner " + in.resourceOwner() + " is not an account ID or account ARN.");
      }
      owner = m.group(1);
    }
    List<Result> results =
        Simulator.run(
            new Simulator.Input(
                caller,
                identity,
                boundary,
                resource,
                owner.isEmpty() ? accountId : owner,
                in.actions(),
                in.resources(),
                in.context()));
    List<Map.Entry<String, Result>> keyed = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      keyed.add(Map.entry(String.format(java.util.Locale.ROOT, "%08d", i), results.get(i)));
    }
    return Page.slice(keyed, Map.Entry::getKey, in.page()).map(Map.Entry::getValue);
  }

  /**
   * spec: CallerArn: "You can specify only the ARN of an IAM user. You cannot specify the ARN of an
   * assumed role, federated user, or a service principal."
   */
  private static Caller callerOf(String arn) {
    try {
      Caller caller = Caller.parse(arn);
      if (caller instanceof Caller.IamUser) {
        return caller;
      }
    } catch (IllegalArgumentException e) {
      // fall through to the error below
    }
    throw GatehouseException.invalidInput("CallerArn " + arn + " is not the ARN of an IAM user.");
  }

  /**
   * spec: EvaluationResult: MissingContextValues "is used when the resource in a simulation is
   * "*"... If you include a list of resources, then any missing context values are instead included
   * under the ResourceSpecificResults section"; EvalDecisionDetails "If the simulation evaluates
   * policies within the same account and includes a resource ARN, then the parameter is present but
   * the response is empty".
   */
  private static void results(Page<Result> page, Shape out) {
    out.startList("EvaluationResults");
    for (Result r : page.items()) {
      out.member()
          .field("EvalActionName", r.action())
          .field("EvalResourceName", r.resource())
          .field("EvalDecision", Simulator.decisionName(r.outcome()));
      matched(out, r.matched());
      out.startList("MissingContextValues");
      if (!r.resourceSpecific()) {
        for (String key : r.missingContextValues()) {
          out.member(key);
        }
      }
      out.end();
      boundaryDetail(out, r.boundary());
      if (r.resourceSpecific()) {
        out.start("EvalDecisionDetails").end();
        out.startList("ResourceSpecificResults")
            .member()
            .field("EvalResourceName", r.resource())
            .field("EvalResourceDecision", Simulator.decisionName(r.outcome()));
        matched(out, r.matched());
        out.startList("MissingContextValues");
        for (String key : r.missingContextValues()) {
          out.member(key);
        }
        out.end();
        out.start("EvalDecisionDetails").end();
        boundaryDetail(out, r.boundary());
        out.end().end();
      }
      out.end();
    }
    out.end();
    IamShapes.page(out, page.marker());
  }

  private static void matched(Shape out, List<MatchedStatement> statements) {
    out.startList("MatchedStatements");
    for (MatchedStatement m : statements) {
      out.member()
          .field("SourcePolicyId", m.sourcePolicyId())
          .field("SourcePolicyType", m.sourcePolicyType());
      for (StatementPositions.Span span : m.span()) {
        position(out, "StartPosition", span.start());
        position(out, "EndPosition", span.end());
      }
      out.end();
    }
    out.end();
  }

  private static void boundaryDetail(Shape out, List<Boolean> boundary) {
    for (Boolean allowed : boundary) {
      out.start("PermissionsBoundaryDecisionDetail")
          .field("AllowedByPermissionsBoundary", allowed)
          .end();
    }
  }

  private static void position(Shape out, String name, StatementPositions.Position p) {
    out.start(name).field("Line", p.line()).field("Column", p.column()).end();
  }

  private static void keys(List<String> keys, Shape out) {
    out.startList("ContextKeyNames");
    for (String key : keys) {
      out.member(key);
    }
    out.end();
  }
}
