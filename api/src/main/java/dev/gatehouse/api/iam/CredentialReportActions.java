package dev.gatehouse.api.iam;

import static dev.gatehouse.api.iam.Ops.account;
import static dev.gatehouse.api.iam.Ops.any;
import static dev.gatehouse.api.iam.Ops.op;

import dev.gatehouse.api.Operation;
import dev.gatehouse.core.iam.CredentialReports;
import dev.gatehouse.core.iam.IamServices;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The credential report. spec: IAM API Reference, GenerateCredentialReport (State, Description) and
 * GetCredentialReport (Content, a base64 blob of the CSV; ReportFormat text/csv; GeneratedTime);
 * both are authorized against {@code *} (Service Authorization Reference).
 */
final class CredentialReportActions {
  private CredentialReportActions() {}

  record Nothing() {}

  static List<Operation<?, ?>> table(IamServices iam) {
    CredentialReports reports = iam.credentialReports();
    return List.of(
        op(
            "GenerateCredentialReport",
            p -> new Nothing(),
            (c, in) -> any(),
            (c, in) -> reports.generate(account(c)),
            (out, s) -> s.field("State", out.state()).field("Description", out.description())),
        op(
            "GetCredentialReport",
            p -> new Nothing(),
            (c, in) -> any(),
            (c, in) -> reports.get(account(c)),
            (out, s) ->
                s.field(
                        "Content",
                        Base64.getEncoder()
                            .encodeToString(out.content().getBytes(StandardCharsets.UTF_8)))
                    .field("ReportFormat", "text/csv")
                    .field("GeneratedTime", out.generatedTime())));
  }
}
