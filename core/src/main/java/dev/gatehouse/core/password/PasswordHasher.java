package dev.gatehouse.core.password;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes console passwords with PBKDF2-HMAC-SHA256 (the JDK's {@code PBKDF2WithHmacSHA256}), a
 * random 16-byte salt and a 32-byte output.
 *
 * <p>The encoding carries its own cost, {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (unpadded
 * base64), so the cost can be raised later: old hashes still verify, and {@link #needsRehash} says
 * when one should be replaced. The production cost is {@link #DEFAULT_ITERATIONS} (spec: OWASP
 * Password Storage Cheat Sheet, PBKDF2-HMAC-SHA256 600,000 iterations; ASVS 4.0.3 2.4.3 asks for at
 * least 100,000); tests inject a lower one.
 *
 * <p>Comparison is constant-time ({@link MessageDigest#isEqual}). Nothing here logs, and no method
 * returns a password.
 */
public final class PasswordHasher {
  public static final int DEFAULT_ITERATIONS = 600_000;
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final byte[] DUMMY_SALT = new byte[SALT_BYTES];

  private final int iterations;
  private final SecureRandom random;
  private final LongAdder iterationsRun = new LongAdder();

  /**
   * @param iterations the cost of new hashes; production uses {@link #DEFAULT_ITERATIONS}
   */
  public PasswordHasher(int iterations, SecureRandom random) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    this.iterations = iterations;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The production hasher: {@link #DEFAULT_ITERATIONS}. */
  public static PasswordHasher standard(SecureRandom random) {
    return new PasswordHasher(DEFAULT_ITERATIONS, random);
  }

  public int iterations() {
    return iterations;
  }

  /**
   * The PBKDF2 iterations this hasher has run: the work its callers paid for, which shows that a
   * refusal costs the same whatever its reason.
   */
  public long iterationsRun() {
    return iterationsRun.sum();
  }

  /**
   * The cost of hashing a password this server generated: a slow KDF protects guessable passwords,
   * and a random 24-character password (about 150 bits) is not guessable at any cost. Such a hash
   * is raised to the full cost at its first successful sign-in ({@link #needsRehash}).
   */
  public static final int GENERATED_PASSWORD_ITERATIONS = 1_000;

  /** A new salted hash of {@code password}. */
  public String hash(String password) {
    return hash(password, iterations);
  }

  /**
   * A new salted hash of a password this server generated at random (never of one a person chose):
   * cheap, so the first start does not wait for a full-cost derivation on a cold JVM.
   */
  public String hashGenerated(String password) {
    return hash(password, Math.min(iterations, GENERATED_PASSWORD_ITERATIONS));
  }

  private String hash(String password, int cost) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] derived = derive(password, salt, cost);
    return PREFIX + "$" + cost + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(derived);
  }

  /**
   * Whether {@code password} matches {@code encoded}. A malformed encoding never matches (and still
   * costs one derivation, so it does not answer faster).
   */
  public boolean verify(String password, String encoded) {
    Parsed parsed = Parsed.of(encoded);
    if (parsed == null) {
      burn(password);
      return false;
    }
    byte[] derived = derive(password, parsed.salt, parsed.iterations);
    return MessageDigest.isEqual(derived, parsed.hash);
  }

  /**
   * Spends the time of one verification without a stored hash: the refusal of an unknown user then
   * takes as long as that of a wrong password.
   */
  public void burn(String password) {
    derive(password, DUMMY_SALT, iterations);
  }

  /** Whether {@code encoded} was made with a lower cost than this hasher's (or is unreadable). */
  public boolean needsRehash(String encoded) {
    Parsed parsed = Parsed.of(encoded);
    return parsed == null || parsed.iterations < iterations;
  }

  private byte[] derive(String password, byte[] salt, int iterations) {
    iterationsRun.add(iterations);
    char[] chars = password.toCharArray();
    PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\0');
    }
  }

  /** An encoded hash taken apart; null when it is not one of ours. */
  private static final class Parsed {
    final int iterations;
    final byte[] salt;
    final byte[] hash;

    private Parsed(int iterations, byte[] salt, byte[] hash) {
      this.iterations = iterations;
      this.salt = salt;
      this.hash = hash;
    }

    static Parsed of(String encoded) {
      String[] parts = encoded.split("\\$", -1);
      if (parts.length != 4 || !parts[0].equals(PREFIX)) {
        return null;
      }
      try {
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2].getBytes(StandardCharsets.US_ASCII));
        byte[] hash = Base64.getDecoder().decode(parts[3].getBytes(StandardCharsets.US_ASCII));
        if (iterations < 1 || salt.length == 0 || hash.length != HASH_BITS / 8) {
          return null;
        }
        return new Parsed(iterations, salt, hash);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }
}
