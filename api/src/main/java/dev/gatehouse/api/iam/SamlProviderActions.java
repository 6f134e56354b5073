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
import dev.gatehouse.core.domain.SamlProvider;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.SamlProviders;
import dev.gatehouse.core.iam.SamlProviders.SamlProviderView;
import java.util.List;

/**
 * IAM SAML identity providers: the actions, their inputs and outputs (spec: botocore IAM model,
 * CreateSAMLProvider ... ListSAMLProviderTags). Each is authorized against the provider's ARN
 * (resource type {@code saml-provider}) with its tags as {@code aws:ResourceTag/...};
 * ListSAMLProviders against {@code *}.
 */
final class SamlProviderActions {
  private SamlProviderActions() {}

  record ProviderRef(String arn) {}

  record Create(String name, String document, List<Tag> tags) {}

  record Update(String arn, String document) {}

  private static final String ARN = "SAMLProviderArn";
  private static final String DOCUMENT = "SAMLMetadataDocument";

  static List<Operation<?, ?>> table(IamServices iam) {
    SamlProviders providers = iam.samlProviders();
    return List.of(
        op(
            "CreateSAMLProvider",
            p -> new Create(p.required("Name"), p.required(DOCUMENT), tags(p)),
            (c, in) -> tagging(arn(Arns.samlProvider(account(c), in.name())), in.tags()),
            (c, in) -> providers.create(account(c), in.name(), in.document(), in.tags()),
            (view, s) -> {
              s.field(ARN, view.provider().arn());
              IamShapes.tags(s, view.tags());
            }),
        op(
            "GetSAMLProvider",
            p -> new ProviderRef(p.required(ARN)),
            (c, in) -> provider(providers, c, in.arn()),
            (c, in) -> providers.get(account(c), in.arn()),
            SamlProviderActions::showProvider),
        op(
            "ListSAMLProviders",
            p -> new InlineKeyAndAccountActions.Nothing(),
            (c, in) -> Ops.any(),
            (c, in) -> providers.list(account(c)),
            SamlProviderActions::showList),
        op(
            "UpdateSAMLProvider",
            p -> new Update(p.required(ARN), p.required(DOCUMENT)),
            (c, in) -> provider(providers, c, in.arn()),
            (c, in) -> providers.update(account(c), in.arn(), in.document()),
            (arn, s) -> s.field(ARN, arn)),
        command(
            "DeleteSAMLProvider",
            p -> new ProviderRef(p.required(ARN)),
            (c, in) -> provider(providers, c, in.arn()),
            (c, in) -> providers.delete(account(c), in.arn())),
        command(
            "TagSAMLProvider",
            p -> new Tagging(p.required(ARN), tags(p)),
            (c, in) -> tagging(provider(providers, c, in.name()), in.tags()),
            (c, in) -> providers.tag(account(c), in.name(), in.tags())),
        command(
            "UntagSAMLProvider",
            p -> new Untagging(p.required(ARN), p.list("TagKeys")),
            (c, in) -> with(provider(providers, c, in.name()), "aws:TagKeys", in.keys()),
            (c, in) -> providers.untag(account(c), in.name(), in.keys())),
        op(
            "ListSAMLProviderTags",
            p -> new NamedPage(p.required(ARN), page(p)),
            (c, in) -> provider(providers, c, in.name()),
            (c, in) -> providers.listTags(account(c), in.name(), in.page()),
            (out, s) -> list(s, "Tags", out, UserAndGroupActions::tag)));
  }

  /** The provider's ARN with its tags as {@code aws:ResourceTag/...}. */
  private static Aim provider(SamlProviders providers, Caller caller, String arn) {
    Aim aim = arn(arn);
    for (Tag tag : providers.tagsOf(account(caller), arn)) {
      aim = with(aim, "aws:ResourceTag/" + tag.key(), List.of(tag.value()));
    }
    return aim;
  }

  private static void showProvider(SamlProviderView view, Shape s) {
    SamlProvider p = view.provider();
    s.field(DOCUMENT, p.metadataDocument());
    s.field("CreateDate", p.createDate());
    s.field("ValidUntil", p.validUntil());
    IamShapes.tags(s, view.tags());
  }

  /** ListSAMLProviders: ARN, ValidUntil and CreateDate of each, never truncated. */
  private static void showList(List<SamlProvider> all, Shape s) {
    s.startList("SAMLProviderList");
    for (SamlProvider p : all) {
      s.member()
          .field("Arn", p.arn())
          .field("ValidUntil", p.validUntil())
          .field("CreateDate", p.createDate())
          .end();
    }
    s.end();
  }
}
