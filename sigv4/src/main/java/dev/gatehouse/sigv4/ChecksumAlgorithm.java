package dev.gatehouse.sigv4;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The additional checksums S3 verifies on upload, sent as an {@code x-amz-checksum-*} header or
 * trailer: the base64 of the big-endian CRC value or of the digest.
 *
 * <p>spec: S3 User Guide, "Checking object integrity" (supported algorithms and the {@code
 * x-amz-checksum-*} headers and trailers); current SDKs send CRC32 by default.
 */
public enum ChecksumAlgorithm {
  CRC32("x-amz-checksum-crc32", 4),
  CRC32C("x-amz-checksum-crc32c", 4),
  SHA1("x-amz-checksum-sha1", 20),
  SHA256("x-amz-checksum-sha256", 32);

  private final String headerName;
  private final int length;

  ChecksumAlgorithm(String headerName, int length) {
    this.headerName = headerName;
    this.length = length;
  }

  /** The lower-case header (or trailer) name, for example {@code x-amz-checksum-crc32}. */
  public String headerName() {
    return headerName;
  }

  /** How many bytes the decoded value has. */
  public int length() {
    return length;
  }

  /** The algorithm a header or trailer name stands for, if it is one of these. */
  public static Optional<ChecksumAlgorithm> forHeader(String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    for (ChecksumAlgorithm algorithm : values()) {
      if (algorithm.headerName.equals(lower)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }

  /**
   * Decodes a received value.
   *
   * @throws SigV4Exception {@code InvalidRequest} ("Value for x-amz-checksum-crc32 header is
   *     invalid.") when it is not base64 of the right length
   */
  public byte[] decode(String value) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(value.trim());
    } catch (IllegalArgumentException e) {
      decoded = new byte[0];
    }
    if (decoded.length != length) {
      // spec: S3's text for a checksum value that does not decode to the algorithm's length
      throw new SigV4Exception(
          SigV4Error.INVALID_REQUEST, "Value for " + headerName + " header is invalid.");
    }
    return decoded;
  }

  /** A fresh running computation of this checksum. */
  public Running start() {
    return switch (this) {
      case CRC32 -> new Crc(new CRC32());
      case CRC32C -> new Crc(new CRC32C());
      case SHA1 -> new Digest(digest("SHA-1"));
      case SHA256 -> new Digest(digest("SHA-256"));
    };
  }

  /** Base64 of the checksum of {@code data}, as a client sends it. */
  public String of(byte[] data) {
    Running running = start();
    running.update(data, 0, data.length);
    return Base64.getEncoder().encodeToString(running.finish());
  }

  private static MessageDigest digest(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE runtime provides SHA-1 and SHA-256.
      throw new IllegalStateException(name + " unavailable", e);
    }
  }

  /** A checksum being computed over a stream. */
  public sealed interface Running {
    void update(byte[] data, int offset, int length);

    /** The value, big-endian; the computation is over. */
    byte[] finish();
  }

  private record Crc(Checksum checksum) implements Running {
    @Override
    public void update(byte[] data, int offset, int length) {
      checksum.update(data, offset, length);
    }

    @Override
    public byte[] finish() {
      return ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array();
    }
  }

  private record Digest(MessageDigest digest) implements Running {
    @Override
    public void update(byte[] data, int offset, int length) {
      digest.update(data, offset, length);
    }

    @Override
    public byte[] finish() {
      return digest.digest();
    }
  }
}
