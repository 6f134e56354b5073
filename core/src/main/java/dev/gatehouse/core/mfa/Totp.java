package dev.gatehouse.core.mfa;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;

/**
 * TOTP parameters, RFC 6238: the HOTP counter is the number of {@code stepSeconds} steps since the
 * Unix epoch.
 *
 * @param algorithm the HMAC
 * @param digits code length, 6-9
 * @param stepSeconds the time step X
 */
public record Totp(OtpAlgorithm algorithm, int digits, int stepSeconds) {

  /** What AWS virtual MFA devices and authenticator apps use: SHA-1, 6 digits, 30 seconds. */
  public static final Totp DEFAULT = new Totp(OtpAlgorithm.SHA1, 6, 30);

  public Totp {
    Objects.requireNonNull(algorithm, "algorithm");
    if (digits < Hotp.MIN_DIGITS || digits > Hotp.MAX_DIGITS) {
      throw new IllegalArgumentException("digits must be 6-9");
    }
    if (stepSeconds <= 0) {
      throw new IllegalArgumentException("step must be positive");
    }
  }

  /** The time step of {@code at}: floor(epoch seconds / step). */
  public long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), (long) stepSeconds);
  }

  /** The code for time step {@code step}. */
  public String code(byte[] seed, long step) {
    return Hotp.generate(seed, step, digits, algorithm);
  }

  /** Length of a new seed: 160 bits, the HMAC-SHA1 output size (RFC 4226 section 4, R6). */
  public static final int SEED_BYTES = 20;

  /** A new random seed from a CSPRNG (ASVS 6.5.3). */
  public static byte[] newSeed(SecureRandom random) {
    byte[] seed = new byte[SEED_BYTES];
    random.nextBytes(seed);
    return seed;
  }

  /** The code current at {@code at}. */
  public String code(byte[] seed, Instant at) {
    return code(seed, step(at));
  }
}
