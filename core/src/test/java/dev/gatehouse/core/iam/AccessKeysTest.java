package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.CryptoException;
import dev.gatehouse.core.domain.AccessKeyLastUsed;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessKeysTest {
  private final IamTestKit kit = new IamTestKit();
  private final IamServices iam = kit.iam;

  @Test
  void createdKeysAreAwsShapedAndResolveToTheirPrincipal() {
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("alice"));
    CreatedAccessKey created = iam.accessKeys().createAccessKey(ACCOUNT, KeyHolder.user("Alice"));
    assertThat(created.key().accessKeyId()).matches("AKIA[A-Z2-7]{16}");
    assertThat(created.secretAccessKey()).matches("[A-Za-z0-9+/]{40}");
    assertThat(created.userName()).isEqualTo("alice");
    assertThat(created.key().status()).isEqualTo(AccessKeyStatus.ACTIVE);
    assertThat(created.key().createDate()).isEqualTo(NOW);
    assertThat(created.toString()).doesNotContain(created.secretAccessKey()).contains("redacted");

    ResolvedKey resolved = iam.accessKeys().resolve(created.key().accessKeyId()).orElseThrow();
    assertThat(resolved.secretAccessKey()).isEqualTo(created.secretAccessKey());
    assertThat(resolved.accountId()).isEqualTo(ACCOUNT);
    assertThat(resolved.principal().arn()).isEqualTo("arn:aws:iam::123456789012:user/alice");
    assertThat(resolved.isActive()).isTrue();
    assertThat(resolved.toString()).doesNotContain(created.secretAccessKey());

    CreatedAccessKey root = iam.accessKeys().createAccessKey(ACCOUNT, KeyHolder.root());
    assertThat(root.userName()).isEmpty();
    assertThat(iam.accessKeys().resolve(root.key().accessKeyId()).orElseThrow().principal())
        .isEqualTo(new ResolvedKey.KeyPrincipal.Root(ACCOUNT));
    assertThat(new ResolvedKey.KeyPrincipal.Root(ACCOUNT).arn())
        .isEqualTo("arn:aws:iam::123456789012:root");
    assertThat(iam.accessKeys().resolve("AKIAUNKNOWN000000000")).isEmpty();
  }

  @Test
  void theResolverNeedsOnlyTheStoreAndTheKeyRing() {
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("alice"));
    CreatedAccessKey created = iam.accessKeys().createAccessKey(ACCOUNT, KeyHolder.user("alice"));
    AccessKeyResolver resolver = new AccessKeyResolver(kit.store, kit.keyRing);

    ResolvedKey resolved = resolver.resolve(created.key().accessKeyId()).orElseThrow();
    assertThat(resolved.secretAccessKey()).isEqualTo(created.secretAccessKey());
    assertThat(resolved.principal().arn()).isEqualTo("arn:aws:iam::123456789012:user/alice");
    assertThat(resolver.resolve("AKIAUNKNOWN000000000")).isEmpty();
  }

  @Test
  void theStoredSecretIsSealedAndBoundToItsKeyId() {
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("u"));
    CreatedAccessKey a = iam.accessKeys().createAccessKey(ACCOUNT, KeyHolder.user("u"));
    CreatedAccessKey b = iam.accessKeys().createAccessKey(ACCOUNT, KeyHolder.user("u"));
    String sealedA =
        kit.store.read(tx -> tx.keys().sealedSecret(a.key().accessKeyId())).orElseThrow();
    assertThat(sealedA).doesNotContain(a.secretAccessKey()).startsWith("gh1.");
    assertThatThrownBy(() -> kit.keyRing.open(sealedA, AccessKeys.binding(b.key().accessKeyId())))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void listUpdateDeleteAndLastUsed() {
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("u"));
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("v"));
    CreatedAccessKey k = iam.accessKeys().createAccessKey(ACCOUNT, KeyHolder.user("u"));
    String id = k.key().accessKeyId();
    assertThat(
            iam.accessKeys()
                .listAccessKeys(ACCOUNT, KeyHolder.user("u"), PageRequest.first())
                .items())
        .containsExactly(new AccessKeyView(k.key(), "u"));
    assertThat(
            iam.accessKeys().listAccessKeys(ACCOUNT, KeyHolder.root(), PageRequest.first()).items())
        .isEmpty();

    // Another user's name does not reach this key.
    IamTestKit.fails(
        ErrorCode.NO_SUCH_ENTITY,
        "The Access Key with id " + id + " cannot be found.",
        () ->
            iam.accessKeys()
                .updateAccessKey(ACCOUNT, KeyHolder.user("v"), id, AccessKeyStatus.INACTIVE));
    IamTestKit.fails(
        ErrorCode.NO_SUCH_ENTITY,
        "The Access Key with id " + id + " cannot be found.",
        () -> iam.accessKeys().deleteAccessKey(ACCOUNT, KeyHolder.root(), id));
    IamTestKit.fails(
        ErrorCode.NO_SUCH_ENTITY,
        "The Access Key with id " + id + " cannot be found.",
        () -> iam.accessKeys().getAccessKeyLastUsed("210987654321", id));

    iam.accessKeys().updateAccessKey(ACCOUNT, KeyHolder.user("u"), id, AccessKeyStatus.INACTIVE);
    assertThat(iam.accessKeys().resolve(id).orElseThrow().isActive()).isFalse();

    KeyLastUsed never = iam.accessKeys().getAccessKeyLastUsed(ACCOUNT, id);
    assertThat(never.userName()).isEqualTo("u");
    assertThat(never.lastUsed()).isEmpty();
    iam.accessKeys().recordUse(id, "iam", "us-east-1");
    assertThat(iam.accessKeys().getAccessKeyLastUsed(ACCOUNT, id).lastUsed())
        .contains(new AccessKeyLastUsed(NOW, "iam", "us-east-1"));
    assertThat(iam.accessKeys().getAccessKeyLastUsed(ACCOUNT, id))
        .isEqualTo(
            new KeyLastUsed(
                "u", java.util.Optional.of(new AccessKeyLastUsed(NOW, "iam", "us-east-1"))))
        .hasSameHashCodeAs(
            new KeyLastUsed(
                "u", java.util.Optional.of(new AccessKeyLastUsed(NOW, "iam", "us-east-1"))));

    iam.accessKeys().deleteAccessKey(ACCOUNT, KeyHolder.user("u"), id);
    assertThat(iam.accessKeys().resolve(id)).isEmpty();
    iam.users().deleteUser(ACCOUNT, "u");
    assertThat(List.of(never.toString())).isNotEmpty();
  }
}
