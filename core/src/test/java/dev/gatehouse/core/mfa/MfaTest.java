package dev.gatehouse.core.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MfaTest {

  private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final Instant NOW = Instant.ofEpochSecond(1_764_000_015L); // mid-step
  private static final Totp TOTP = Totp.DEFAULT;
  private static final long T = TOTP.step(NOW);

  private final TotpVerifier verifier = TotpVerifier.standard();

  private static String code(long step) {
    return TOTP.code(SEED, step);
  }

  @Test
  void acceptsOneStepEitherSideAndReturnsTheStep() {
    for (long s = T - 1; s <= T + 1; s++) {
      TotpResult r = verifier.verify(SEED, code(s), NOW, TotpState.initial());
      assertThat(r).isEqualTo(new TotpResult.Accepted(s, new TotpState(s, 0)));
      assertThat(r.isAccepted()).isTrue();
    }
  }

  @Test
  void refusesCodesOutsideTheWindow() {
    for (long s : new long[] {T - 3, T - 2, T + 2, T + 3}) {
      assertThat(verifier.verify(SEED, code(s), NOW, TotpState.initial()))
          .as("step offset %d", s - T)
          .isEqualTo(new TotpResult.Rejected(TotpFailure.NO_MATCH));
    }
  }

  @Test
  void eachCodeWorksOnce() {
    TotpResult first = verifier.verify(SEED, code(T), NOW, TotpState.initial());
    TotpState stored = ((TotpResult.Accepted) first).state();
    assertThat(stored.lastUsedStep()).isEqualTo(T);
    assertThat(verifier.verify(SEED, code(T), NOW, stored))
        .isEqualTo(new TotpResult.Rejected(TotpFailure.REPLAYED));
    // An older code inside the window is refused too once a later step was used.
    assertThat(verifier.verify(SEED, code(T - 1), NOW, stored))
        .isEqualTo(new TotpResult.Rejected(TotpFailure.REPLAYED));
    // The next step's code still works.
    assertThat(verifier.verify(SEED, code(T + 1), NOW, stored).isAccepted()).isTrue();
  }

  @Test
  void malformedCodes() {
    for (String bad : new String[] {"", "12345", "1234567", "12345a", "12 456", "١٢٣٤٥٦"}) {
      assertThat(verifier.verify(SEED, bad, NOW, TotpState.initial()))
          .as(bad)
          .isEqualTo(new TotpResult.Rejected(TotpFailure.MALFORMED));
    }
    assertThat(verifier.enable(SEED, "abc", code(T), NOW))
        .isEqualTo(new TotpResult.Rejected(TotpFailure.MALFORMED));
  }

  @Test
  void driftShiftsTheWindow() {
    TotpState drifted = new TotpState(-1, 5);
    assertThat(verifier.verify(SEED, code(T + 5), NOW, drifted).isAccepted()).isTrue();
    assertThat(verifier.verify(SEED, code(T), NOW, drifted))
        .isEqualTo(new TotpResult.Rejected(TotpFailure.NO_MATCH));
  }

  @Test
  void enableNeedsTwoConsecutiveCodesInOrder() {
    TotpResult ok = verifier.enable(SEED, code(T - 1), code(T), NOW);
    assertThat(ok).isEqualTo(new TotpResult.Accepted(T, new TotpState(T, 0)));
    // The user typed slowly: second code a couple of steps old.
    assertThat(verifier.enable(SEED, code(T - 4), code(T - 3), NOW).isAccepted()).isTrue();
    assertThat(verifier.enable(SEED, code(T), code(T + 1), NOW).isAccepted()).isTrue();

    assertThat(verifier.enable(SEED, code(T), code(T), NOW))
        .isEqualTo(new TotpResult.Rejected(TotpFailure.NOT_CONSECUTIVE));
    assertThat(verifier.enable(SEED, code(T), code(T - 1), NOW))
        .isEqualTo(new TotpResult.Rejected(TotpFailure.NOT_CONSECUTIVE));
    assertThat(verifier.enable(SEED, code(T - 2), code(T), NOW))
        .isEqualTo(new TotpResult.Rejected(TotpFailure.NOT_CONSECUTIVE));
    assertThat(verifier.enable(SEED, code(T - 6), code(T - 5), NOW))
        .isEqualTo(new TotpResult.Rejected(TotpFailure.NO_MATCH));
    assertThat(verifier.enable(SEED, code(T + 1), code(T + 2), NOW))
        .isEqualTo(new TotpResult.Rejected(TotpFailure.NO_MATCH));
    // After enabling, the second code cannot sign in.
    TotpState stored = ((TotpResult.Accepted) ok).state();
    assertThat(verifier.verify(SEED, code(T), NOW, stored))
        .isEqualTo(new TotpResult.Rejected(TotpFailure.REPLAYED));
  }

  @Test
  void resyncLearnsTheDriftWithinTenMinutes() {
    TotpResult r = verifier.resync(SEED, code(T + 11), code(T + 12), NOW, TotpState.initial());
    assertThat(r).isEqualTo(new TotpResult.Accepted(T + 12, new TotpState(T + 12, 12)));
    TotpState stored = ((TotpResult.Accepted) r).state();
    // Later, the drifted device's codes work.
    Instant later = NOW.plusSeconds(300);
    long tl = TOTP.step(later);
    assertThat(verifier.verify(SEED, code(tl + 12), later, stored).isAccepted()).isTrue();

    assertThat(
            verifier
                .resync(SEED, code(T - 20), code(T - 19), NOW, TotpState.initial())
                .isAccepted())
        .isTrue();
    assertThat(verifier.resync(SEED, code(T + 20), code(T + 21), NOW, TotpState.initial()))
        .isEqualTo(new TotpResult.Rejected(TotpFailure.NO_MATCH));
    assertThat(verifier.resync(SEED, code(T - 22), code(T - 21), NOW, TotpState.initial()))
        .isEqualTo(new TotpResult.Rejected(TotpFailure.NO_MATCH));
    assertThat(verifier.resync(SEED, code(T + 3), code(T + 5), NOW, TotpState.initial()))
        .isEqualTo(new TotpResult.Rejected(TotpFailure.NOT_CONSECUTIVE));
    // Codes already used cannot resync.
    assertThat(verifier.resync(SEED, code(T), code(T + 1), NOW, new TotpState(T + 1, 0)))
        .isEqualTo(new TotpResult.Rejected(TotpFailure.REPLAYED));
  }

  @Test
  void errorsUseAwsWording() {
    assertThat(TotpFailure.NO_MATCH.toStsException().code()).isEqualTo(ErrorCode.ACCESS_DENIED);
    assertThat(TotpFailure.REPLAYED.toStsException())
        .hasMessage("MultiFactorAuthentication failed with invalid MFA one time pass code.");
    assertThat(TotpFailure.NOT_CONSECUTIVE.toIamException().code())
        .isEqualTo(ErrorCode.INVALID_AUTHENTICATION_CODE);
    assertThat(TotpFailure.MALFORMED.toIamException())
        .hasMessage("Authentication code for device is not valid.");
  }

  @Test
  void parameterChecks() {
    assertThatThrownBy(() -> Hotp.generate(SEED, 0, 5, OtpAlgorithm.SHA1))
        .hasMessageContaining("6-9");
    assertThatThrownBy(() -> Hotp.generate(SEED, 0, 10, OtpAlgorithm.SHA1))
        .hasMessageContaining("6-9");
    assertThatThrownBy(() -> Hotp.generate(new byte[0], 0, 6, OtpAlgorithm.SHA1))
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> new Totp(OtpAlgorithm.SHA1, 4, 30)).hasMessageContaining("6-9");
    assertThatThrownBy(() -> new Totp(OtpAlgorithm.SHA1, 6, 0)).hasMessageContaining("positive");
    assertThat(Hotp.generate(SEED, 0, 9, OtpAlgorithm.SHA1)).hasSize(9);
    assertThat(TOTP.step(Instant.ofEpochSecond(-1))).isEqualTo(-1);
    assertThat(
            verifier
                .verify(SEED, code(0), Instant.ofEpochSecond(0), TotpState.initial())
                .isAccepted())
        .isTrue();
  }

  @Test
  void seedsAreTwentyRandomBytes() {
    SecureRandom random = new SecureRandom();
    byte[] a = Totp.newSeed(random);
    assertThat(a).hasSize(20).isNotEqualTo(Totp.newSeed(random));
    assertThat(Base32.encodeUnpadded(a)).hasSize(32);
  }

  @Test
  void base32RefusesBadInput() {
    for (String bad :
        new String[] {
          "MY1=====", "M=======", "MZX=====", "MZXW6Y==", "MZ======X", "MZ=", "MZ", "MB======"
        }) {
      assertThatThrownBy(() -> Base32.decode(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void otpAuthUri() {
    String uri = OtpAuthUri.build("Gatehouse", "stuart@123456789012", SEED);
    assertThat(uri)
        .isEqualTo(
            "otpauth://totp/Gatehouse:stuart@123456789012?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Gatehouse&algorithm=SHA1&digits=6&period=30");
    assertThat(OtpAuthUri.build("Acme Co", "a b/c", SEED))
        .startsWith("otpauth://totp/Acme%20Co:a%20b%2Fc?secret=")
        .contains("&issuer=Acme%20Co&");
    assertThat(OtpAuthUri.encode("é")).isEqualTo("%C3%A9");
    assertThatThrownBy(() -> OtpAuthUri.build("a:b", "x", SEED)).hasMessageContaining("colon");
    assertThatThrownBy(() -> OtpAuthUri.build("", "x", SEED)).hasMessageContaining("empty");
    assertThatThrownBy(() -> OtpAuthUri.build("a", "", SEED)).hasMessageContaining("empty");
  }
}
