package dev.gatehouse.core.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Last-use records: the first use at once, then at most one per interval and key. */
class LastUseTest {
  final TestClock clock = new TestClock();
  final List<String> written = new ArrayList<>();
  final LastUse usage =
      new LastUse((id, service, region) -> written.add(id + " " + service + " " + region), clock);

  @Test
  void theFirstUseIsWrittenThenOnePerIntervalAndKey() {
    usage.used("AKIAONE", "iam", "us-east-1");
    usage.used("AKIAONE", "sts", "us-east-1");
    usage.used("AKIATWO", "sts", "eu-west-1");
    clock.advance(LastUse.INTERVAL.minusSeconds(1));
    usage.used("AKIAONE", "sts", "us-east-1");
    assertThat(written).containsExactly("AKIAONE iam us-east-1", "AKIATWO sts eu-west-1");
    clock.advance(Duration.ofSeconds(1));
    usage.used("AKIAONE", "sts", "us-east-1");
    assertThat(written).endsWith("AKIAONE sts us-east-1").hasSize(3);
  }

  @Test
  void aFailingWriteDoesNotFailTheRequest() {
    LastUse failing =
        new LastUse(
            (id, service, region) -> {
              throw new IllegalStateException("store gone");
            },
            clock);
    failing.used("AKIAONE", "iam", "us-east-1"); // no exception
    assertThat(written).isEmpty();
  }

  @Test
  void aUseIsDueUntilWrittenAndAgainNearTheIntervalsEnd() {
    Duration margin = Duration.ofSeconds(1);
    assertThat(usage.due("AKIAONE", margin)).isTrue();
    usage.used("AKIAONE", "iam", "us-east-1");
    assertThat(usage.due("AKIAONE", margin)).isFalse();
    assertThat(usage.due("AKIATWO", margin)).isTrue();
    clock.advance(LastUse.INTERVAL.minusSeconds(2));
    assertThat(usage.due("AKIAONE", margin)).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(usage.due("AKIAONE", margin)).isTrue();
  }
}
