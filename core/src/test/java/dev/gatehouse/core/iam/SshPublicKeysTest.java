package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.fails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.pki.TestSshKeys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SSH public keys of users: upload, get in both encodings, list, update, delete; AWS's limits. */
class SshPublicKeysTest {
  private static final List<TestSshKeys> KEYS = new ArrayList<>();

  static {
    for (int i = 0; i < 6; i++) {
      KEYS.add(TestSshKeys.rsa(2048));
    }
  }

  private final IamTestKit kit = new IamTestKit();
  private final IamServices iam = kit.iam;
  private final SshPublicKeys keys = iam.sshPublicKeys();

  SshPublicKeysTest() {
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("alice"));
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("bob"));
  }

  @Test
  void aKeyIsUploadedShownInBothEncodingsListedUpdatedAndDeleted() {
    String body = KEYS.get(0).openSsh("alice@laptop");
    SshPublicKeys.SshPublicKeyView up = keys.upload(ACCOUNT, "alice", body);
    String id = up.key().id();
    assertThat(id).matches("APKA[A-Z2-7]{16}");
    assertThat(up.userName()).isEqualTo("alice");
    assertThat(up.body()).isEqualTo(body);
    assertThat(up.key().fingerprint()).isEqualTo(KEYS.get(0).md5Fingerprint());
    assertThat(up.key().status()).isEqualTo(AccessKeyStatus.ACTIVE);
    assertThat(up.key().uploadDate()).isEqualTo(IamTestKit.NOW);

    SshPublicKeys.SshPublicKeyView ssh =
        keys.get(ACCOUNT, "ALICE", id, SshPublicKeys.Encoding.parse("SSH"));
    assertThat(ssh.body()).startsWith("ssh-rsa AAAA").doesNotContain("laptop");
    SshPublicKeys.SshPublicKeyView pem =
        keys.get(ACCOUNT, "alice", id, SshPublicKeys.Encoding.parse("PEM"));
    assertThat(pem.body()).isEqualTo(KEYS.get(0).pem());

    keys.upload(ACCOUNT, "alice", KEYS.get(1).pem());
    assertThat(
            keys.list(ACCOUNT, KeyHolder.user("alice"), PageRequest.parse("", "1")).isTruncated())
        .isTrue();
    assertThat(keys.list(ACCOUNT, KeyHolder.user("alice"), PageRequest.parse("", "")).items())
        .hasSize(2);
    assertThat(keys.list(ACCOUNT, KeyHolder.root(), PageRequest.parse("", "")).items()).isEmpty();

    keys.update(ACCOUNT, "alice", id, AccessKeyStatus.INACTIVE);
    assertThat(keys.get(ACCOUNT, "alice", id, SshPublicKeys.Encoding.SSH).key().status())
        .isEqualTo(AccessKeyStatus.INACTIVE);
    fails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must delete SSH public keys first.",
        () -> iam.users().deleteUser(ACCOUNT, "alice"));
    keys.delete(ACCOUNT, "alice", id);
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "The Public Key with id " + id + " cannot be found.",
        () -> keys.get(ACCOUNT, "alice", id, SshPublicKeys.Encoding.SSH));
  }

  @Test
  void duplicatesLimitsAndOtherUsersKeysAreRefused() {
    String id = keys.upload(ACCOUNT, "alice", KEYS.get(0).openSsh("a")).key().id();
    fails(
        ErrorCode.DUPLICATE_SSH_PUBLIC_KEY,
        "The request was rejected because the SSH public key (fingerprint "
            + KEYS.get(0).md5Fingerprint()
            + ") is already associated with the user alice.",
        () -> keys.upload(ACCOUNT, "alice", KEYS.get(0).pem()));
    keys.upload(ACCOUNT, "bob", KEYS.get(0).pem());
    for (int i = 1; i < 5; i++) {
      keys.upload(ACCOUNT, "alice", KEYS.get(i).openSsh("k"));
    }
    fails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for SSHPublicKeysPerUser: 5",
        () -> keys.upload(ACCOUNT, "alice", KEYS.get(5).openSsh("k")));
    String missing = "The Public Key with id " + id + " cannot be found.";
    fails(ErrorCode.NO_SUCH_ENTITY, missing, () -> keys.delete(ACCOUNT, "bob", id));
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        missing,
        () -> keys.update(ACCOUNT, "bob", id, AccessKeyStatus.INACTIVE));
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "The user with name carol cannot be found.",
        () -> keys.upload(ACCOUNT, "carol", KEYS.get(0).openSsh("k")));
  }

  @Test
  void badParametersAreValidationErrors() {
    fails(
        ErrorCode.VALIDATION_ERROR,
        "1 validation error detected: Value 'SSH2' at 'encoding' failed to satisfy constraint:"
            + " Member must satisfy enum value set: [SSH, PEM]",
        () -> SshPublicKeys.Encoding.parse("SSH2"));
    fails(
        ErrorCode.VALIDATION_ERROR,
        "1 validation error detected: Value 'APKA' at 'sSHPublicKeyId' failed to satisfy"
            + " constraint: Member must have length greater than or equal to 20",
        () -> keys.delete(ACCOUNT, "alice", "APKA"));
    fails(
        ErrorCode.UNRECOGNIZED_PUBLIC_KEY_ENCODING,
        "The request was rejected because the public key encoding format is unsupported or"
            + " unrecognized: SSHPublicKeyBody: it is neither OpenSSH (ssh-rsa AAAA...) nor PEM"
            + " (-----BEGIN PUBLIC KEY).",
        () -> keys.upload(ACCOUNT, "alice", "nonsense"));
  }
}
