package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.ReportFormatType;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/** GenerateCredentialReport and GetCredentialReport through the SDK v2. */
class CredentialReportSdkTest extends IamSdkServerTest {
  static final String HEADER =
      "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
          + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
          + "access_key_1_last_used_date,access_key_1_last_used_region,"
          + "access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
          + "access_key_2_last_used_date,access_key_2_last_used_region,"
          + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,"
          + "cert_2_last_rotated";

  @Test
  void theReportIsGeneratedThenReadAsCsv() {
    assertError(() -> iam.getCredentialReport(), 410, "ReportNotPresent");
    iam.createUser(r -> r.userName("report-user"));
    iam.createAccessKey(r -> r.userName("report-user"));
    assertThat(iam.generateCredentialReport().state()).isEqualTo(ReportStateType.STARTED);
    assertThat(iam.generateCredentialReport().state()).isEqualTo(ReportStateType.COMPLETE);
    var report = iam.getCredentialReport();
    assertThat(report.reportFormat()).isEqualTo(ReportFormatType.TEXT_CSV);
    assertThat(report.generatedTime()).isNotNull();
    String csv = report.content().asString(StandardCharsets.UTF_8);
    String[] lines = csv.split("\n");
    assertThat(lines[0]).isEqualTo(HEADER);
    assertThat(lines[1]).startsWith("<root_account>,arn:aws:iam::123456789012:root,");
    assertThat(csv)
        .contains("\nreport-user,arn:aws:iam::123456789012:user/report-user,")
        .contains(",false,N/A,N/A,N/A,false,true,");
  }
}
