package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/** ListVirtualMFADevices and ListMFADevices page with Marker and MaxItems, as every IAM list. */
class MfaListingTest extends IamSdkServerTest {
  @Test
  void virtualDevicesComeInPagesInSerialOrder() {
    List<String> created = new ArrayList<>();
    for (String name : List.of("page-c", "page-a", "page-b")) {
      created.add(
          iam.createVirtualMFADevice(r -> r.virtualMFADeviceName(name))
              .virtualMFADevice()
              .serialNumber());
    }
    ListVirtualMfaDevicesResponse first = iam.listVirtualMFADevices(r -> r.maxItems(2));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.marker()).isNotBlank();
    assertThat(first.virtualMFADevices()).hasSize(2);
    ListVirtualMfaDevicesResponse second =
        iam.listVirtualMFADevices(r -> r.maxItems(2).marker(first.marker()));
    assertThat(second.isTruncated()).isFalse();
    assertThat(second.marker()).isNull();
    List<String> all = new ArrayList<>();
    first.virtualMFADevices().forEach(d -> all.add(d.serialNumber()));
    second.virtualMFADevices().forEach(d -> all.add(d.serialNumber()));
    assertThat(all).containsExactlyElementsOf(created.stream().sorted().toList());
    // The SDK's paginator walks the same pages.
    assertThat(
            iam.listVirtualMFADevicesPaginator(r -> r.maxItems(1)).virtualMFADevices().stream()
                .map(VirtualMFADevice::serialNumber)
                .toList())
        .containsExactlyElementsOf(all);
    assertError(() -> iam.listVirtualMFADevices(r -> r.maxItems(0)), 400, "ValidationError");
    assertError(
        () -> iam.listMFADevices(r -> r.userName("nobody").maxItems(1001)), 400, "ValidationError");
  }

  @Test
  void aUsersDevicesListEndsUntruncated() {
    iam.createUser(r -> r.userName("mfa-lister"));
    var listed = iam.listMFADevices(r -> r.userName("mfa-lister").maxItems(5));
    assertThat(listed.mfaDevices()).isEmpty();
    assertThat(listed.isTruncated()).isFalse();
  }
}
