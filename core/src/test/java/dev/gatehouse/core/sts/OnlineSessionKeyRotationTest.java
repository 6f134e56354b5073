package dev.gatehouse.core.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnlineSessionKeyRotationTest {
  static final Instant NOW = Claims.ISSUED.plusSeconds(60);
  @TempDir Path dir;

  static String keyIdOf(String token) {
    byte[] raw = Base64.getDecoder().decode(token);
    return new String(raw, 2, raw[1], StandardCharsets.US_ASCII);
  }

  @Test
  void theRunningSealerAdoptsTheRotatedRingAndOldTokensStillUnseal() throws Exception {
    SecureRandom random = new SecureRandom();
    SessionTokenSealer sealer =
        new SessionTokenSealer(SessionKeyStore.loadOrCreate(dir, Map.of(), random), random);
    String before = sealer.seal(Claims.role());
    OnlineSessionKeyRotation rotation =
        new OnlineSessionKeyRotation(
            dir, Map.of(), sealer, random, Clock.fixed(NOW, ZoneOffset.UTC));

    SessionKeyRotation.Outcome outcome = rotation.rotate();

    assertThat(outcome.kept()).containsExactly(keyIdOf(before));
    assertThat(sealer.ring().current().id()).isEqualTo(outcome.current());
    String after = sealer.seal(Claims.role());
    assertThat(keyIdOf(after)).isEqualTo(outcome.current()).isNotEqualTo(keyIdOf(before));
    assertThat(sealer.unseal(before, Claims.ACCESS_KEY, NOW))
        .isInstanceOf(UnsealResult.Valid.class);
    assertThat(sealer.unseal(after, Claims.ACCESS_KEY, NOW)).isInstanceOf(UnsealResult.Valid.class);
    // What a restart reads is what the node seals with now.
    assertThat(SessionKeyStore.loadOrCreate(dir, Map.of(), random).current().id())
        .isEqualTo(outcome.current());
    assertThat(Files.readString(dir.resolve(SessionKeyStore.FILE_NAME)))
        .contains(keyIdOf(before) + ":")
        .contains(" retired=" + NOW);
  }

  @Test
  void keysFromTheEnvironmentAreNotRotatedByOneNode() {
    SecureRandom random = new SecureRandom();
    SessionKeyRing ring = SessionKeyRing.generate(random);
    String env = SessionKeyStore.format(ring).strip().split("\n")[1];
    SessionTokenSealer sealer = new SessionTokenSealer(ring, random);
    OnlineSessionKeyRotation rotation =
        new OnlineSessionKeyRotation(
            dir, Map.of(SessionKeyStore.ENV, env), sealer, random, Clock.systemUTC());
    assertThatThrownBy(rotation::rotate)
        .isInstanceOf(GatehouseException.class)
        .satisfies(
            e ->
                assertThat(((GatehouseException) e).code())
                    .isEqualTo(ErrorCode.UNMODIFIABLE_ENTITY))
        .hasMessageContaining(SessionKeyStore.ENV);
    assertThat(sealer.ring()).isSameAs(ring);
    assertThat(Files.exists(dir.resolve(SessionKeyStore.FILE_NAME))).isFalse();
  }
}
