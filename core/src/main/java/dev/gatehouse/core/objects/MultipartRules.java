package dev.gatehouse.core.objects;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * S3's multipart limits and the checks of CompleteMultipartUpload.
 *
 * <p>spec: S3 User Guide, "Amazon S3 multipart upload limits": part numbers 1 to 10,000; part size
 * 5 MiB to 5 GiB, "There is no minimum size limit on the last part"; single PUT at most 5 GiB. S3
 * API Reference CompleteMultipartUpload errors: EntityTooSmall, InvalidPart ("One or more of the
 * specified parts could not be found ... or the specified entity tag might not have matched"),
 * InvalidPartOrder ("The list of parts was not in ascending order"), NoSuchUpload.
 */
public final class MultipartRules {
  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
  public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
  public static final long MAX_PUT_SIZE = 5L * 1024 * 1024 * 1024;
  public static final int MAX_PART_NUMBER = 10_000;

  private MultipartRules() {}

  /** Refuses a part number outside 1 to 10,000. */
  public static void requirePartNumber(int partNumber) {
    if (partNumber < 1 || partNumber > MAX_PART_NUMBER) {
      throw new ObjectStoreException(
          ObjectError.INVALID_ARGUMENT,
          "Part number must be an integer between 1 and 10000, inclusive (got " + partNumber + ")");
    }
  }

  /** Refuses a part over 5 GiB. */
  public static void requirePartSize(long length) {
    if (length > MAX_PART_SIZE) {
      throw new ObjectStoreException(
          ObjectError.ENTITY_TOO_LARGE,
          "Your proposed upload exceeds the maximum allowed size: a part is at most 5 GiB, this"
              + " one is "
              + length
              + " bytes");
    }
  }

  /** Refuses a single PUT over 5 GiB. */
  public static void requirePutSize(long length) {
    if (length > MAX_PUT_SIZE) {
      throw new ObjectStoreException(
          ObjectError.ENTITY_TOO_LARGE,
          "Your proposed upload exceeds the maximum allowed size: a single PUT is at most 5 GiB,"
              + " this one is "
              + length
              + " bytes");
    }
  }

  /**
   * The uploaded parts that {@code requested} names, in its order, after S3's checks.
   *
   * @param uploaded the upload's parts by part number
   */
  public static List<PartInfo> select(
      List<CompletedPart> requested, Map<Integer, PartInfo> uploaded) {
    if (requested.isEmpty()) {
      throw new ObjectStoreException(
          ObjectError.MALFORMED_XML,
          "The XML you provided was not well-formed or did not validate against our published"
              + " schema: CompleteMultipartUpload names no part");
    }
    int previous = 0;
    for (CompletedPart p : requested) {
      if (p.partNumber() <= previous) {
        throw new ObjectStoreException(
            ObjectError.INVALID_PART_ORDER,
            "The list of parts was not in ascending order. Parts must be ordered by part number:"
                + " part "
                + p.partNumber()
                + " follows part "
                + previous);
      }
      previous = p.partNumber();
    }
    List<PartInfo> chosen = new ArrayList<>(requested.size());
    for (CompletedPart p : requested) {
      PartInfo part = uploaded.get(p.partNumber());
      if (part == null || !part.etag().equals(p.bareEtag())) {
        throw new ObjectStoreException(
            ObjectError.INVALID_PART,
            "One or more of the specified parts could not be found. The part may not have been"
                + " uploaded, or the specified entity tag may not match the part's entity tag:"
                + " part "
                + p.partNumber()
                + (part == null ? " was not uploaded" : " has ETag " + part.etag()));
      }
      chosen.add(part);
    }
    for (int i = 0; i < chosen.size() - 1; i++) {
      PartInfo part = chosen.get(i);
      if (part.size() < MIN_PART_SIZE) {
        throw new ObjectStoreException(
            ObjectError.ENTITY_TOO_SMALL,
            "Your proposed upload is smaller than the minimum allowed size: part "
                + part.partNumber()
                + " is "
                + part.size()
                + " bytes; every part but the last must be at least 5 MiB (5242880 bytes)");
      }
    }
    return List.copyOf(chosen);
  }

  /**
   * The ETag of a completed upload: MD5 of the concatenated binary MD5s of its parts, a dash and
   * the part count.
   */
  public static String etag(List<PartInfo> parts) {
    MessageDigest md5 = md5();
    HexFormat hex = HexFormat.of();
    for (PartInfo p : parts) {
      md5.update(hex.parseHex(p.etag()));
    }
    return hex.formatHex(md5.digest()) + "-" + parts.size();
  }

  /** A fresh MD5 digest (the JDK always has it). */
  public static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
  }

  /** MD5 hex of {@code text}'s UTF-8 bytes (tests and small bodies). */
  public static String md5Hex(byte[] bytes) {
    return HexFormat.of().formatHex(md5().digest(bytes));
  }
}
