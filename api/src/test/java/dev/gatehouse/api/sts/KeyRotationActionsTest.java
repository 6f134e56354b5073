package dev.gatehouse.api.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Caller;
import dev.gatehouse.api.QueryParameters;
import dev.gatehouse.api.XmlWriter;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.sts.OnlineSessionKeyRotation;
import dev.gatehouse.core.sts.SessionKeyRotation;
import dev.gatehouse.core.sts.SessionKeyStore;
import dev.gatehouse.core.sts.SessionTokenSealer;
import java.nio.charset.StandardCharsets;
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
        new OnlineSessionKeyRotation(dir, Map.of(), sealer, random, Clock.systemUTC()),
        () -> {
          masterRotations++;
          return new KeyRotationActions.MasterKeyOutcome("0123456789abcdef", 3, 2);
        },
        MANAGEMENT);
  }

  int masterRotations;

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
    assertThatThrownBy(() -> actions.operation().handler().handle(rootOf("210987654321"), "master"))
        .hasMessageContaining("management account only");
    assertThat(masterRotations).isZero();
  }

  @Test
  void keysIsSessionByDefaultOrMasterAndNothingElse() {
    KeyRotationActions actions = actions();
    assertThat(actions.operation().decoder().decode(QueryParameters.of(Map.of())))
        .isEqualTo("session");
    assertThat(actions.operation().decoder().decode(QueryParameters.of(Map.of("Keys", "master"))))
        .isEqualTo("master");
    assertThatThrownBy(
            () -> actions.operation().decoder().decode(QueryParameters.of(Map.of("Keys", "all"))))
        .hasMessageContaining("Keys must be session or master, got 'all'");
  }

  @Test
  void theManagementAccountRotatesTheMasterKey() throws Exception {
    KeyRotationActions.Rotated rotated =
        actions().operation().handler().handle(rootOf(MANAGEMENT), "master");
    assertThat(masterRotations).isEqualTo(1);
    assertThat(rotated)
        .isEqualTo(
            new KeyRotationActions.Rotated.Master(
                new KeyRotationActions.MasterKeyOutcome("0123456789abcdef", 3, 2)));
    XmlWriter xml = new XmlWriter();
    xml.root("R", "urn:x");
    actions().operation().encoder().encode(rotated, xml);
    assertThat(new String(xml.finish(), StandardCharsets.UTF_8))
        .contains(
            "<MasterKeyId>0123456789abcdef</MasterKeyId><ResealedSecrets>3</ResealedSecrets>"
                + "<ResealedObjectKeys>2</ResealedObjectKeys>")
        .doesNotContain("SessionKeyId");
  }

  @Test
  void theManagementAccountRotates() throws Exception {
    SessionKeyRotation.Outcome outcome =
        ((KeyRotationActions.Rotated.Session)
                actions().operation().handler().handle(rootOf(MANAGEMENT), "session"))
            .outcome();
    assertThat(outcome.kept()).hasSize(1);
    assertThat(Files.readString(dir.resolve(SessionKeyStore.FILE_NAME)))
        .startsWith("#")
        .contains(outcome.current() + ":");
  }
}
