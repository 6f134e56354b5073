package dev.gatehouse.core.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionTokenSealerTest {

  private static final Instant NOW = Claims.ISSUED.plusSeconds(60);

  private static SessionKey key(String id, int fill) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) fill);
    return new SessionKey(id, k);
  }

  private final SessionTokenSealer sealer =
      new SessionTokenSealer(SessionKeyRing.of(key("k1", 1)), new SecureRandom());

  @Test
  void roundTripsEveryPrincipalKind() {
    for (SessionClaims c :
        new SessionClaims[] {
          Claims.role(),
          Claims.federated(),
          Claims.userSession("arn:aws:iam::123456789012:root", "123456789012")
        }) {
      String token = sealer.seal(c);
      UnsealResult r = sealer.unseal(token, c.accessKeyId(), NOW);
      assertThat(r).isEqualTo(new UnsealResult.Valid(c));
      assertThat(r.claimsOrThrow()).isEqualTo(c);
    }
  }

  @Test
  void tokenIsStandardBase64WithVersionAndKeyIdInClear() {
    String token = sealer.seal(Claims.role());
    assertThat(token).matches("[A-Za-z0-9+/]+=*");
    byte[] raw = Base64.getDecoder().decode(token);
    assertThat(raw[0]).isEqualTo((byte) 1);
    assertThat(new String(raw, 2, raw[1], StandardCharsets.US_ASCII)).isEqualTo("k1");
    assertThat(token).doesNotContain("stuart").doesNotContain("Gatehouse");
    // Fresh nonce per seal: the same claims never give the same token.
    assertThat(sealer.seal(Claims.role())).isNotEqualTo(token);
  }

  @Test
  void everySingleBitFlipIsRefusedAsInvalidNeverExpired() {
    byte[] raw = Base64.getDecoder().decode(sealer.seal(Claims.role()));
    // Presented after expiry: a tampered token must still say invalid, never expired.
    Instant late = Claims.EXPIRES.plusSeconds(10);
    for (int i = 0; i < raw.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] t = raw.clone();
        t[i] ^= (byte) (1 << bit);
        for (Instant now : new Instant[] {NOW, late}) {
          UnsealResult r = sealer.unseal(b64(t), Claims.ACCESS_KEY, now);
          assertThat(r).as("byte %d bit %d", i, bit).isInstanceOf(UnsealResult.Rejected.class);
          assertThat(((UnsealResult.Rejected) r).failure().errorCode())
              .isEqualTo(ErrorCode.INVALID_CLIENT_TOKEN_ID);
        }
      }
    }
  }

  @Test
  void randomMultiByteTamperingIsRefused() {
    byte[] raw = Base64.getDecoder().decode(sealer.seal(Claims.role()));
    Random random = new Random(20261129L);
    for (int trial = 0; trial < 2000; trial++) {
      byte[] t = raw.clone();
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(t.length);
        byte replacement = (byte) random.nextInt(256);
        t[at] = replacement == t[at] ? (byte) (replacement + 1) : replacement;
      }
      assertThat(sealer.unseal(b64(t), Claims.ACCESS_KEY, NOW))
          .as("trial %d", trial)
          .isInstanceOf(UnsealResult.Rejected.class);
    }
  }

  @Test
  void everyTruncationAndExtensionIsRefused() {
    byte[] raw = Base64.getDecoder().decode(sealer.seal(Claims.role()));
    for (int len = 0; len < raw.length; len++) {
      UnsealResult r = sealer.unseal(b64(Arrays.copyOf(raw, len)), Claims.ACCESS_KEY, NOW);
      assertThat(r).as("length %d", len).isInstanceOf(UnsealResult.Rejected.class);
    }
    byte[] longer = Arrays.copyOf(raw, raw.length + 1);
    assertThat(failure(b64(longer), Claims.ACCESS_KEY, NOW)).isEqualTo(TokenFailure.NOT_AUTHENTIC);
  }

  @Test
  void anotherAccessKeyIdIsRefused() {
    String token = sealer.seal(Claims.role());
    assertThat(failure(token, "ASIAQWERTYUIOPASDF24", NOW)).isEqualTo(TokenFailure.NOT_AUTHENTIC);
    assertThat(failure(token, "", NOW)).isEqualTo(TokenFailure.NOT_AUTHENTIC);
  }

  @Test
  void expiryEdge() {
    String token = sealer.seal(Claims.role());
    assertThat(sealer.unseal(token, Claims.ACCESS_KEY, Claims.EXPIRES.minusSeconds(1)))
        .isInstanceOf(UnsealResult.Valid.class);
    assertThat(sealer.unseal(token, Claims.ACCESS_KEY, Claims.EXPIRES.minusNanos(1)))
        .isInstanceOf(UnsealResult.Valid.class);
    assertThat(failure(token, Claims.ACCESS_KEY, Claims.EXPIRES)).isEqualTo(TokenFailure.EXPIRED);
    UnsealResult expired = sealer.unseal(token, Claims.ACCESS_KEY, Claims.EXPIRES);
    assertThatThrownBy(expired::claimsOrThrow)
        .isInstanceOf(GatehouseException.class)
        .hasMessage("The security token included in the request is expired")
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(ErrorCode.EXPIRED_TOKEN);
  }

  @Test
  void rotationKeepsOldTokensUntilTheKeyIsRetired() {
    String oldToken = sealer.seal(Claims.role());
    SessionKeyRing rotated = sealer.ring().rotate(key("k2", 2));
    SessionTokenSealer next = new SessionTokenSealer(rotated, new SecureRandom());
    String newToken = next.seal(Claims.role());
    assertThat(Base64.getDecoder().decode(newToken)[2]).isEqualTo((byte) 'k');
    assertThat(next.unseal(oldToken, Claims.ACCESS_KEY, NOW))
        .isInstanceOf(UnsealResult.Valid.class);
    assertThat(next.unseal(newToken, Claims.ACCESS_KEY, NOW))
        .isInstanceOf(UnsealResult.Valid.class);
    // The old sealer never knew k2.
    assertThat(failure(sealer, newToken)).isEqualTo(TokenFailure.UNKNOWN_KEY);

    SessionTokenSealer retired = new SessionTokenSealer(rotated.retire("k1"), new SecureRandom());
    assertThat(failure(retired, oldToken)).isEqualTo(TokenFailure.UNKNOWN_KEY);
    assertThat(retired.unseal(newToken, Claims.ACCESS_KEY, NOW))
        .isInstanceOf(UnsealResult.Valid.class);
    UnsealResult r = retired.unseal(oldToken, Claims.ACCESS_KEY, NOW);
    assertThatThrownBy(r::claimsOrThrow)
        .hasMessage("The security token included in the request is invalid.")
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(ErrorCode.INVALID_CLIENT_TOKEN_ID);
  }

  @Test
  void sameKeyIdWithOtherKeyBytesIsRefused() {
    String token = sealer.seal(Claims.role());
    SessionTokenSealer impostor =
        new SessionTokenSealer(SessionKeyRing.of(key("k1", 9)), new SecureRandom());
    assertThat(failure(impostor, token)).isEqualTo(TokenFailure.NOT_AUTHENTIC);
  }

  @Test
  void garbageIsMalformed() {
    assertThat(failure("", Claims.ACCESS_KEY, NOW)).isEqualTo(TokenFailure.MALFORMED);
    assertThat(failure("not base64!", Claims.ACCESS_KEY, NOW)).isEqualTo(TokenFailure.MALFORMED);
    assertThat(failure("AQ==", Claims.ACCESS_KEY, NOW)).isEqualTo(TokenFailure.MALFORMED);
    assertThat(failure("A".repeat(SessionTokenSealer.MAX_TOKEN_CHARS + 4), Claims.ACCESS_KEY, NOW))
        .isEqualTo(TokenFailure.MALFORMED);
    byte[] zeroId = new byte[40];
    zeroId[0] = 1;
    assertThat(failure(b64(zeroId), Claims.ACCESS_KEY, NOW)).isEqualTo(TokenFailure.MALFORMED);
    byte[] raw = Base64.getDecoder().decode(sealer.seal(Claims.role()));
    raw[0] = 2;
    assertThat(failure(b64(raw), Claims.ACCESS_KEY, NOW))
        .isEqualTo(TokenFailure.UNSUPPORTED_VERSION);
    for (TokenFailure f : TokenFailure.values()) {
      assertThat(f.errorCode())
          .isEqualTo(
              f == TokenFailure.EXPIRED
                  ? ErrorCode.EXPIRED_TOKEN
                  : ErrorCode.INVALID_CLIENT_TOKEN_ID);
    }
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private TokenFailure failure(String token, String accessKeyId, Instant now) {
    return ((UnsealResult.Rejected) sealer.unseal(token, accessKeyId, now)).failure();
  }

  private static TokenFailure failure(SessionTokenSealer s, String token) {
    return ((UnsealResult.Rejected) s.unseal(token, Claims.ACCESS_KEY, NOW)).failure();
  }
}
