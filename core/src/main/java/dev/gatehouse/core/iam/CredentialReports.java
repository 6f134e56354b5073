package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyLastUsed;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.IamJob;
import dev.gatehouse.core.domain.LoginProfile;
import dev.gatehouse.core.domain.PasswordPolicy;
import dev.gatehouse.core.domain.SigningCertificate;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.store.ReadTransaction;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The credential report. spec: IAM User Guide, "Getting credential reports for your AWS account"
 * (the columns, their values N/A, no_information, not_supported; a report is reused for four
 * hours); IAM API Reference, GenerateCredentialReport (State STARTED, INPROGRESS, COMPLETE) and
 * GetCredentialReport (Content, ReportFormat text/csv, GeneratedTime; ReportNotPresent,
 * ReportExpired).
 *
 * <p>Gatehouse builds the report within the GenerateCredentialReport call and keeps it as the
 * account's {@code credential-report} job, so every node answers GetCredentialReport with the same
 * report.
 */
public final class CredentialReports {
  /** spec: "the credential report ... If the existing report is older than four hours". */
  public static final Duration REUSED_FOR = Duration.ofHours(4);

  static final String JOB = "credential-report";

  /** AWS's columns, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "user",
          "arn",
          "user_creation_time",
          "password_enabled",
          "password_last_used",
          "password_last_changed",
          "password_next_rotation",
          "mfa_active",
          "access_key_1_active",
          "access_key_1_last_rotated",
          "access_key_1_last_used_date",
          "access_key_1_last_used_region",
          "access_key_1_last_used_service",
          "access_key_2_active",
          "access_key_2_last_rotated",
          "access_key_2_last_used_date",
          "access_key_2_last_used_region",
          "access_key_2_last_used_service",
          "cert_1_active",
          "cert_1_last_rotated",
          "cert_2_active",
          "cert_2_last_rotated");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  private final IamContext ctx;

  CredentialReports(IamContext ctx) {
    this.ctx = ctx;
  }

  /** GenerateCredentialReport's answer. */
  public record Generation(String state, String description) {}

  /** GetCredentialReport's answer: the CSV text and when it was generated. */
  public record Report(String content, Instant generatedTime) {}

  /**
   * Builds a report unless one younger than four hours exists: STARTED for a new one (ready at
   * once), COMPLETE when the existing one is reused.
   */
  public Generation generate(String accountId) {
    Instant now = ctx.now();
    return ctx.write(
        accountId,
        tx -> {
          Optional<IamJob> existing = tx.jobs().job(accountId, JOB);
          if (existing.isPresent() && fresh(existing.get(), now)) {
            return new Generation("COMPLETE", "Report generated");
          }
          String csv = csv(tx, accountId);
          tx.jobs().putJob(new IamJob(accountId, JOB, JOB, "COMPLETE", now, Optional.of(now), csv));
          return new Generation(
              "STARTED", "No report exists. Starting a new report generation task");
        });
  }

  /** The account's report; ReportNotPresent before any, ReportExpired after four hours. */
  public Report get(String accountId) {
    IamJob job =
        ctx.read(tx -> tx.jobs().job(accountId, JOB))
            .orElseThrow(
                () ->
                    new GatehouseException(
                        ErrorCode.CREDENTIAL_REPORT_NOT_PRESENT,
                        "Credential report not present; call GenerateCredentialReport first."));
    if (!fresh(job, ctx.now())) {
      throw new GatehouseException(
          ErrorCode.CREDENTIAL_REPORT_EXPIRED,
          "Credential report is expired (older than four hours); call GenerateCredentialReport.");
    }
    return new Report(job.content(), job.createDate());
  }

  private static boolean fresh(IamJob job, Instant now) {
    return job.createDate().plus(REUSED_FOR).isAfter(now);
  }

  private static String csv(ReadTransaction tx, String accountId) {
    StringBuilder out = new StringBuilder(String.join(",", COLUMNS));
    Optional<PasswordPolicy> policy = tx.passwords().passwordPolicy(accountId);
    Instant created =
        tx.accounts().account(accountId).map(Account::createDate).orElse(Instant.EPOCH);
    boolean rootMfa =
        tx.mfa().mfaDevices(accountId).stream().anyMatch(VirtualMfaDevice::heldByRoot);
    List<String> root = new ArrayList<>();
    root.add("<root_account>");
    root.add("arn:aws:iam::" + accountId + ":root");
    root.add(time(created));
    root.add("not_supported");
    root.add("no_information");
    root.add("not_supported");
    root.add("not_supported");
    root.add(Boolean.toString(rootMfa));
    keys(tx, accountId, new AccessKeyOwner.Root(), root);
    line(out, root);
    List<User> users = new ArrayList<>(tx.users().users(accountId));
    users.sort(Comparator.comparing(u -> u.name().toLowerCase(java.util.Locale.ROOT)));
    for (User u : users) {
      List<String> row = new ArrayList<>();
      row.add(u.name());
      row.add(u.arn());
      row.add(time(u.createDate()));
      Optional<LoginProfile> profile = tx.passwords().loginProfile(u.id());
      row.add(Boolean.toString(profile.isPresent()));
      row.add(profile.isPresent() ? "no_information" : "N/A");
      row.add(profile.map(p -> time(p.passwordChangedAt())).orElse("N/A"));
      row.add(
          profile
              .filter(p -> policy.map(PasswordPolicy::maxPasswordAge).orElse(0) > 0)
              .map(
                  p ->
                      time(
                          p.passwordChangedAt()
                              .plus(Duration.ofDays(policy.get().maxPasswordAge()))))
              .orElse("N/A"));
      row.add(Boolean.toString(tx.mfa().userHasMfaDevice(u.id())));
      keys(tx, accountId, new AccessKeyOwner.IamUser(u.id()), row);
      line(out, row);
    }
    return out.append('\n').toString();
  }

  /** The access-key columns of two keys (oldest first) and the two certificate columns. */
  private static void keys(
      ReadTransaction tx, String accountId, AccessKeyOwner owner, List<String> row) {
    List<AccessKey> keys = new ArrayList<>(tx.keys().accessKeys(accountId, owner));
    keys.sort(Comparator.comparing(AccessKey::createDate));
    for (int i = 0; i < 2; i++) {
      if (i < keys.size()) {
        AccessKey k = keys.get(i);
        Optional<AccessKeyLastUsed> used = tx.keys().accessKeyLastUsed(k.accessKeyId());
        row.add(Boolean.toString(k.status() == AccessKeyStatus.ACTIVE));
        row.add(time(k.createDate()));
        row.add(used.map(x -> time(x.date())).orElse("N/A"));
        row.add(used.map(AccessKeyLastUsed::region).orElse("N/A"));
        row.add(used.map(AccessKeyLastUsed::serviceName).orElse("N/A"));
      } else {
        row.addAll(List.of("false", "N/A", "N/A", "N/A", "N/A"));
      }
    }
    List<SigningCertificate> certs =
        new ArrayList<>(tx.userCertificates().signingCertificates(accountId, owner));
    certs.sort(Comparator.comparing(SigningCertificate::uploadDate));
    for (int i = 0; i < 2; i++) {
      if (i < certs.size()) {
        row.add(Boolean.toString(certs.get(i).status() == AccessKeyStatus.ACTIVE));
        row.add(time(certs.get(i).uploadDate()));
      } else {
        row.addAll(List.of("false", "N/A"));
      }
    }
  }

  private static void line(StringBuilder out, List<String> row) {
    out.append('\n').append(String.join(",", row));
  }

  private static String time(Instant at) {
    return TIME.format(at);
  }
}
