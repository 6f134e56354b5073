package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The list calls' members as AWS returns them, virtual MFA devices' uniqueness, GetMFADevice and
 * MFA device tags, and RoleLastUsed in GetAccountAuthorizationDetails, through the SDK v2.
 */
class IamExactShapesSdkTest extends IamSdkServerTest {
  static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final String BOUNDARY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

  @Test
  void listsLeaveOutWhatAwsLeavesOut() {
    Tag tag = Tag.builder().key("team").value("blue").build();
    iam.createUser(
        r -> r.userName("shape-u").path("/shape/").permissionsBoundary(BOUNDARY).tags(tag));
    iam.createRole(
        r ->
            r.roleName("shape-r")
                .path("/shape/")
                .assumeRolePolicyDocument(TRUST)
                .permissionsBoundary(BOUNDARY)
                .tags(tag));
    iam.createPolicy(
        r ->
            r.policyName("shape-p")
                .path("/shape/")
                .description("described")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}")
                .tags(tag));
    // The get calls carry them ...
    assertThat(iam.getUser(r -> r.userName("shape-u")).user().permissionsBoundary()).isNotNull();
    assertThat(iam.getUser(r -> r.userName("shape-u")).user().tags()).containsExactly(tag);
    assertThat(iam.getRole(r -> r.roleName("shape-r")).role().permissionsBoundary()).isNotNull();
    // ... the lists do not.
    var user = iam.listUsers(r -> r.pathPrefix("/shape/")).users().get(0);
    assertThat(user.permissionsBoundary()).isNull();
    assertThat(user.hasTags()).isFalse();
    var role = iam.listRoles(r -> r.pathPrefix("/shape/")).roles().get(0);
    assertThat(role.permissionsBoundary()).isNull();
    assertThat(role.hasTags()).isFalse();
    assertThat(role.roleLastUsed()).isNull();
    var policy = iam.listPolicies(r -> r.pathPrefix("/shape/")).policies().get(0);
    assertThat(policy.description()).isNull();
    assertThat(policy.hasTags()).isFalse();
  }

  @Test
  void aSecondVirtualMFADeviceWithTheSamePathAndNameIsRefused() {
    iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("twice").path("/p/"));
    assertError(
        () -> iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("twice").path("/p/")),
        409,
        "EntityAlreadyExists");
    // Serial numbers are compared case-insensitively, as IAM names are.
    assertError(
        () -> iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("TWICE").path("/p/")),
        409,
        "EntityAlreadyExists");
  }

  @Test
  void mfaDeviceTagsAndGetMfaDevice() {
    Tag a = Tag.builder().key("owner").value("ops").build();
    VirtualMFADevice created =
        iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("tagged").tags(a))
            .virtualMFADevice();
    assertThat(created.tags()).containsExactly(a);
    String serial = created.serialNumber();
    assertThat(iam.listMFADeviceTags(r -> r.serialNumber(serial)).tags()).containsExactly(a);
    iam.tagMFADevice(r -> r.serialNumber(serial).tags(Tag.builder().key("env").value("x").build()));
    assertThat(iam.listMFADeviceTags(r -> r.serialNumber(serial)).tags())
        .extracting(Tag::key)
        .containsExactly("env", "owner");
    iam.untagMFADevice(r -> r.serialNumber(serial).tagKeys("owner"));
    assertThat(iam.listMFADeviceTags(r -> r.serialNumber(serial)).tags())
        .extracting(Tag::key)
        .containsExactly("env");
    String unknown = "arn:aws:iam::123456789012:mfa/nobody";
    assertError(() -> iam.listMFADeviceTags(r -> r.serialNumber(unknown)), 404, "NoSuchEntity");
    assertError(() -> iam.tagMFADevice(r -> r.serialNumber(unknown).tags(a)), 404, "NoSuchEntity");
    assertError(
        () ->
            iam.createVirtualMFADevice(
                r ->
                    r.virtualMFADeviceName("badtag")
                        .tags(Tag.builder().key("").value("v").build())),
        400,
        "ValidationError");
    // Nothing half-written: the refused device does not exist.
    assertThat(iam.listVirtualMFADevices().virtualMFADevices())
        .extracting(VirtualMFADevice::serialNumber)
        .noneMatch(s -> s.endsWith("/badtag"));

    // GetMFADevice: the device enabled for the user.
    iam.createUser(r -> r.userName("mfa-holder"));
    byte[] seed =
        Base32.decode(
            new String(created.base32StringSeed().asByteArray(), StandardCharsets.US_ASCII));
    long t = Totp.DEFAULT.step(Instant.now());
    assertError(
        () -> iam.getMFADevice(r -> r.userName("mfa-holder").serialNumber(serial)),
        404,
        "NoSuchEntity");
    iam.enableMFADevice(
        r ->
            r.userName("mfa-holder")
                .serialNumber(serial)
                .authenticationCode1(Totp.DEFAULT.code(seed, t - 1))
                .authenticationCode2(Totp.DEFAULT.code(seed, t)));
    var got = iam.getMFADevice(r -> r.userName("mfa-holder").serialNumber(serial));
    assertThat(got.userName()).isEqualTo("mfa-holder");
    assertThat(got.serialNumber()).isEqualTo(serial);
    assertThat(got.enableDate()).isNotNull();
    assertError(
        () -> iam.getMFADevice(r -> r.userName("nobody-here").serialNumber(serial)),
        404,
        "NoSuchEntity");
    // Deleting the device drops its tags: a new device of the same name starts untagged.
    iam.deactivateMFADevice(r -> r.userName("mfa-holder").serialNumber(serial));
    iam.deleteVirtualMFADevice(r -> r.serialNumber(serial));
    iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("tagged"));
    assertThat(iam.listMFADeviceTags(r -> r.serialNumber(serial)).tags()).isEmpty();
  }

  @Test
  void authorizationDetailsCarryRoleLastUsed() {
    iam.createUser(r -> r.userName("details-u"));
    iam.putUserPolicy(
        r ->
            r.userName("details-u")
                .policyName("assume")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}"));
    var key = iam.createAccessKey(r -> r.userName("details-u")).accessKey();
    iam.createRole(r -> r.roleName("details-r").assumeRolePolicyDocument(TRUST));
    iam.createRole(r -> r.roleName("details-unused").assumeRolePolicyDocument(TRUST));
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      sts.assumeRole(
          r -> r.roleArn("arn:aws:iam::123456789012:role/details-r").roleSessionName("details"));
    }
    var details = iam.getAccountAuthorizationDetails(r -> r.filterWithStrings("Role"));
    var used = detail(details.roleDetailList(), "details-r").roleLastUsed();
    assertThat(used.lastUsedDate()).isNotNull();
    assertThat(used.region()).isEqualTo("us-east-1");
    var unused = detail(details.roleDetailList(), "details-unused").roleLastUsed();
    assertThat(unused).isNotNull();
    assertThat(unused.lastUsedDate()).isNull();
  }

  private static RoleDetail detail(List<RoleDetail> list, String name) {
    return list.stream().filter(d -> d.roleName().equals(name)).findFirst().orElseThrow();
  }
}
