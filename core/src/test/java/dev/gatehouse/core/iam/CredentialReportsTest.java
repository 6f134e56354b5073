package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.store.MemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The credential report: AWS's columns and values, reuse for four hours, expiry. */
class CredentialReportsTest {
  /** A clock the test moves. */
  static final class Moving extends Clock {
    Instant now = IamTestKit.NOW;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final Moving clock = new Moving();
  private final IamTestKit kit = new IamTestKit(new MemoryStore(), clock, IamTestKit.fastHasher());
  private final IamServices iam = kit.iam;
  private final CredentialReports reports = iam.credentialReports();

  private static void refused(ErrorCode code, Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            GatehouseException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void signingCertificatesFillTheCertificateColumnsOldestFirst() {
    dev.gatehouse.core.saml.TestIdp one = dev.gatehouse.core.saml.TestIdp.create("first");
    dev.gatehouse.core.saml.TestIdp two = dev.gatehouse.core.saml.TestIdp.create("second");
    clock.now = Instant.now().plusSeconds(1);
    iam.users().createUser(ACCOUNT, new Users.CreateUserRequest("carol", "", "", List.of()));
    String first =
        iam.signingCertificates()
            .upload(ACCOUNT, KeyHolder.user("carol"), one.certificatePem())
            .certificate()
            .id();
    Instant firstAt = clock.now;
    clock.now = clock.now.plusSeconds(60);
    iam.signingCertificates().upload(ACCOUNT, KeyHolder.user("carol"), two.certificatePem());
    iam.signingCertificates()
        .update(
            ACCOUNT,
            KeyHolder.user("carol"),
            first,
            dev.gatehouse.core.domain.AccessKeyStatus.INACTIVE);
    reports.generate(ACCOUNT);
    String carol = reports.get(ACCOUNT).content().split("\n")[2];
    int at = CredentialReports.COLUMNS.indexOf("cert_1_active");
    assertThat(List.of(carol.split(",")).subList(at, at + 4))
        .containsExactly(
            "false",
            CredentialReportsTest.iso(firstAt),
            "true",
            CredentialReportsTest.iso(firstAt.plusSeconds(60)));
  }

  private static String iso(Instant at) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
        .withZone(ZoneOffset.UTC)
        .format(at);
  }

  @Test
  void theReportHasAwsColumnsAndValues() {
    refused(ErrorCode.CREDENTIAL_REPORT_NOT_PRESENT, () -> reports.get(ACCOUNT));
    iam.users().createUser(ACCOUNT, new Users.CreateUserRequest("bob", "", "", List.of()));
    iam.users().createUser(ACCOUNT, new Users.CreateUserRequest("alice", "", "", List.of()));
    iam.loginProfiles().create(ACCOUNT, "alice", "Secret-Password-123!", false);
    iam.loginProfiles()
        .updateAccountPasswordPolicy(
            ACCOUNT,
            new LoginProfiles.PolicyRequest(
                Optional.empty(),
                false,
                false,
                false,
                false,
                true,
                Optional.of(90),
                Optional.empty(),
                false));
    iam.accessKeys().createAccessKey(ACCOUNT, KeyHolder.user("bob"));
    assertThat(reports.generate(ACCOUNT).state()).isEqualTo("STARTED");
    CredentialReports.Report report = reports.get(ACCOUNT);
    assertThat(report.generatedTime()).isEqualTo(IamTestKit.NOW);
    String[] lines = report.content().split("\n");
    assertThat(lines[0]).isEqualTo(String.join(",", CredentialReports.COLUMNS));
    assertThat(lines).hasSize(4);
    assertThat(lines[1])
        .startsWith("<root_account>,arn:aws:iam::123456789012:root,")
        .contains(",not_supported,no_information,not_supported,not_supported,false,");
    String[] alice = lines[2].split(",");
    assertThat(alice).hasSize(CredentialReports.COLUMNS.size());
    assertThat(alice[0]).isEqualTo("alice");
    assertThat(alice[2]).isEqualTo("2026-03-04T05:06:07+00:00");
    assertThat(alice[3]).isEqualTo("true");
    assertThat(alice[6]).isEqualTo("2026-06-02T05:06:07+00:00");
    assertThat(alice[8]).isEqualTo("false");
    String[] bob = lines[3].split(",");
    assertThat(bob[3]).isEqualTo("false");
    assertThat(bob[4]).isEqualTo("N/A");
    assertThat(bob[8]).isEqualTo("true");
    assertThat(bob[10]).isEqualTo("N/A");
    assertThat(bob[13]).isEqualTo("false");
    assertThat(bob[18]).isEqualTo("false");

    // Reused for four hours, then expired; a new generation starts over.
    clock.now = clock.now.plus(Duration.ofHours(3));
    assertThat(reports.generate(ACCOUNT).state()).isEqualTo("COMPLETE");
    assertThat(reports.get(ACCOUNT).generatedTime()).isEqualTo(IamTestKit.NOW);
    clock.now = clock.now.plus(Duration.ofHours(2));
    refused(ErrorCode.CREDENTIAL_REPORT_EXPIRED, () -> reports.get(ACCOUNT));
    assertThat(reports.generate(ACCOUNT).state()).isEqualTo("STARTED");
    assertThat(reports.get(ACCOUNT).generatedTime()).isEqualTo(clock.now);
  }
}
