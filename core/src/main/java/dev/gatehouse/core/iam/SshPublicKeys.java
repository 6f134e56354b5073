package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.SshPublicKey;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.pki.SshKeys;
import dev.gatehouse.core.store.ReadTransaction;
import java.util.List;
import java.util.Objects;

/**
 * SSH public keys of IAM users (for CodeCommit). spec: IAM API Reference, UploadSSHPublicKey,
 * GetSSHPublicKey, ListSSHPublicKeys, UpdateSSHPublicKey, DeleteSSHPublicKey; IAM quotas, "SSH
 * public keys per user: 5".
 */
public final class SshPublicKeys {
  public static final int MAX_KEYS = 5;

  private static final int MAX_USER_NAME = 64;
  private static final String ID_PATTERN = "[\\w]+";

  private final IamContext ctx;

  SshPublicKeys(IamContext ctx) {
    this.ctx = ctx;
  }

  /** GetSSHPublicKey's Encoding. */
  public enum Encoding {
    SSH,
    PEM;

    /** The encoding named {@code value}; ValidationError for any other. */
    public static Encoding parse(String value) {
      for (Encoding e : values()) {
        if (e.name().equals(value)) {
          return e;
        }
      }
      throw Validation.error("encoding", value, "satisfy enum value set: [SSH, PEM]");
    }
  }

  /**
   * A key as the API shows it: with its user's current name, and its body in the encoding asked for
   * (the body as uploaded otherwise).
   */
  public record SshPublicKeyView(SshPublicKey key, String userName, String body) {
    public SshPublicKeyView {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(userName, "userName");
      Objects.requireNonNull(body, "body");
    }
  }

  private static void userName(String name) {
    Validation.name("userName", name, MAX_USER_NAME);
  }

  private static void keyId(String id) {
    Validation.shape("sSHPublicKeyId", id, 20, 128, ID_PATTERN);
  }

  private static GatehouseException noSuchKey(String id) {
    return GatehouseException.noSuchEntity("The Public Key with id " + id + " cannot be found.");
  }

  private static SshPublicKey owned(ReadTransaction tx, User u, String keyId) {
    return tx.userCertificates()
        .sshPublicKey(u.accountId(), keyId)
        .filter(k -> k.userId().equals(u.id()))
        .orElseThrow(() -> noSuchKey(keyId));
  }

  /** UploadSSHPublicKey: the key parsed, 5 per user, the same key once per user. */
  public SshPublicKeyView upload(String accountId, String userName, String body) {
    userName(userName);
    Validation.shape("sSHPublicKeyBody", body, 1, 16384, Validation.DOCUMENT_PATTERN);
    SshKeys.SshKey parsed = SshKeys.parse(body);
    String fingerprint = parsed.fingerprint();
    return ctx.write(
        accountId,
        tx -> {
          User u = IamContext.user(tx, accountId, userName);
          List<SshPublicKey> existing = tx.userCertificates().sshPublicKeys(accountId, u.id());
          if (existing.stream().anyMatch(k -> k.fingerprint().equals(fingerprint))) {
            throw new GatehouseException(
                ErrorCode.DUPLICATE_SSH_PUBLIC_KEY,
                "The request was rejected because the SSH public key (fingerprint "
                    + fingerprint
                    + ") is already associated with the user "
                    + u.name()
                    + ".");
          }
          if (existing.size() >= MAX_KEYS) {
            throw IamErrors.quota("SSHPublicKeysPerUser", MAX_KEYS);
          }
          SshPublicKey key =
              new SshPublicKey(
                  accountId,
                  u.id(),
                  ctx.ids().sshPublicKeyId(),
                  fingerprint,
                  body,
                  AccessKeyStatus.ACTIVE,
                  ctx.now());
          tx.userCertificates().createSshPublicKey(key);
          return new SshPublicKeyView(key, u.name(), body);
        });
  }

  /** GetSSHPublicKey: the key in the encoding asked for. */
  public SshPublicKeyView get(String accountId, String userName, String keyId, Encoding encoding) {
    userName(userName);
    keyId(keyId);
    return ctx.read(
        tx -> {
          User u = IamContext.user(tx, accountId, userName);
          SshPublicKey key = owned(tx, u, keyId);
          SshKeys.SshKey parsed = SshKeys.parse(key.body());
          String body = encoding == Encoding.SSH ? parsed.openSsh() : parsed.pem();
          return new SshPublicKeyView(key, u.name(), body);
        });
  }

  /**
   * ListSSHPublicKeys: a user's keys; without UserName the caller's (spec: "the UserName field is
   * determined implicitly based on the Amazon Web Services access key used to sign the request"),
   * none for the root user, which cannot hold SSH keys.
   */
  public Page<SshPublicKeyView> list(String accountId, KeyHolder holder, PageRequest page) {
    if (!(holder instanceof KeyHolder.Named named)) {
      return Page.of(List.of());
    }
    userName(named.userName());
    List<SshPublicKeyView> keys =
        ctx.read(
            tx -> {
              User u = IamContext.user(tx, accountId, named.userName());
              return tx.userCertificates().sshPublicKeys(accountId, u.id()).stream()
                  .map(k -> new SshPublicKeyView(k, u.name(), k.body()))
                  .toList();
            });
    return Page.slice(keys, v -> v.key().id(), page);
  }

  /** UpdateSSHPublicKey: Active or Inactive. */
  public void update(String accountId, String userName, String keyId, AccessKeyStatus status) {
    userName(userName);
    keyId(keyId);
    ctx.write(
        accountId,
        tx -> {
          owned(tx, IamContext.user(tx, accountId, userName), keyId);
          tx.userCertificates().updateSshPublicKeyStatus(accountId, keyId, status);
          return null;
        });
  }

  /** DeleteSSHPublicKey. */
  public void delete(String accountId, String userName, String keyId) {
    userName(userName);
    keyId(keyId);
    ctx.write(
        accountId,
        tx -> {
          owned(tx, IamContext.user(tx, accountId, userName), keyId);
          tx.userCertificates().deleteSshPublicKey(accountId, keyId);
          return null;
        });
  }
}
