package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.Operations;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperationsOptionsTest {
  @Test
  void defaultsAreMetricsOffAndTenSecondsOfGrace() {
    Operations o = OperationsOptions.parse(List.of("--port", "0"));
    assertThat(o.metrics().on()).isFalse();
    assertThat(o.metrics().loopbackPort()).isEmpty();
    assertThat(o.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void metricsPortAndGraceAreRead() {
    Operations o =
        OperationsOptions.parse(List.of("--metrics-port", "9464", "--shutdown-grace=30s"));
    assertThat(o.metrics().loopbackPort()).hasValue(9464);
    assertThat(o.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(OperationsOptions.parse(List.of("--shutdown-grace", "0")).shutdownGrace()).isZero();
    // serve accepts them too
    assertThat(ServeCommand.parse(List.of("--metrics-port", "0", "--shutdown-grace", "5")))
        .isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--metrics-port=-1", "--metrics-port=70000", "--metrics-port=x"})
  void badMetricsPortsAreRefused(String arg) {
    assertThatThrownBy(() -> OperationsOptions.parse(List.of(arg)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--metrics-port must be");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--shutdown-grace=-1", "--shutdown-grace=99999", "--shutdown-grace=soon"})
  void badGracePeriodsAreRefused(String arg) {
    assertThatThrownBy(() -> OperationsOptions.parse(List.of(arg)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--shutdown-grace must be");
  }

  @Test
  void aMissingValueIsRefused() {
    assertThatThrownBy(() -> OperationsOptions.parse(List.of("--metrics-port")))
        .hasMessage("--metrics-port needs a value");
    assertThatThrownBy(
            () -> new Operations(new Operations.MetricsExposure.Off(), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Operations.MetricsExposure.LoopbackPort(65536))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void metricsPublicServesThemAsASignedActionOnTheApiPort() {
    Operations o = OperationsOptions.parse(List.of("--metrics", "public"));
    assertThat(o.metrics().signed()).isTrue();
    assertThat(o.metrics().on()).isTrue();
    assertThat(o.metrics().loopbackPort()).isEmpty();
    assertThat(OperationsOptions.parse(List.of("--metrics=off")).metrics().on()).isFalse();
    assertThat(OperationsOptions.parse(List.of("--metrics-port", "1")).metrics().signed())
        .isFalse();
    assertThat(ServeCommand.parse(List.of("--metrics", "public"))).isPresent();
  }

  @Test
  void metricsExposureIsOneChoice() {
    assertThatThrownBy(() -> OperationsOptions.parse(List.of("--metrics=loud")))
        .hasMessage("--metrics must be public or off, got 'loud'");
    assertThatThrownBy(
            () -> OperationsOptions.parse(List.of("--metrics", "public", "--metrics-port", "9")))
        .hasMessage("give one of --metrics-port N and --metrics public, once");
  }
}
