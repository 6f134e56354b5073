package dev.gatehouse.core.mfa;

/**
 * The module grid of one QR symbol under construction: function patterns, format and version
 * information, and the zig-zag placement of codewords (ISO/IEC 18004 sections 6.3, 7.7-7.10).
 * Coordinates are (x = column, y = row), origin top-left.
 */
final class QrMatrix {

  final int version;
  final int size;
  final boolean[][] dark; // [y][x]
  final boolean[][] function; // [y][x]: finder, separator, timing, alignment, format, version

  QrMatrix(int version) {
    this.version = version;
    this.size = QrTables.size(version);
    this.dark = new boolean[size][size];
    this.function = new boolean[size][size];
    drawFunctionPatterns();
  }

  private void set(int x, int y, boolean isDark) {
    dark[y][x] = isDark;
    function[y][x] = true;
  }

  private void drawFunctionPatterns() {
    // Timing patterns first; finders and alignments overwrite their ends.
    for (int i = 0; i < size; i++) {
      set(6, i, i % 2 == 0);
      set(i, 6, i % 2 == 0);
    }
    drawFinder(3, 3);
    drawFinder(size - 4, 3);
    drawFinder(3, size - 4);
    int[] centres = QrTables.alignmentCentres(version);
    int last = centres.length - 1;
    for (int i = 0; i < centres.length; i++) {
      for (int j = 0; j < centres.length; j++) {
        boolean nearFinder = (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0);
        if (!nearFinder) {
          drawAlignment(centres[i], centres[j]);
        }
      }
    }
    // Reserve the format areas (filled for real once the mask is known) and the dark module.
    drawFormat(0);
    drawVersion();
  }

  /** A 7x7 finder centred at (cx, cy) with its one-module light separator. */
  private void drawFinder(int cx, int cy) {
    for (int dy = -4; dy <= 4; dy++) {
      for (int dx = -4; dx <= 4; dx++) {
        int x = cx + dx;
        int y = cy + dy;
        if (x >= 0 && x < size && y >= 0 && y < size) {
          int ring = Math.max(Math.abs(dx), Math.abs(dy));
          set(x, y, ring != 2 && ring != 4);
        }
      }
    }
  }

  private void drawAlignment(int cx, int cy) {
    for (int dy = -2; dy <= 2; dy++) {
      for (int dx = -2; dx <= 2; dx++) {
        set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) != 1);
      }
    }
  }

  /**
   * The 15 format bits: level (2 bits) and mask (3 bits), BCH(15,5) with generator 0x537, XOR
   * 0x5412 (ISO/IEC 18004 section 7.9.1).
   */
  static int formatBits(QrErrorCorrection level, int mask) {
    int data = (level.formatBits() << 3) | mask;
    int rem = data;
    for (int i = 0; i < 10; i++) {
      rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    }
    return ((data << 10) | rem) ^ 0x5412;
  }

  /** The 18 version bits: version (6 bits), BCH(18,6) with generator 0x1F25 (section 7.10). */
  static int versionBits(int version) {
    int rem = version;
    for (int i = 0; i < 12; i++) {
      rem = (rem << 1) ^ ((rem >>> 11) * 0x1F25);
    }
    return (version << 12) | rem;
  }

  /** Writes both copies of the format information; bit 14 is the most significant. */
  void drawFormat(int bits) {
    // Around the top-left finder: column 8 rows 0-5, 7, 8, then row 8 columns 7, 5-0.
    for (int i = 0; i <= 5; i++) {
      set(8, i, bit(bits, i));
    }
    set(8, 7, bit(bits, 6));
    set(8, 8, bit(bits, 7));
    set(7, 8, bit(bits, 8));
    for (int i = 9; i < 15; i++) {
      set(14 - i, 8, bit(bits, i));
    }
    // Second copy: row 8 right of the bottom... top-right finder, column 8 below the bottom-left.
    for (int i = 0; i < 8; i++) {
      set(size - 1 - i, 8, bit(bits, i));
    }
    for (int i = 8; i < 15; i++) {
      set(8, size - 15 + i, bit(bits, i));
    }
    set(8, size - 8, true); // the dark module
  }

  private void drawVersion() {
    if (version < 7) {
      return;
    }
    int bits = versionBits(version);
    for (int i = 0; i < 18; i++) {
      int a = size - 11 + i % 3;
      int b = i / 3;
      set(a, b, bit(bits, i));
      set(b, a, bit(bits, i));
    }
  }

  /** Places codeword bits in the zig-zag order, skipping function modules. */
  void placeCodewords(byte[] codewords) {
    int bitIndex = 0;
    int totalBits = codewords.length * 8;
    boolean upward = true;
    for (int right = size - 1; right >= 1; right -= 2) {
      if (right == 6) {
        right = 5; // the vertical timing pattern is never part of a column pair
      }
      for (int k = 0; k < size; k++) {
        int y = upward ? size - 1 - k : k;
        for (int j = 0; j < 2; j++) {
          int x = right - j;
          if (!function[y][x]) {
            // Remainder bits past the last codeword stay light.
            dark[y][x] = bitIndex < totalBits && bit(codewords[bitIndex >>> 3], 7 - (bitIndex & 7));
            bitIndex++;
          }
        }
      }
      upward = !upward;
    }
  }

  /** Flips every non-function module where mask pattern {@code mask} is true (section 7.8.2). */
  void applyMask(int mask) {
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (!function[y][x] && maskCondition(mask, x, y)) {
          dark[y][x] = !dark[y][x];
        }
      }
    }
  }

  static boolean maskCondition(int mask, int x, int y) {
    int i = y;
    int j = x;
    return switch (mask) {
      case 0 -> (i + j) % 2 == 0;
      case 1 -> i % 2 == 0;
      case 2 -> j % 3 == 0;
      case 3 -> (i + j) % 3 == 0;
      case 4 -> (i / 2 + j / 3) % 2 == 0;
      case 5 -> (i * j) % 2 + (i * j) % 3 == 0;
      case 6 -> ((i * j) % 2 + (i * j) % 3) % 2 == 0;
      case 7 -> ((i + j) % 2 + (i * j) % 3) % 2 == 0;
      default -> throw new IllegalArgumentException("mask " + mask);
    };
  }

  /** Count of modules that carry codeword (or remainder) bits. */
  int dataModules() {
    int n = 0;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (!function[y][x]) {
          n++;
        }
      }
    }
    return n;
  }

  private static boolean bit(int value, int i) {
    return ((value >>> i) & 1) != 0;
  }
}
