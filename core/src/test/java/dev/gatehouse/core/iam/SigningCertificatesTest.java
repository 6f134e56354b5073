package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.fails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.saml.TestIdp;
import dev.gatehouse.core.store.MemoryStore;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signing certificates of users and of the root user; AWS's limits and errors. */
class SigningCertificatesTest {
  private static TestIdp one;
  private static TestIdp two;
  private static TestIdp three;

  private final IamTestKit kit =
      new IamTestKit(new MemoryStore(), Clock.systemUTC(), IamTestKit.fastHasher());
  private final IamServices iam = kit.iam;
  private final SigningCertificates certs = iam.signingCertificates();

  @BeforeAll
  static void certificates() {
    one = TestIdp.create("one");
    two = TestIdp.create("two");
    three = TestIdp.create("three");
  }

  SigningCertificatesTest() {
    iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("alice"));
  }

  @Test
  void certificatesOfAUserAndOfTheRootAreUploadedListedUpdatedAndDeleted() {
    SigningCertificates.SigningCertificateView up =
        certs.upload(ACCOUNT, KeyHolder.user("alice"), one.certificatePem());
    String id = up.certificate().id();
    assertThat(id).matches("[A-Z2-7]{28}");
    assertThat(up.userName()).isEqualTo("alice");
    assertThat(up.certificate().body()).isEqualTo(one.certificatePem());
    assertThat(up.certificate().owner()).isInstanceOf(AccessKeyOwner.IamUser.class);
    SigningCertificates.SigningCertificateView root =
        certs.upload(ACCOUNT, KeyHolder.root(), two.certificatePem());
    assertThat(root.userName()).isEmpty();
    assertThat(certs.list(ACCOUNT, KeyHolder.root(), PageRequest.parse("", "")).items())
        .containsExactly(root);
    assertThat(certs.list(ACCOUNT, KeyHolder.user("alice"), PageRequest.parse("", "")).items())
        .containsExactly(up);

    certs.update(ACCOUNT, KeyHolder.user("alice"), id, AccessKeyStatus.INACTIVE);
    assertThat(
            certs
                .list(ACCOUNT, KeyHolder.user("alice"), PageRequest.parse("", ""))
                .items()
                .get(0)
                .certificate()
                .status())
        .isEqualTo(AccessKeyStatus.INACTIVE);
    fails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must delete signing certificates first.",
        () -> iam.users().deleteUser(ACCOUNT, "alice"));
    String missing = "The Certificate with id " + id + " cannot be found.";
    fails(ErrorCode.NO_SUCH_ENTITY, missing, () -> certs.delete(ACCOUNT, KeyHolder.root(), id));
    certs.delete(ACCOUNT, KeyHolder.user("alice"), id);
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        missing,
        () -> certs.update(ACCOUNT, KeyHolder.user("alice"), id, AccessKeyStatus.ACTIVE));
    iam.users().deleteUser(ACCOUNT, "alice");
  }

  @Test
  void duplicatesLimitsAndBadCertificatesAreRefused() {
    certs.upload(ACCOUNT, KeyHolder.user("alice"), one.certificatePem());
    fails(
        ErrorCode.DUPLICATE_CERTIFICATE,
        "The request was rejected because the same certificate is associated with an IAM user in"
            + " the account.",
        () -> certs.upload(ACCOUNT, KeyHolder.root(), one.certificatePem()));
    certs.upload(ACCOUNT, KeyHolder.user("alice"), two.certificatePem());
    fails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for SigningCertificatesPerUser: 2",
        () -> certs.upload(ACCOUNT, KeyHolder.user("alice"), three.certificatePem()));
    assertThatThrownBy(() -> certs.upload(ACCOUNT, KeyHolder.root(), "-----BEGIN CERTIFICATE"))
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(ErrorCode.MALFORMED_CERTIFICATE);
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "The user with name bob cannot be found.",
        () -> certs.upload(ACCOUNT, KeyHolder.user("bob"), three.certificatePem()));
    fails(
        ErrorCode.VALIDATION_ERROR,
        "1 validation error detected: Value 'short' at 'certificateId' failed to satisfy"
            + " constraint: Member must have length greater than or equal to 24",
        () -> certs.delete(ACCOUNT, KeyHolder.root(), "short"));
  }

  @Test
  void aCertificateNotValidNowIsInvalid() {
    IamServices past = new IamTestKit().iam;
    assertThatThrownBy(
            () ->
                past.signingCertificates().upload(ACCOUNT, KeyHolder.root(), one.certificatePem()))
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(ErrorCode.INVALID_CERTIFICATE);
    IamServices future =
        new IamTestKit(
                new MemoryStore(),
                Clock.fixed(
                    one.certificate().getNotAfter().toInstant().plusSeconds(60), ZoneOffset.UTC),
                IamTestKit.fastHasher())
            .iam;
    assertThatThrownBy(
            () ->
                future
                    .signingCertificates()
                    .upload(ACCOUNT, KeyHolder.root(), one.certificatePem()))
        .hasMessageContaining("expired at")
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(ErrorCode.INVALID_CERTIFICATE);
  }
}
