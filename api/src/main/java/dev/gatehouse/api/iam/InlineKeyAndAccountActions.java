package dev.gatehouse.api.iam;

import static dev.gatehouse.api.iam.Ops.account;
import static dev.gatehouse.api.iam.Ops.any;
import static dev.gatehouse.api.iam.Ops.command;
import static dev.gatehouse.api.iam.Ops.holder;
import static dev.gatehouse.api.iam.Ops.holderAim;
import static dev.gatehouse.api.iam.Ops.list;
import static dev.gatehouse.api.iam.Ops.op;
import static dev.gatehouse.api.iam.Ops.opt;
import static dev.gatehouse.api.iam.Ops.page;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Operation.Aim;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.CreatedAccessKey;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Inline policies, access keys and account-level actions. */
final class InlineKeyAndAccountActions {
  private InlineKeyAndAccountActions() {}

  record InlineRef(String entity, String policyName) {}

  record InlinePut(String entity, String policyName, String document) {}

  record EntityPage(String entity, PageRequest page) {}

  record KeyRef(String userName, String accessKeyId) {}

  record KeyUpdate(String userName, String accessKeyId, AccessKeyStatus status) {}

  record UserPage(String userName, PageRequest page) {}

  record Alias(String alias) {}

  record Nothing() {}

  /** Inline policy output: the entity's name, the policy name and its document. */
  record InlineOutput(String entity, InlinePolicy policy) {}

