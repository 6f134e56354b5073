package dev.gatehouse.api.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Caller;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.sts.OnlineSessionKeyRotation;
import dev.gatehouse.core.sts.SessionKeyRotation;
import dev.gatehouse.core.sts.SessionKeyStore;
import dev.gatehouse.core.sts.SessionTokenSealer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRotationActionsTest {
  static final String MANAGEMENT = "123456789012";
  @TempDir Path dir;

  KeyRotationActions actions() {
    SecureRandom random = new SecureRandom();
    SessionTokenSealer sealer =
        new SessionTokenSealer(SessionKeyStore.loadOrCreate(dir, Map.of(), random), random);
    return new KeyRotationActions(
        new OnlineSessionKeyRotation(dir, Map.of(), sealer, random, Clock.systemUTC()), MANAGEMENT);
  }

  static Caller rootOf(String account) {
    return new Caller(
        new Principal.Root(account), "AKIAEXAMPLEEXAMPLE12", "us-east-1", "gatehouse");
  }

  @Test
  void aMemberAccountIsRefusedWhateverItsPoliciesAllow() throws Exception {
    KeyRotationActions actions = actions();
    String before = Files.readString(dir.resolve(SessionKeyStore.FILE_NAME));
    assertThatThrownBy(
            () -> actions.operation().handler().handle(rootOf("210987654321"), "session"))
        .isInstanceOf(GatehouseException.class)
        .hasMessageContaining("arn:aws:iam::210987654321:root")
        .hasMessageContaining("management account only")
        .satisfies(
            e -> assertThat(((GatehouseException) e).code()).isEqualTo(ErrorCode.ACCESS_DENIED));
    assertThat(Files.readString(dir.resolve(SessionKeyStore.FILE_NAME))).isEqualTo(before);
  }

  @Test
  void theManagementAccountRotates() throws Exception {
    SessionKeyRotation.Outcome outcome =
        actions().operation().handler().handle(rootOf(MANAGEMENT), "session");
    assertThat(outcome.kept()).hasSize(1);
    assertThat(Files.readString(dir.resolve(SessionKeyStore.FILE_NAME)))
        .startsWith("#")
        .contains(outcome.current() + ":");
  }
}
