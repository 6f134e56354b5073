package dev.gatehouse.core.mfa;

/**
 * Per-version constants of QR code versions 1-10 (ISO/IEC 18004 tables 1, 9 and annex E). Ten
 * versions hold up to 271 bytes at level L and 213 at level M, more than an {@code otpauth://} URI
 * needs.
 */
final class QrTables {

  /** Highest version supported. */
  static final int MAX_VERSION = 10;

  // Total codewords (data + error correction) per version, index 0 unused.
  private static final int[] TOTAL_CODEWORDS = {0, 26, 44, 70, 100, 134, 172, 196, 242, 292, 346};

  // Error-correction codewords per block, by level (rows L, M, Q, H) and version.
  private static final int[][] EC_PER_BLOCK = {
    {0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18},
    {0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26},
    {0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24},
    {0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28},
  };

  // Number of error-correction blocks, same indexing.
  private static final int[][] BLOCKS = {
    {0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4},
    {0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5},
    {0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8},
    {0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8},
  };

  // Alignment pattern centre coordinates (annex E), index 0 and 1 empty.
  private static final int[][] ALIGNMENT = {
    {},
    {},
    {6, 18},
    {6, 22},
    {6, 26},
    {6, 30},
    {6, 34},
    {6, 22, 38},
    {6, 24, 42},
    {6, 26, 46},
    {6, 28, 50},
  };

  private QrTables() {}

  static int size(int version) {
    return 17 + 4 * version;
  }

  static int totalCodewords(int version) {
    return TOTAL_CODEWORDS[version];
  }

  static int ecPerBlock(int version, QrErrorCorrection level) {
    return EC_PER_BLOCK[row(level)][version];
  }

  static int blocks(int version, QrErrorCorrection level) {
    return BLOCKS[row(level)][version];
  }

  static int dataCodewords(int version, QrErrorCorrection level) {
    return totalCodewords(version) - ecPerBlock(version, level) * blocks(version, level);
  }

  private static int row(QrErrorCorrection level) {
    return switch (level) {
      case L -> 0;
      case M -> 1;
      case Q -> 2;
      case H -> 3;
    };
  }

  static int[] alignmentCentres(int version) {
    return ALIGNMENT[version].clone();
  }
}