  static List<Operation<?, ?>> table(IamServices iam) {
    List<Operation<?, ?>> out = new ArrayList<>();
    inline(iam, out, EntityKind.USER, "User", Ops::user);
    inline(iam, out, EntityKind.GROUP, "Group", Ops::group);
    inline(iam, out, EntityKind.ROLE, "Role", Ops::role);
    out.add(
        op(
            "CreateAccessKey",
            p -> new UserPage(opt(p, "UserName"), PageRequest.first()),
            (c, in) -> holderAim(c, in.userName()),
            (c, in) -> iam.accessKeys().createAccessKey(account(c), holder(c, in.userName())),
            (CreatedAccessKey k, Shape s) ->
                IamShapes.accessKey(
                    s, "AccessKey", k.key(), k.userName(), Optional.of(k.secretAccessKey()))));
    out.add(
        op(
            "ListAccessKeys",
            p -> new UserPage(opt(p, "UserName"), page(p)),
            (c, in) -> holderAim(c, in.userName()),
            (c, in) ->
                iam.accessKeys().listAccessKeys(account(c), holder(c, in.userName()), in.page()),
            (page, s) ->
                list(
                    s,
                    "AccessKeyMetadata",
                    page,
                    (k, m) ->
                        IamShapes.accessKey(
                            m, "member", k.key(), k.userName(), Optional.empty()))));
    out.add(
        command(
            "UpdateAccessKey",
            p ->
                new KeyUpdate(
                    opt(p, "UserName"), p.required("AccessKeyId"), status(p.required("Status"))),
            (c, in) -> holderAim(c, in.userName()),
            (c, in) ->
                iam.accessKeys()
                    .updateAccessKey(
                        account(c), holder(c, in.userName()), in.accessKeyId(), in.status())));
    out.add(
        command(
            "DeleteAccessKey",
            p -> new KeyRef(opt(p, "UserName"), p.required("AccessKeyId")),
            (c, in) -> holderAim(c, in.userName()),
            (c, in) ->
                iam.accessKeys()
                    .deleteAccessKey(account(c), holder(c, in.userName()), in.accessKeyId())));
    out.add(
        op(
            "GetAccessKeyLastUsed",
            p -> new KeyRef("", p.required("AccessKeyId")),
            (c, in) -> any(),
            (c, in) -> iam.accessKeys().getAccessKeyLastUsed(account(c), in.accessKeyId()),
            (used, s) -> {
              if (!used.userName().isEmpty()) {
                s.field("UserName", used.userName());
              }
              s.start("AccessKeyLastUsed");
              if (used.lastUsed().isPresent()) {
                s.field("LastUsedDate", used.lastUsed().get().date())
                    .field("ServiceName", used.lastUsed().get().serviceName())
                    .field("Region", used.lastUsed().get().region());
              } else {
                // spec: GetAccessKeyLastUsed: "N/A" when the key has never been used.
                s.field("ServiceName", "N/A").field("Region", "N/A");
              }
              s.end();
            }));
    out.add(
        command(
            "CreateAccountAlias",
            p -> new Alias(p.required("AccountAlias")),
            (c, in) -> any(),
            (c, in) -> iam.accounts().createAccountAlias(account(c), in.alias())));
    out.add(
        command(
            "DeleteAccountAlias",
            p -> new Alias(p.required("AccountAlias")),
            (c, in) -> any(),
            (c, in) -> iam.accounts().deleteAccountAlias(account(c), in.alias())));
    out.add(
        op(
            "ListAccountAliases",
            p -> new Nothing(),
            (c, in) -> any(),
            (c, in) -> iam.accounts().listAccountAliases(account(c)),
            (aliases, s) -> {
              s.startList("AccountAliases");
              aliases.forEach(s::member);
              s.end().field("IsTruncated", false);
            }));
    out.add(
        op(
            "GetAccountSummary",
            p -> new Nothing(),
            (c, in) -> any(),
            (c, in) -> iam.accounts().getAccountSummary(account(c)),
            (summary, s) -> {
              // A Query-protocol map: entry/key/value.
              s.start("SummaryMap");
              for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(summary).entrySet()) {
                s.start("entry").field("key", e.getKey()).field("value", e.getValue()).end();
              }
              s.end();
            }));
    return out;
  }

  private static void inline(
      IamServices iam,
      List<Operation<?, ?>> out,
      EntityKind kind,
      String noun,
      Function<String, Aim> target) {
    String nameParameter = noun + "Name";
    out.add(
        command(
            "Put" + noun + "Policy",
            p ->
                new InlinePut(
                    p.required(nameParameter),
                    p.required("PolicyName"),
                    p.required("PolicyDocument")),
            (c, in) -> target.apply(in.entity()),
            (c, in) ->
                iam.inlinePolicies()
                    .put(account(c), kind, in.entity(), in.policyName(), in.document())));
    out.add(
        op(
            "Get" + noun + "Policy",
            p -> new InlineRef(p.required(nameParameter), p.required("PolicyName")),
            (c, in) -> target.apply(in.entity()),
            (c, in) ->
                new InlineOutput(
                    in.entity(),
                    iam.inlinePolicies().get(account(c), kind, in.entity(), in.policyName())),
            (o, s) ->
                s.field(nameParameter, o.entity())
                    .field("PolicyName", o.policy().name())
                    .field("PolicyDocument", IamShapes.encodeDocument(o.policy().document()))));
    out.add(
        command(
            "Delete" + noun + "Policy",
            p -> new InlineRef(p.required(nameParameter), p.required("PolicyName")),
            (c, in) -> target.apply(in.entity()),
            (c, in) ->
                iam.inlinePolicies().delete(account(c), kind, in.entity(), in.policyName())));
    out.add(
        op(
            "List" + noun + "Policies",
            p -> new EntityPage(p.required(nameParameter), page(p)),
            (c, in) -> target.apply(in.entity()),
            (c, in) -> iam.inlinePolicies().list(account(c), kind, in.entity(), in.page()),
            (page, s) -> list(s, "PolicyNames", page, (name, m) -> m.member(name))));
  }

  static AccessKeyStatus status(String value) {
    return AccessKeyStatus.fromWireName(value)
        .orElseThrow(
            () ->
                new GatehouseException(
                    ErrorCode.VALIDATION_ERROR,
                    "1 validation error detected: Value '"
                        + value
                        + "' at 'status' failed to satisfy constraint: Member must satisfy enum"
                        + " value set: [Active, Inactive, Expired]"));
  }
}
