package dev.gatehouse.api.iam;

import static dev.gatehouse.api.iam.Ops.account;
import static dev.gatehouse.api.iam.Ops.command;
import static dev.gatehouse.api.iam.Ops.list;
import static dev.gatehouse.api.iam.Ops.op;
import static dev.gatehouse.api.iam.Ops.opt;
import static dev.gatehouse.api.iam.Ops.page;
import static dev.gatehouse.api.iam.Ops.tagging;
import static dev.gatehouse.api.iam.Ops.tags;
import static dev.gatehouse.api.iam.Ops.with;

import dev.gatehouse.api.Caller;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Operation.Aim;
import dev.gatehouse.api.Shape;
import dev.gatehouse.api.iam.UserAndGroupActions.Listing;
import dev.gatehouse.api.iam.UserAndGroupActions.Named;
import dev.gatehouse.api.iam.UserAndGroupActions.NamedPage;
import dev.gatehouse.api.iam.UserAndGroupActions.Renamed;
import dev.gatehouse.api.iam.UserAndGroupActions.Tagging;
import dev.gatehouse.api.iam.UserAndGroupActions.Untagging;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.ServerCertificate;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.ServerCertificates;
import dev.gatehouse.core.iam.ServerCertificates.ServerCertificateView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM server certificates. Each action is authorized against the certificate's ARN with its stored
 * path and its tags (spec: Service Authorization Reference, resource type {@code
 * server-certificate}); UpdateServerCertificate also against the new ARN (spec: "you must have
 * permission on both the source object and the target object"). No answer carries the private key.
 */
final class ServerCertificateActions {
  private ServerCertificateActions() {}

  record Upload(
      String path, String name, String body, String privateKey, String chain, List<Tag> tags) {
    @Override
    public String toString() {
      return "Upload[" + path + name + "]";
    }
  }

  static List<Operation<?, ?>> table(IamServices iam) {
    ServerCertificates certs = iam.serverCertificates();
    return List.of(
        op(
            "UploadServerCertificate",
            p ->
                new Upload(
                    opt(p, "Path"),
                    p.required("ServerCertificateName"),
                    p.required("CertificateBody"),
                    p.required("PrivateKey"),
                    opt(p, "CertificateChain"),
                    tags(p)),
            (c, in) ->
                tagging(
                    Ops.arn(
                        Arns.serverCertificate(
                            account(c), in.path().isEmpty() ? "/" : in.path(), in.name())),
                    in.tags()),
            (c, in) ->
                certs.upload(
                    account(c),
                    in.path(),
                    in.name(),
                    in.body(),
                    in.privateKey(),
                    in.chain(),
                    in.tags()),
            (out, s) -> {
              metadata(s, "ServerCertificateMetadata", out.certificate());
              IamShapes.tags(s, out.tags());
            }),
        op(
            "GetServerCertificate",
            p -> new Named(p.required("ServerCertificateName")),
            (c, in) -> resource(certs, c, in.name()),
            (c, in) -> certs.get(account(c), in.name()),
            (out, s) -> serverCertificate(s, out)),
        op(
            "ListServerCertificates",
            p -> new Listing(opt(p, "PathPrefix"), page(p)),
            (c, in) -> Ops.listing(c, "server-certificate", in.pathPrefix()),
            (c, in) -> certs.list(account(c), in.pathPrefix(), in.page()),
            (out, s) ->
                list(
                    s,
                    "ServerCertificateMetadataList",
                    out,
                    (cert, m) -> metadata(m, "member", cert))),
        command(
            "UpdateServerCertificate",
            p ->
                new Renamed(
                    p.required("ServerCertificateName"),
                    opt(p, "NewServerCertificateName"),
                    opt(p, "NewPath")),
            (c, in) -> renaming(certs, c, in),
            (c, in) -> certs.update(account(c), in.name(), in.newPath(), in.newName())),
        command(
            "DeleteServerCertificate",
            p -> new Named(p.required("ServerCertificateName")),
            (c, in) -> resource(certs, c, in.name()),
            (c, in) -> certs.delete(account(c), in.name())),
        command(
            "TagServerCertificate",
            p -> new Tagging(p.required("ServerCertificateName"), tags(p)),
            (c, in) -> tagging(resource(certs, c, in.name()), in.tags()),
            (c, in) -> certs.tag(account(c), in.name(), in.tags())),
        command(
            "UntagServerCertificate",
            p -> new Untagging(p.required("ServerCertificateName"), p.list("TagKeys")),
            (c, in) -> with(resource(certs, c, in.name()), "aws:TagKeys", in.keys()),
            (c, in) -> certs.untag(account(c), in.name(), in.keys())),
        op(
            "ListServerCertificateTags",
            p -> new NamedPage(p.required("ServerCertificateName"), page(p)),
            (c, in) -> resource(certs, c, in.name()),
            (c, in) -> certs.listTags(account(c), in.name(), in.page()),
            (out, s) -> list(s, "Tags", out, UserAndGroupActions::tag)));
  }

  /** The certificate's ARN (stored path) with its tags as aws:ResourceTag keys. */
  private static Aim resource(ServerCertificates certs, Caller c, String name) {
    return aim(certs.resource(account(c), name));
  }

  private static Aim aim(ServerCertificates.AuthorizationResource r) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag t : r.tags()) {
      tags.put(t.key(), t.value());
    }
    return Aim.of(new Target.Arn(r.arn(), tags));
  }

  private static Aim renaming(ServerCertificates certs, Caller c, Renamed in) {
    ServerCertificates.AuthorizationResource r = certs.resource(account(c), in.name());
    Aim source = aim(r);
    if (in.newName().isEmpty() && in.newPath().isEmpty()) {
      return source;
    }
    String target =
        Arns.serverCertificate(
            account(c),
            in.newPath().isEmpty() ? r.path() : in.newPath(),
            in.newName().isEmpty() ? in.name() : in.newName());
    return source.and("UpdateServerCertificate", new Target.Arn(target));
  }

  /** spec: model shape ServerCertificateMetadata. */
  private static void metadata(Shape out, String element, ServerCertificate c) {
    IamShapes.open(out, element)
        .field("Path", c.path())
        .field("ServerCertificateName", c.name())
        .field("ServerCertificateId", c.id())
        .field("Arn", c.arn())
        .field("UploadDate", c.uploadDate())
        .field("Expiration", c.expiration())
        .end();
  }

  /** spec: model shape ServerCertificate: metadata, body, chain, tags; never the private key. */
  private static void serverCertificate(Shape out, ServerCertificateView v) {
    out.start("ServerCertificate");
    metadata(out, "ServerCertificateMetadata", v.certificate());
    out.field("CertificateBody", v.certificate().body());
    if (!v.certificate().chain().isEmpty()) {
      out.field("CertificateChain", v.certificate().chain());
    }
    IamShapes.tags(out, v.tags());
    out.end();
  }
}
