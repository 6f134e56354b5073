package dev.gatehouse.core.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackedPolicyTest {

  private static final String POLICY =
      "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\","
          + " \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::my bucket/*\"}]\n}";

  @Test
  void nothingPassedIsZero() {
    assertThat(PackedPolicy.percent(SessionPolicies.none(), List.of(), List.of())).isZero();
  }

  @Test
  void smallPolicyIsASmallPercentage() {
    int p = PackedPolicy.check(new SessionPolicies(POLICY, List.of()), List.of(), List.of());
    assertThat(p).isBetween(1, 10);
  }

  @Test
  void whitespaceOutsideStringsDoesNotCount() {
    assertThat(PackedPolicy.minify(POLICY))
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::my bucket/*\"}]}");
    assertThat(PackedPolicy.minify("{\"a\\\" b\": \"c\\\\\" }"))
        .isEqualTo("{\"a\\\" b\":\"c\\\\\"}");
  }

  @Test
  void plaintextOfInlineAndManagedPoliciesCountsAgainst2048() {
    String arn = "arn:aws:iam::123456789012:policy/" + "p".repeat(170); // 203 chars
    List<String> arns = List.of(arn, arn, arn, arn, arn, arn, arn, arn, arn, arn); // 2030 chars
    assertThat(PackedPolicy.percent(new SessionPolicies("", arns), List.of(), List.of()))
        .isEqualTo(100); // ceil(2030 / 2048)
    // 2030 + 24 = 2054 characters: ceil(205400 / 2048) = 101.
    SessionPolicies over = new SessionPolicies("{\"Version\":\"2012-10-17\"}", arns);
    assertThatThrownBy(() -> PackedPolicy.check(over, List.of(), List.of()))
        .isInstanceOf(GatehouseException.class)
        .hasMessage("Packed policy consumes 101% of allotted space, please use smaller policy.")
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(ErrorCode.PACKED_POLICY_TOO_LARGE);
  }

  @Test
  void manyLargeIncompressibleTagsAreTooLarge() {
    Random random = new Random(7);
    List<SessionTag> tags = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tags.add(new SessionTag(randomText(random, 128), randomText(random, 256)));
    }
    int percent = PackedPolicy.percent(SessionPolicies.none(), tags, List.of());
    assertThat(percent).isGreaterThan(100);
    assertThatThrownBy(() -> PackedPolicy.check(SessionPolicies.none(), tags, List.of()))
        .hasMessage("Packed size of session tags consumes " + percent + "% of allotted space.");
    // A realistic tag set fits.
    List<SessionTag> few =
        List.of(new SessionTag("Project", "Gatehouse"), new SessionTag("CostCentre", "42"));
    assertThat(PackedPolicy.check(SessionPolicies.none(), few, List.of("Project"))).isBetween(1, 5);
  }

  private static String randomText(Random random, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append((char) ('!' + random.nextInt(90)));
    }
    return s.toString();
  }
}
