package dev.gatehouse.api.iam;

import static dev.gatehouse.api.iam.Ops.account;
import static dev.gatehouse.api.iam.Ops.command;
import static dev.gatehouse.api.iam.Ops.holder;
import static dev.gatehouse.api.iam.Ops.holderAim;
import static dev.gatehouse.api.iam.Ops.list;
import static dev.gatehouse.api.iam.Ops.op;
import static dev.gatehouse.api.iam.Ops.opt;
import static dev.gatehouse.api.iam.Ops.page;
import static dev.gatehouse.api.iam.Ops.user;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.PageRequest;
import dev.gatehouse.core.iam.SigningCertificates;
import dev.gatehouse.core.iam.SigningCertificates.SigningCertificateView;
import dev.gatehouse.core.iam.SshPublicKeys;
import dev.gatehouse.core.iam.SshPublicKeys.SshPublicKeyView;
import java.util.List;

/**
 * Users' SSH public keys and signing certificates. Each is authorized against the user that holds
 * the key (spec: Service Authorization Reference, resource type {@code user}); signing-certificate
 * actions without UserName act on the caller, like the access-key actions.
 */
final class UserCertificateActions {
  private UserCertificateActions() {}

  record KeyUpload(String userName, String body) {}

  record KeyRef(String userName, String id) {}

  record KeyRead(String userName, String id, SshPublicKeys.Encoding encoding) {}

  record KeyUpdate(String userName, String id, AccessKeyStatus status) {}

  record HolderPage(String userName, PageRequest page) {}

  static List<Operation<?, ?>> table(IamServices iam) {
    SshPublicKeys keys = iam.sshPublicKeys();
    SigningCertificates certs = iam.signingCertificates();
    return List.of(
        op(
            "UploadSSHPublicKey",
            p -> new KeyUpload(p.required("UserName"), p.required("SSHPublicKeyBody")),
            (c, in) -> user(in.userName()),
            (c, in) -> keys.upload(account(c), in.userName(), in.body()),
            (out, s) -> sshKey(s, "SSHPublicKey", out)),
        op(
            "GetSSHPublicKey",
            p ->
                new KeyRead(
                    p.required("UserName"),
                    p.required("SSHPublicKeyId"),
                    SshPublicKeys.Encoding.parse(p.required("Encoding"))),
            (c, in) -> user(in.userName()),
            (c, in) -> keys.get(account(c), in.userName(), in.id(), in.encoding()),
            (out, s) -> sshKey(s, "SSHPublicKey", out)),
        op(
            "ListSSHPublicKeys",
            p -> new HolderPage(opt(p, "UserName"), page(p)),
            (c, in) -> holderAim(c, in.userName()),
            (c, in) -> keys.list(account(c), holder(c, in.userName()), in.page()),
            (out, s) -> list(s, "SSHPublicKeys", out, UserCertificateActions::sshKeyMetadata)),
        command(
            "UpdateSSHPublicKey",
            p ->
                new KeyUpdate(
                    p.required("UserName"),
                    p.required("SSHPublicKeyId"),
                    InlineKeyAndAccountActions.status(p.required("Status"))),
            (c, in) -> user(in.userName()),
            (c, in) -> keys.update(account(c), in.userName(), in.id(), in.status())),
        command(
            "DeleteSSHPublicKey",
            p -> new KeyRef(p.required("UserName"), p.required("SSHPublicKeyId")),
            (c, in) -> user(in.userName()),
            (c, in) -> keys.delete(account(c), in.userName(), in.id())),
        op(
            "UploadSigningCertificate",
            p -> new KeyUpload(opt(p, "UserName"), p.required("CertificateBody")),
            (c, in) -> holderAim(c, in.userName()),
            (c, in) -> certs.upload(account(c), holder(c, in.userName()), in.body()),
            (out, s) -> signingCertificate(out, s.start("Certificate"))),
        op(
            "ListSigningCertificates",
            p -> new HolderPage(opt(p, "UserName"), page(p)),
            (c, in) -> holderAim(c, in.userName()),
            (c, in) -> certs.list(account(c), holder(c, in.userName()), in.page()),
            (out, s) -> list(s, "Certificates", out, (v, m) -> signingCertificate(v, m.member()))),
        command(
            "UpdateSigningCertificate",
            p ->
                new KeyUpdate(
                    opt(p, "UserName"),
                    p.required("CertificateId"),
                    InlineKeyAndAccountActions.status(p.required("Status"))),
            (c, in) -> holderAim(c, in.userName()),
            (c, in) -> certs.update(account(c), holder(c, in.userName()), in.id(), in.status())),
        command(
            "DeleteSigningCertificate",
            p -> new KeyRef(opt(p, "UserName"), p.required("CertificateId")),
            (c, in) -> holderAim(c, in.userName()),
            (c, in) -> certs.delete(account(c), holder(c, in.userName()), in.id())));
  }

  /** spec: model shape SSHPublicKey. */
  private static void sshKey(Shape out, String element, SshPublicKeyView v) {
    IamShapes.open(out, element)
        .field("UserName", v.userName())
        .field("SSHPublicKeyId", v.key().id())
        .field("Fingerprint", v.key().fingerprint())
        .field("SSHPublicKeyBody", v.body())
        .field("Status", v.key().status().wireName())
        .field("UploadDate", v.key().uploadDate())
        .end();
  }

  /** spec: model shape SSHPublicKeyMetadata (no body, no fingerprint). */
  private static void sshKeyMetadata(SshPublicKeyView v, Shape out) {
    out.member()
        .field("UserName", v.userName())
        .field("SSHPublicKeyId", v.key().id())
        .field("Status", v.key().status().wireName())
        .field("UploadDate", v.key().uploadDate())
        .end();
  }

  /** spec: model shape SigningCertificate, into an opened element. */
  private static void signingCertificate(SigningCertificateView v, Shape opened) {
    opened
        .field("UserName", v.userName())
        .field("CertificateId", v.certificate().id())
        .field("CertificateBody", v.certificate().body())
        .field("Status", v.certificate().status().wireName())
        .field("UploadDate", v.certificate().uploadDate())
        .end();
  }
}
