package dev.gatehouse.core.sts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals {@link SessionClaims} into a stateless session token and unseals it on any node without a
 * lookup (DESIGN.md decision 3).
 *
 * <p>Token layout, before standard base64 (RFC 4648 section 4, with padding, as AWS's own tokens
 * are):
 *
 * <pre>
 *   version (1 byte, 0x01) | key id length L (1 byte) | key id (L ASCII bytes)
 *   | nonce (12 random bytes) | AES-256-GCM ciphertext of the encoded claims | tag (16 bytes)
 * </pre>
 *
 * The associated data is the header (version, key id length and key id) followed by a zero byte and
 * the ASIA access key id, so a token presented with another access key id, or with its header
 * edited, fails authentication. The key id is in the clear so keys can rotate: the ring's current
 * key seals; any key still in the ring unseals.
 *
 * <p>The claims are not compressed before encryption: compression would make the ciphertext length
 * depend on secret content.
 */
public final class SessionTokenSealer {

  /** Current token format version. */
  public static final int VERSION = 1;

  /** Tokens longer than this (in base64 characters) are refused before decoding. */
  public static final int MAX_TOKEN_CHARS = 128 * 1024;

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int TAG_BYTES = TAG_BITS / 8;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  /**
   * One cipher per thread: looking the transformation up costs more than sealing a token, and a
   * cipher is re-initialized (key and fresh nonce) before every use.
   */
  private static final ThreadLocal<Cipher> CIPHERS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance(TRANSFORMATION);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("AES-GCM is not available", e);
            }
          });

  /** Replaced whole by an online rotation; each token reads it once. */
  private volatile SessionKeyRing ring;

  private final SecureRandom random;

  /**
   * A sealer over {@code ring}.
   *
   * @param random source of the per-token nonces
   */
  public SessionTokenSealer(SessionKeyRing ring, SecureRandom random) {
    this.ring = Objects.requireNonNull(ring, "ring");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The ring this sealer uses. */
  public SessionKeyRing ring() {
    return ring;
  }

  /**
   * Seals with {@code next}'s current key from now on and unseals with its keys: an online rotation
   * hands over the ring it wrote, which still holds the keys of tokens not yet expired.
   */
  public void adopt(SessionKeyRing next) {
    ring = Objects.requireNonNull(next, "next");
  }

  /** Seals {@code claims} under the current key, bound to {@code claims.accessKeyId()}. */
  public String seal(SessionClaims claims) {
    SessionKey key = ring.current();
    byte[] header = header(key.id());
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] plaintext = ClaimsCodec.encode(claims);
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(header, claims.accessKeyId()));
      byte[] sealed = cipher.doFinal(plaintext);
      ByteBuffer token = ByteBuffer.allocate(header.length + nonce.length + sealed.length);
      token.put(header).put(nonce).put(sealed);
      return Base64.getEncoder().encodeToString(token.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * Unseals {@code token} presented with {@code accessKeyId} at {@code now}.
   *
   * <p>Authenticity is checked before expiry, so an expired answer is only given for a token this
   * server really issued. The session is expired at and after its expiry instant.
   */
  public UnsealResult unseal(String token, String accessKeyId, Instant now) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(now, "now");
    if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      return rejected(TokenFailure.MALFORMED);
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return rejected(TokenFailure.MALFORMED);
    }
    if (raw.length < 2) {
      return rejected(TokenFailure.MALFORMED);
    }
    if ((raw[0] & 0xFF) != VERSION) {
      return rejected(TokenFailure.UNSUPPORTED_VERSION);
    }
    int idLength = raw[1] & 0xFF;
    int headerLength = 2 + idLength;
    if (idLength == 0 || raw.length < headerLength + NONCE_BYTES + TAG_BYTES) {
      return rejected(TokenFailure.MALFORMED);
    }
    String keyId = new String(raw, 2, idLength, StandardCharsets.US_ASCII);
    Optional<SessionKey> key = ring.find(keyId);
    if (key.isEmpty()) {
      return rejected(TokenFailure.UNKNOWN_KEY);
    }
    byte[] header = Arrays.copyOfRange(raw, 0, headerLength);
    byte[] plaintext;
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(
          Cipher.DECRYPT_MODE,
          key.get().secretKey(),
          new GCMParameterSpec(TAG_BITS, raw, headerLength, NONCE_BYTES));
      cipher.updateAAD(associatedData(header, accessKeyId));
      int offset = headerLength + NONCE_BYTES;
      plaintext = cipher.doFinal(raw, offset, raw.length - offset);
    } catch (AEADBadTagException e) {
      return rejected(TokenFailure.NOT_AUTHENTIC);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
    SessionClaims claims;
    try {
      claims = ClaimsCodec.decode(plaintext);
    } catch (IllegalArgumentException e) {
      // Authentic but undecodable: only a bug or a compromised key gets here.
      return rejected(TokenFailure.MALFORMED);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    if (!claims.accessKeyId().equals(accessKeyId)) {
      return rejected(TokenFailure.NOT_AUTHENTIC);
    }
    if (claims.isExpiredAt(now)) {
      return rejected(TokenFailure.EXPIRED);
    }
    return new UnsealResult.Valid(claims);
  }

  private static UnsealResult rejected(TokenFailure failure) {
    return new UnsealResult.Rejected(failure);
  }

  private static byte[] header(String keyId) {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    byte[] header = new byte[2 + id.length];
    header[0] = (byte) VERSION;
    header[1] = (byte) id.length;
    System.arraycopy(id, 0, header, 2, id.length);
    return header;
  }

  private static byte[] associatedData(byte[] header, String accessKeyId) {
    byte[] id = accessKeyId.getBytes(StandardCharsets.UTF_8);
    byte[] aad = new byte[header.length + 1 + id.length];
    System.arraycopy(header, 0, aad, 0, header.length);
    System.arraycopy(id, 0, aad, header.length + 1, id.length);
    return aad;
  }
}
