package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.SigningCertificate;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.pki.Certificates;
import dev.gatehouse.core.store.ReadTransaction;
import java.util.List;
import java.util.Objects;

/**
 * X.509 signing certificates of IAM users and of the root user. spec: IAM API Reference,
 * UploadSigningCertificate, ListSigningCertificates, UpdateSigningCertificate,
 * DeleteSigningCertificate: without UserName the caller's own; IAM quotas, "Signing certificates
 * assigned to an IAM user: 2".
 */
public final class SigningCertificates {
  public static final int MAX_CERTIFICATES = 2;

  private static final String ID_PATTERN = "[\\w]+";

  private final IamContext ctx;

  SigningCertificates(IamContext ctx) {
    this.ctx = ctx;
  }

  /** A certificate with its owner's name as the API shows it (empty for the root user). */
  public record SigningCertificateView(SigningCertificate certificate, String userName) {
    public SigningCertificateView {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(userName, "userName");
    }
  }

  private static void certificateId(String id) {
    Validation.shape("certificateId", id, 24, 128, ID_PATTERN);
  }

  private static SigningCertificate owned(
      ReadTransaction tx, String accountId, KeyHolder.Resolved h, String id) {
    return tx.userCertificates()
        .signingCertificate(accountId, id)
        .filter(c -> c.owner().equals(h.owner()))
        .orElseThrow(
            () ->
                GatehouseException.noSuchEntity(
                    "The Certificate with id " + id + " cannot be found."));
  }

  /**
   * UploadSigningCertificate: one PEM X.509 certificate, valid now (InvalidCertificate otherwise),
   * not already uploaded in the account (DuplicateCertificate), two per owner (LimitExceeded).
   */
  public SigningCertificateView upload(String accountId, KeyHolder holder, String body) {
    holder.validate();
    Validation.shape("certificateBody", body, 1, 16384, Validation.DOCUMENT_PATTERN);
    Certificates.Parsed parsed = Certificates.certificate("CertificateBody", body);
    Certificates.checkValidity(
        parsed, ctx.now(), ErrorCode.INVALID_CERTIFICATE, "the certificate in CertificateBody");
    return ctx.write(
        accountId,
        tx -> {
          KeyHolder.Resolved h = holder.resolve(tx, accountId);
          if (tx.userCertificates()
              .signingCertificateBySha256(accountId, parsed.sha256())
              .isPresent()) {
            throw new GatehouseException(
                ErrorCode.DUPLICATE_CERTIFICATE,
                "The request was rejected because the same certificate is associated with an IAM"
                    + " user in the account.");
          }
          if (tx.userCertificates().signingCertificates(accountId, h.owner()).size()
              >= MAX_CERTIFICATES) {
            throw IamErrors.quota("SigningCertificatesPerUser", MAX_CERTIFICATES);
          }
          SigningCertificate c =
              new SigningCertificate(
                  accountId,
                  h.owner(),
                  ctx.ids().signingCertificateId(),
                  parsed.sha256(),
                  body,
                  AccessKeyStatus.ACTIVE,
                  ctx.now());
          tx.userCertificates().createSigningCertificate(c);
          return new SigningCertificateView(c, h.userName());
        });
  }

  /** ListSigningCertificates. */
  public Page<SigningCertificateView> list(String accountId, KeyHolder holder, PageRequest page) {
    holder.validate();
    List<SigningCertificateView> all =
        ctx.read(
            tx -> {
              KeyHolder.Resolved h = holder.resolve(tx, accountId);
              return tx.userCertificates().signingCertificates(accountId, h.owner()).stream()
                  .map(c -> new SigningCertificateView(c, h.userName()))
                  .toList();
            });
    return Page.slice(all, v -> v.certificate().id(), page);
  }

  /** UpdateSigningCertificate: Active or Inactive. */
  public void update(String accountId, KeyHolder holder, String id, AccessKeyStatus status) {
    holder.validate();
    certificateId(id);
    ctx.write(
        accountId,
        tx -> {
          owned(tx, accountId, holder.resolve(tx, accountId), id);
          tx.userCertificates().updateSigningCertificateStatus(accountId, id, status);
          return null;
        });
  }

  /** DeleteSigningCertificate. */
  public void delete(String accountId, KeyHolder holder, String id) {
    holder.validate();
    certificateId(id);
    ctx.write(
        accountId,
        tx -> {
          owned(tx, accountId, holder.resolve(tx, accountId), id);
          tx.userCertificates().deleteSigningCertificate(accountId, id);
          return null;
        });
  }
}
