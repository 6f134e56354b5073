package dev.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.ServerCertificate;
import dev.gatehouse.core.domain.SigningCertificate;
import dev.gatehouse.core.domain.SshPublicKey;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract: users' SSH public keys and signing certificates, and server certificates. */
public abstract class StoreContractCertificates extends StoreContractSamlProviders {
  private SshPublicKey sshKey(User u, String id) {
    return new SshPublicKey(
        account, u.id(), id, "aa:bb", "ssh-rsa AAAA " + id, AccessKeyStatus.ACTIVE, T0);
  }

  private SigningCertificate signing(AccessKeyOwner owner, String id, String sha) {
    return new SigningCertificate(
        account, owner, id, sha, "-----BEGIN CERTIFICATE-----" + id, AccessKeyStatus.ACTIVE, T0);
  }

  private ServerCertificate server(String id, String path, String name) {
    return new ServerCertificate(
        account, id + account, path, name, "body", "", "gh1.k.sealed", T0, T0.plusSeconds(3600));
  }

  @Test
  void sshKeysBelongToTheirUserAndChangeStatus() {
    User alice = createUser("alice");
    User bob = createUser("bob");
    SshPublicKey b = sshKey(alice, "APKAB" + account);
    SshPublicKey a = sshKey(alice, "APKAA" + account);
    write(tx -> tx.userCertificates().createSshPublicKey(b));
    write(tx -> tx.userCertificates().createSshPublicKey(a));
    write(tx -> tx.userCertificates().createSshPublicKey(sshKey(bob, "APKAC" + account)));
    assertThat(reads().userCertificates().sshPublicKeys(account, alice.id())).containsExactly(a, b);
    assertThat(reads().userCertificates().sshPublicKey(account, a.id())).contains(a);
    assertThat(reads().userCertificates().sshPublicKey(newAccount(), a.id())).isEmpty();
    assertThat(
            writes()
                .userCertificates()
                .updateSshPublicKeyStatus(account, a.id(), AccessKeyStatus.INACTIVE))
        .isTrue();
    assertThat(reads().userCertificates().sshPublicKey(account, a.id()).orElseThrow().status())
        .isEqualTo(AccessKeyStatus.INACTIVE);
    assertThat(
            writes()
                .userCertificates()
                .updateSshPublicKeyStatus(account, "nope", AccessKeyStatus.ACTIVE))
        .isFalse();
    assertThat(writes().userCertificates().deleteSshPublicKey(account, a.id())).isTrue();
    assertThat(writes().userCertificates().deleteSshPublicKey(account, a.id())).isFalse();
    assertThat(reads().userCertificates().sshPublicKeys(account, alice.id())).containsExactly(b);
  }

  @Test
  void signingCertificatesBelongToAUserOrTheRootAndAreFoundByDigest() {
    User alice = createUser("alice");
    AccessKeyOwner user = new AccessKeyOwner.IamUser(alice.id());
    SigningCertificate mine = signing(user, "CERTA" + account, "11");
    SigningCertificate root = signing(new AccessKeyOwner.Root(), "CERTB" + account, "22");
    write(tx -> tx.userCertificates().createSigningCertificate(mine));
    write(tx -> tx.userCertificates().createSigningCertificate(root));
    assertThat(reads().userCertificates().signingCertificates(account, user)).containsExactly(mine);
    assertThat(reads().userCertificates().signingCertificates(account, new AccessKeyOwner.Root()))
        .containsExactly(root);
    assertThat(reads().userCertificates().signingCertificateBySha256(account, "22")).contains(root);
    assertThat(reads().userCertificates().signingCertificateBySha256(account, "33")).isEmpty();
    assertThat(reads().userCertificates().signingCertificate(account, mine.id())).contains(mine);
    assertThat(
            writes()
                .userCertificates()
                .updateSigningCertificateStatus(account, mine.id(), AccessKeyStatus.INACTIVE))
        .isTrue();
    assertThat(
            reads()
                .userCertificates()
                .signingCertificate(account, mine.id())
                .orElseThrow()
                .status())
        .isEqualTo(AccessKeyStatus.INACTIVE);
    assertThat(writes().userCertificates().deleteSigningCertificate(account, mine.id())).isTrue();
    assertThat(writes().userCertificates().deleteSigningCertificate(account, mine.id())).isFalse();
    assertThat(
            writes()
                .userCertificates()
                .updateSigningCertificateStatus(account, mine.id(), AccessKeyStatus.ACTIVE))
        .isFalse();
  }

  @Test
  void serverCertificateNamesAreUniqueIgnoringCaseAndListedByPath() {
    ServerCertificate www = server("ASCAW", "/web/", "www");
    ServerCertificate api = server("ASCAA", "/", "Api");
    write(tx -> tx.serverCertificates().createServerCertificate(www));
    write(tx -> tx.serverCertificates().createServerCertificate(api));
    assertThatThrownBy(
            () ->
                write(
                    tx ->
                        tx.serverCertificates()
                            .createServerCertificate(server("ASCAX", "/", "WWW"))))
        .isInstanceOf(StoreConflict.class);
    assertThat(reads().serverCertificates().serverCertificate(account, "WWW")).contains(www);
    assertThat(reads().serverCertificates().serverCertificates(account, "/"))
        .containsExactly(api, www);
    assertThat(reads().serverCertificates().serverCertificates(account, "/web"))
        .containsExactly(www);
    assertThat(reads().serverCertificates().serverCertificateCount(account)).isEqualTo(2);
    assertThat(reads().serverCertificates().serverCertificateCount(newAccount())).isZero();

    ServerCertificate moved = www.renamed("/moved/", "site");
    write(tx -> tx.serverCertificates().renameServerCertificate(moved));
    assertThat(reads().serverCertificates().serverCertificate(account, "site")).contains(moved);
    assertThat(reads().serverCertificates().serverCertificate(account, "www")).isEmpty();
    assertThatThrownBy(
            () ->
                write(
                    tx ->
                        tx.serverCertificates().renameServerCertificate(moved.renamed("/", "api"))))
        .isInstanceOf(StoreConflict.class);

    write(tx -> tx.tags().putTags(moved.id(), List.of(new Tag("k", "v"))));
    assertThat(writes().serverCertificates().deleteServerCertificate(account, "SITE")).isTrue();
    assertThat(reads().tags().tags(moved.id())).isEmpty();
    assertThat(writes().serverCertificates().deleteServerCertificate(account, "site")).isFalse();
  }
}
