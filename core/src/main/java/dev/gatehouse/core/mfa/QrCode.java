package dev.gatehouse.core.mfa;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A QR code symbol (ISO/IEC 18004), versions 1-10, for showing an {@code otpauth://} URI to an
 * authenticator app. Text that is all digits is encoded in numeric mode, anything else in byte mode
 * (UTF-8). The smallest version that fits is used and the mask with the lowest penalty score is
 * chosen.
 */
public final class QrCode {

  private static final int MODE_NUMERIC = 0b0001;
  private static final int MODE_BYTE = 0b0100;
  private static final int MODE_ECI = 0b0111;
  private static final int ECI_UTF8 = 26;

  private final int version;
  private final QrErrorCorrection level;
  private final int mask;
  private final boolean[][] modules;

  private QrCode(int version, QrErrorCorrection level, int mask, boolean[][] modules) {
    this.version = version;
    this.level = level;
    this.mask = mask;
    this.modules = modules;
  }

  /**
   * Encodes {@code text} at {@code level}.
   *
   * @throws IllegalArgumentException when it does not fit in version 10 at that level
   */
  public static QrCode encode(String text, QrErrorCorrection level) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(level, "level");
    boolean numeric = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int version = 1; version <= QrTables.MAX_VERSION; version++) {
      int capacityBits = QrTables.dataCodewords(version, level) * 8;
      BitBuffer bits = numeric ? numericBits(text, version) : byteBits(bytes, version);
      if (bits.length() <= capacityBits) {
        byte[] data = pad(bits, capacityBits / 8);
        return build(version, level, data);
      }
    }
    throw new IllegalArgumentException(
        "text too long for a version " + QrTables.MAX_VERSION + " QR code at level " + level);
  }

  /** Encodes an {@code otpauth://} URI at level M, or L when M does not fit. */
  public static QrCode encodeUri(String uri) {
    try {
      return encode(uri, QrErrorCorrection.M);
    } catch (IllegalArgumentException tooLong) {
      return encode(uri, QrErrorCorrection.L);
    }
  }

  /** The symbol version, 1-10. */
  public int version() {
    return version;
  }

  /** The error correction level. */
  public QrErrorCorrection level() {
    return level;
  }

  /** The mask pattern chosen, 0-7. */
  public int mask() {
    return mask;
  }

  /** Modules per side: 17 + 4 x version. */
  public int size() {
    return modules.length;
  }

  /** True when the module at column x, row y is dark. */
  public boolean isDark(int x, int y) {
    return modules[y][x];
  }

  /** The symbol as a PNG with {@code scale} pixels per module and a 4-module quiet zone. */
  public byte[] toPng(int scale) {
    return PngWriter.write(this, scale, 4);
  }

  static BitBuffer byteBits(byte[] data, int version) {
    BitBuffer bits = new BitBuffer();
    if (!isAscii(data)) {
      // Readers assume ISO-8859-1 for byte mode unless told: announce UTF-8 (ECI 26).
      bits.append(MODE_ECI, 4);
      bits.append(ECI_UTF8, 8);
    }
    bits.append(MODE_BYTE, 4);
    bits.append(data.length, version <= 9 ? 8 : 16);
    for (byte b : data) {
      bits.append(b & 0xFF, 8);
    }
    return bits;
  }

  private static boolean isAscii(byte[] data) {
    for (byte b : data) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  static BitBuffer numericBits(String digits, int version) {
    BitBuffer bits = new BitBuffer();
    bits.append(MODE_NUMERIC, 4);
    bits.append(digits.length(), version <= 9 ? 10 : 12);
    for (int i = 0; i < digits.length(); i += 3) {
      String group = digits.substring(i, Math.min(i + 3, digits.length()));
      bits.append(Integer.parseInt(group), group.length() * 3 + 1);
    }
    return bits;
  }

  /** Terminator (up to four 0 bits), zero bits to a byte boundary, then 0xEC 0x11 pad bytes. */
  static byte[] pad(BitBuffer bits, int dataCodewords) {
    int capacity = dataCodewords * 8;
    bits.append(0, Math.min(4, capacity - bits.length()));
    bits.append(0, (8 - bits.length() % 8) % 8);
    for (int pad = 0xEC; bits.length() < capacity; pad ^= 0xEC ^ 0x11) {
      bits.append(pad, 8);
    }
    return bits.toBytes();
  }

  /** Splits data into blocks, appends each block's Reed-Solomon codewords, interleaves. */
  static byte[] codewords(int version, QrErrorCorrection level, byte[] data) {
    int blocks = QrTables.blocks(version, level);
    int ecLength = QrTables.ecPerBlock(version, level);
    int total = QrTables.totalCodewords(version);
    int shortBlocks = blocks - total % blocks;
    int shortDataLength = total / blocks - ecLength;
    byte[][] dataBlocks = new byte[blocks][];
    byte[][] ecBlocks = new byte[blocks][];
    int offset = 0;
    for (int b = 0; b < blocks; b++) {
      int length = shortDataLength + (b < shortBlocks ? 0 : 1);
      dataBlocks[b] = new byte[length];
      System.arraycopy(data, offset, dataBlocks[b], 0, length);
      offset += length;
      ecBlocks[b] = ReedSolomon.remainder(dataBlocks[b], ecLength);
    }
    byte[] out = new byte[total];
    int k = 0;
    for (int i = 0; i <= shortDataLength; i++) {
      for (int b = 0; b < blocks; b++) {
        if (i < dataBlocks[b].length) {
          out[k++] = dataBlocks[b][i];
        }
      }
    }
    for (int i = 0; i < ecLength; i++) {
      for (int b = 0; b < blocks; b++) {
        out[k++] = ecBlocks[b][i];
      }
    }
    return out;
  }

  private static QrCode build(int version, QrErrorCorrection level, byte[] data) {
    byte[] all = codewords(version, level, data);
    QrCode best = null;
    int bestScore = Integer.MAX_VALUE;
    for (int mask = 0; mask < 8; mask++) {
      QrMatrix m = withMask(version, level, all, mask);
      int score = QrPenalty.score(m.dark);
      if (score < bestScore) {
        bestScore = score;
        best = new QrCode(version, level, mask, m.dark);
      }
    }
    return best;
  }

  /** The symbol with a given mask (for tests and for the mask search). */
  static QrMatrix withMask(int version, QrErrorCorrection level, byte[] codewords, int mask) {
    QrMatrix m = new QrMatrix(version);
    m.placeCodewords(codewords);
    m.applyMask(mask);
    m.drawFormat(QrMatrix.formatBits(level, mask));
    return m;
  }

  /** An append-only bit sequence, most significant bit first. */
  static final class BitBuffer {
    private boolean[] bits = new boolean[64];
    private int length;

    void append(int value, int count) {
      for (int i = count - 1; i >= 0; i--) {
        if (length == bits.length) {
          boolean[] bigger = new boolean[bits.length * 2];
          System.arraycopy(bits, 0, bigger, 0, length);
          bits = bigger;
        }
        bits[length++] = ((value >>> i) & 1) != 0;
      }
    }

    int length() {
      return length;
    }

    byte[] toBytes() {
      byte[] out = new byte[(length + 7) / 8];
      for (int i = 0; i < length; i++) {
        if (bits[i]) {
          out[i >>> 3] |= (byte) (0x80 >>> (i & 7));
        }
      }
      return out;
    }
  }
}
