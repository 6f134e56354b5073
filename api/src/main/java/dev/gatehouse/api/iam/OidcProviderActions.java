package dev.gatehouse.api.iam;

import static dev.gatehouse.api.iam.Ops.account;
import static dev.gatehouse.api.iam.Ops.arn;
import static dev.gatehouse.api.iam.Ops.command;
import static dev.gatehouse.api.iam.Ops.list;
import static dev.gatehouse.api.iam.Ops.op;
import static dev.gatehouse.api.iam.Ops.page;
import static dev.gatehouse.api.iam.Ops.tagging;
import static dev.gatehouse.api.iam.Ops.tags;
import static dev.gatehouse.api.iam.Ops.with;

import dev.gatehouse.api.Caller;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Operation.Aim;
import dev.gatehouse.api.Shape;
import dev.gatehouse.api.iam.UserAndGroupActions.NamedPage;
import dev.gatehouse.api.iam.UserAndGroupActions.Tagging;
import dev.gatehouse.api.iam.UserAndGroupActions.Untagging;
import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.OidcProvider;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.OidcProviderView;
import dev.gatehouse.core.iam.OidcProviders;
import java.util.List;

/**
 * IAM OpenID Connect identity providers: the actions, their inputs and their outputs. Each is
 * authorized against the provider's ARN (spec: Service Authorization Reference, resource type
 * {@code oidc-provider}), with the provider's tags as {@code aws:ResourceTag/...};
 * ListOpenIDConnectProviders against {@code *}. The tagging inputs carry the ARN as their name.
 */
final class OidcProviderActions {
  private OidcProviderActions() {}

  record ProviderRef(String arn) {}

  record ClientIdChange(String arn, String clientId) {}

  record Thumbprints(String arn, List<String> thumbprints) {}

  private static final String ARN = "OpenIDConnectProviderArn";

  static List<Operation<?, ?>> table(IamServices iam) {
    OidcProviders providers = iam.oidcProviders();
    return List.of(
        op(
            "CreateOpenIDConnectProvider",
            p ->
                new OidcProviders.CreateOidcProviderRequest(
                    p.required("Url"), p.list("ClientIDList"), p.list("ThumbprintList"), tags(p)),
            (c, in) -> tagging(arn(created(c, in.url())), in.tags()),
            (c, in) -> providers.create(account(c), in),
            OidcProviderActions::showCreated),
        op(
            "GetOpenIDConnectProvider",
            p -> new ProviderRef(p.required(ARN)),
            (c, in) -> provider(providers, c, in.arn()),
            (c, in) -> providers.get(account(c), in.arn()),
            OidcProviderActions::showProvider),
        op(
            "ListOpenIDConnectProviders",
            p -> new InlineKeyAndAccountActions.Nothing(),
            (c, in) -> Ops.any(),
            (c, in) -> providers.list(account(c)),
            OidcProviderActions::showArns),
        command(
            "DeleteOpenIDConnectProvider",
            p -> new ProviderRef(p.required(ARN)),
            (c, in) -> provider(providers, c, in.arn()),
            (c, in) -> providers.delete(account(c), in.arn())),
        command(
            "AddClientIDToOpenIDConnectProvider",
            p -> new ClientIdChange(p.required(ARN), p.required("ClientID")),
            (c, in) -> provider(providers, c, in.arn()),
            (c, in) -> providers.addClientId(account(c), in.arn(), in.clientId())),
        command(
            "RemoveClientIDFromOpenIDConnectProvider",
            p -> new ClientIdChange(p.required(ARN), p.required("ClientID")),
            (c, in) -> provider(providers, c, in.arn()),
            (c, in) -> providers.removeClientId(account(c), in.arn(), in.clientId())),
        command(
            "UpdateOpenIDConnectProviderThumbprint",
            p -> new Thumbprints(p.required(ARN), p.list("ThumbprintList")),
            (c, in) -> provider(providers, c, in.arn()),
            (c, in) -> providers.updateThumbprints(account(c), in.arn(), in.thumbprints())),
        command(
            "TagOpenIDConnectProvider",
            p -> new Tagging(p.required(ARN), tags(p)),
            (c, in) -> tagging(provider(providers, c, in.name()), in.tags()),
            (c, in) -> providers.tag(account(c), in.name(), in.tags())),
        command(
            "UntagOpenIDConnectProvider",
            p -> new Untagging(p.required(ARN), p.list("TagKeys")),
            (c, in) -> with(provider(providers, c, in.name()), "aws:TagKeys", in.keys()),
            (c, in) -> providers.untag(account(c), in.name(), in.keys())),
        op(
            "ListOpenIDConnectProviderTags",
            p -> new NamedPage(p.required(ARN), page(p)),
            (c, in) -> provider(providers, c, in.name()),
            (c, in) -> providers.listTags(account(c), in.name(), in.page()),
            (out, s) -> list(s, "Tags", out, UserAndGroupActions::tag)));
  }

  /** The ARN the provider will have (the URL as given when it lacks {@code https://}). */
  private static String created(Caller caller, String url) {
    String rest = url.startsWith("https://") ? url.substring("https://".length()) : url;
    return Arns.oidcProvider(account(caller), rest);
  }

  /** The provider's ARN with its tags as {@code aws:ResourceTag/...}. */
  private static Aim provider(OidcProviders providers, Caller caller, String arn) {
    Aim aim = arn(arn);
    for (Tag tag : providers.tagsOf(account(caller), arn)) {
      aim = with(aim, "aws:ResourceTag/" + tag.key(), List.of(tag.value()));
    }
    return aim;
  }

  private static void showCreated(OidcProviderView view, Shape s) {
    s.field("OpenIDConnectProviderArn", view.provider().arn());
    IamShapes.tags(s, view.tags());
  }

  /** GetOpenIDConnectProvider: the URL without {@code https://}, as AWS shows it. */
  private static void showProvider(OidcProviderView view, Shape s) {
    OidcProvider p = view.provider();
    s.field("Url", p.url());
    s.startList("ClientIDList");
    p.clientIds().forEach(s::member);
    s.end();
    s.startList("ThumbprintList");
    p.thumbprints().forEach(s::member);
    s.end();
    s.field("CreateDate", p.createDate());
    IamShapes.tags(s, view.tags());
  }

  /** ListOpenIDConnectProviders: ARNs only, never truncated. */
  private static void showArns(List<OidcProvider> all, Shape s) {
    s.startList("OpenIDConnectProviderList");
    for (OidcProvider p : all) {
      s.member().field("Arn", p.arn()).end();
    }
    s.end();
  }
}
