package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.ServerCertificate;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.pki.Certificates;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.StoreConflict;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * IAM server certificates. spec: IAM API Reference, UploadServerCertificate ...
 * ListServerCertificateTags; IAM User Guide, "Managing server certificates in IAM"; IAM quotas,
 * "Server certificates stored in an AWS account: 20".
 *
 * <p>The private key is checked against the certificate, then sealed with the master key ring,
 * bound to the certificate's id, before it reaches the store. No answer and no message carries it.
 */
public final class ServerCertificates {
  public static final int MAX_CERTIFICATES = 20;

  private static final int MAX_BODY = 16384;
  private static final int MAX_CHAIN = 2_097_152;

  private final IamContext ctx;

  ServerCertificates(IamContext ctx) {
    this.ctx = ctx;
  }

  /** A certificate with its tags, as GetServerCertificate and UploadServerCertificate show it. */
  public record ServerCertificateView(ServerCertificate certificate, List<Tag> tags) {
    public ServerCertificateView {
      Objects.requireNonNull(certificate, "certificate");
      tags = List.copyOf(tags);
    }
  }

  /** The associated data a sealed private key is bound to: its certificate's unique id. */
  public static String binding(String serverCertificateId) {
    return serverCertificateId;
  }

  private static void name(String param, String name) {
    Validation.name(param, name, 128);
  }

  private static GatehouseException noSuch(String name) {
    return GatehouseException.noSuchEntity(
        "The Server Certificate with name " + name + " cannot be found.");
  }

  private static GatehouseException exists(String name) {
    return GatehouseException.alreadyExists(
        "The Server Certificate with name " + name + " already exists.");
  }

  static ServerCertificate certificate(ReadTransaction tx, String accountId, String name) {
    return tx.serverCertificates()
        .serverCertificate(accountId, name)
        .orElseThrow(() -> noSuch(name));
  }

  /**
   * UploadServerCertificate: the body (one certificate, not expired), the chain (certificates,
   * optional) and the private key (unencrypted PEM, matching the certificate's public key).
   */
  public ServerCertificateView upload(
      String accountId,
      String path,
      String name,
      String body,
      String privateKey,
      String chain,
      List<Tag> tags) {
    String p = Validation.path("path", path);
    name("serverCertificateName", name);
    Validation.shape("certificateBody", body, 1, MAX_BODY, Validation.DOCUMENT_PATTERN);
    Validation.secret("privateKey", privateKey, 1, MAX_BODY, Validation.DOCUMENT_PATTERN);
    if (!chain.isEmpty()) {
      Validation.shape("certificateChain", chain, 1, MAX_CHAIN, Validation.DOCUMENT_PATTERN);
    }
    Validation.tags(tags);
    Certificates.Parsed parsed = Certificates.certificate("CertificateBody", body);
    Certificates.checkValidity(
        parsed, ctx.now(), ErrorCode.MALFORMED_CERTIFICATE, "the certificate in CertificateBody");
    if (!chain.isEmpty()) {
      Certificates.certificates("CertificateChain", chain);
    }
    PrivateKey key = Certificates.privateKey(privateKey);
    Certificates.requireMatch(parsed, key);
    String id = ctx.ids().serverCertificateId();
    String sealed = ctx.keyRing().seal(privateKey.getBytes(StandardCharsets.UTF_8), binding(id));
    return ctx.write(
        accountId,
        tx -> {
          if (tx.serverCertificates().serverCertificateCount(accountId) >= MAX_CERTIFICATES) {
            throw IamErrors.quota("ServerCertificatesPerAccount", MAX_CERTIFICATES);
          }
          if (tx.serverCertificates().serverCertificate(accountId, name).isPresent()) {
            throw exists(name);
          }
          ServerCertificate c =
              new ServerCertificate(
                  accountId, id, p, name, body, chain, sealed, ctx.now(), parsed.notAfter());
          try {
            tx.serverCertificates().createServerCertificate(c);
          } catch (StoreConflict e) {
            throw exists(name);
          }
          IamRules.putTags(tx, id, tags);
          return new ServerCertificateView(c, tags);
        });
  }

