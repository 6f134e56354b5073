package dev.gatehouse.core.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks TOTP codes for sign-in and STS calls, and the pairs of consecutive codes that
 * EnableMFADevice and ResyncMFADevice take.
 *
 * <p>Every candidate step in a window is computed and compared in constant time (ASVS 11.2.4); the
 * loop never stops early on a match, so timing does not tell which step matched.
 *
 * <p>Windows (in 30-second steps, relative to now + the device's drift):
 *
 * <ul>
 *   <li>verify: one step either side (RFC 6238 section 5.2 recommends at most one step of network
 *       delay);
 *   <li>enable: the second code in {@link #ENABLE_BEHIND} steps before now to one after, the first
 *       code the step just before it. AWS: "Submit your request immediately after generating the
 *       authentication codes" (EnableMFADevice); the extra steps allow for typing two codes, and
 *       the drift is not changed;
 *   <li>resync: the second code anywhere within {@link #RESYNC_RANGE} steps (10 minutes) of the
 *       true time, the first code the step before it; the drift becomes the second code's offset.
 *       AWS documents no window for ResyncMFADevice; this one is Gatehouse's choice.
 * </ul>
 */
public final class TotpVerifier {

  /** Steps of tolerance on either side for a single code. */
  public static final int VERIFY_RANGE = 1;

  /** How far back the second code of EnableMFADevice may be, in steps. */
  public static final int ENABLE_BEHIND = 4;

  /** Steps of tolerance on either side for ResyncMFADevice. */
  public static final int RESYNC_RANGE = 20;

  private final Totp totp;

  public TotpVerifier(Totp totp) {
    this.totp = Objects.requireNonNull(totp, "totp");
  }

  /** A verifier for {@link Totp#DEFAULT}. */
  public static TotpVerifier standard() {
    return new TotpVerifier(Totp.DEFAULT);
  }

  /**
   * Checks one code at {@code now}. Accepted codes move {@code lastUsedStep} to their step; a code
   * whose step is at or before {@code state.lastUsedStep()} is refused as a replay.
   */
  public TotpResult verify(byte[] seed, String code, Instant now, TotpState state) {
    if (!wellFormed(code)) {
      return new TotpResult.Rejected(TotpFailure.MALFORMED);
    }
    long centre = totp.step(now) + state.driftSteps();
    long matched = Long.MIN_VALUE;
    boolean replayed = false;
    for (long s = centre - VERIFY_RANGE; s <= centre + VERIFY_RANGE; s++) {
      boolean equal = matches(seed, s, code);
      boolean fresh = s > state.lastUsedStep();
      if (equal && fresh && matched == Long.MIN_VALUE) {
        matched = s;
      }
      replayed |= equal && !fresh;
    }
    if (matched != Long.MIN_VALUE) {
      return new TotpResult.Accepted(matched, new TotpState(matched, state.driftSteps()));
    }
    return new TotpResult.Rejected(replayed ? TotpFailure.REPLAYED : TotpFailure.NO_MATCH);
  }

  /**
   * EnableMFADevice: {@code code1} and {@code code2} must be the codes of two consecutive steps, in
   * that order, the second within the enable window. The new device's state records the second step
   * as used, so neither code can then sign in.
   */
  public TotpResult enable(byte[] seed, String code1, String code2, Instant now) {
    long t = totp.step(now);
    return pair(seed, code1, code2, t - ENABLE_BEHIND, t + 1, TotpState.initial(), t, false);
  }

  /**
   * ResyncMFADevice: like {@link #enable} over a window of {@link #RESYNC_RANGE} steps either side
   * of the true time; the drift becomes the offset of the second code's step. Steps at or before
   * {@code state.lastUsedStep()} are refused.
   */
  public TotpResult resync(byte[] seed, String code1, String code2, Instant now, TotpState state) {
    long t = totp.step(now);
    return pair(seed, code1, code2, t - RESYNC_RANGE, t + RESYNC_RANGE, state, t, true);
  }

  private TotpResult pair(
      byte[] seed,
      String code1,
      String code2,
      long from,
      long to,
      TotpState state,
      long now,
      boolean learnDrift) {
    if (!wellFormed(code1) || !wellFormed(code2)) {
      return new TotpResult.Rejected(TotpFailure.MALFORMED);
    }
    long matched = Long.MIN_VALUE;
    boolean firstSeen = false;
    boolean secondSeen = false;
    boolean replayed = false;
    boolean previousMatchedFirst = matches(seed, from - 1, code1);
    for (long s = from; s <= to; s++) {
      boolean first = matches(seed, s, code1);
      boolean second = matches(seed, s, code2);
      firstSeen |= first || previousMatchedFirst;
      secondSeen |= second;
      boolean consecutive = previousMatchedFirst && second;
      boolean fresh = s - 1 > state.lastUsedStep();
      if (consecutive && fresh && matched == Long.MIN_VALUE) {
        matched = s;
      }
      replayed |= consecutive && !fresh;
      previousMatchedFirst = first;
    }
    if (matched != Long.MIN_VALUE) {
      int drift = learnDrift ? Math.toIntExact(matched - now) : state.driftSteps();
      return new TotpResult.Accepted(matched, new TotpState(matched, drift));
    }
    if (replayed) {
      return new TotpResult.Rejected(TotpFailure.REPLAYED);
    }
    return new TotpResult.Rejected(
        firstSeen && secondSeen ? TotpFailure.NOT_CONSECUTIVE : TotpFailure.NO_MATCH);
  }

  private boolean wellFormed(String code) {
    if (code.length() != totp.digits()) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private boolean matches(byte[] seed, long step, String code) {
    if (step < 0) {
      return false;
    }
    byte[] expected = totp.code(seed, step).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, code.getBytes(StandardCharsets.US_ASCII));
  }
}