  /** GetServerCertificate: metadata, body, chain and tags; never the private key. */
  public ServerCertificateView get(String accountId, String name) {
    name("serverCertificateName", name);
    return ctx.read(
        tx -> {
          ServerCertificate c = certificate(tx, accountId, name);
          return new ServerCertificateView(c, tx.tags().tags(c.id()));
        });
  }

  /** ListServerCertificates. {@code pathPrefix} is empty for all. */
  public Page<ServerCertificate> list(String accountId, String pathPrefix, PageRequest page) {
    String prefix = Validation.pathPrefix(pathPrefix);
    List<ServerCertificate> all =
        ctx.read(tx -> tx.serverCertificates().serverCertificates(accountId, prefix));
    return Page.slice(all, c -> c.name().toLowerCase(Locale.ROOT), page);
  }

  /** UpdateServerCertificate: a new path, a new name, or both (empty keeps the old one). */
  public void update(String accountId, String name, String newPath, String newName) {
    name("serverCertificateName", name);
    if (!newName.isEmpty()) {
      name("newServerCertificateName", newName);
    }
    if (!newPath.isEmpty()) {
      Validation.path("newPath", newPath);
    }
    ctx.write(
        accountId,
        tx -> {
          ServerCertificate c = certificate(tx, accountId, name);
          String targetName = newName.isEmpty() ? c.name() : newName;
          boolean sameName = targetName.equalsIgnoreCase(c.name());
          if (!sameName
              && tx.serverCertificates().serverCertificate(accountId, targetName).isPresent()) {
            throw exists(targetName);
          }
          ServerCertificate moved = c.renamed(newPath.isEmpty() ? c.path() : newPath, targetName);
          try {
            tx.serverCertificates().renameServerCertificate(moved);
          } catch (StoreConflict e) {
            throw exists(targetName);
          }
          return null;
        });
  }

  /** DeleteServerCertificate: the certificate, its sealed key and its tags. */
  public void delete(String accountId, String name) {
    name("serverCertificateName", name);
    ctx.write(
        accountId,
        tx -> {
          certificate(tx, accountId, name);
          tx.serverCertificates().deleteServerCertificate(accountId, name);
          return null;
        });
  }

  public void tag(String accountId, String name, List<Tag> tags) {
    name("serverCertificateName", name);
    EntityTags.tag(ctx, accountId, tx -> certificate(tx, accountId, name).id(), tags);
  }

  public void untag(String accountId, String name, List<String> tagKeys) {
    name("serverCertificateName", name);
    EntityTags.untag(ctx, accountId, tx -> certificate(tx, accountId, name).id(), tagKeys);
  }

  public Page<Tag> listTags(String accountId, String name, PageRequest page) {
    name("serverCertificateName", name);
    return EntityTags.list(ctx, tx -> certificate(tx, accountId, name).id(), page);
  }

  /**
   * What a request on the certificate named {@code name} is authorized against: its ARN with its
   * stored path (the root path when it does not exist) and its tags.
   */
  public AuthorizationResource resource(String accountId, String name) {
    return ctx.read(
        tx ->
            tx.serverCertificates()
                .serverCertificate(accountId, name)
                .map(c -> new AuthorizationResource(c.arn(), c.path(), tx.tags().tags(c.id())))
                .orElseGet(
                    () ->
                        new AuthorizationResource(
                            Arns.serverCertificate(accountId, "/", name), "/", List.of())));
  }

  /** An ARN, the path in it, and the tags its aws:ResourceTag keys come from. */
  public record AuthorizationResource(String arn, String path, List<Tag> tags) {
    public AuthorizationResource {
      Objects.requireNonNull(arn, "arn");
      Objects.requireNonNull(path, "path");
      tags = List.copyOf(tags);
    }
  }
}
