package dev.gatehouse.core.mfa;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A naive QR reader for tests, written from ISO/IEC 18004 independently of the encoder's placement
 * code: it reads the format information from the symbol, finds the function modules from the
 * version alone, walks the zig-zag by the column-pair formula, removes the mask, de-interleaves the
 * blocks, checks every block's Reed-Solomon syndromes and parses the segment.
 */
final class QrReferenceDecoder {

  /** {@code flag}: numeric mode for numeric payloads, the UTF-8 ECI for byte payloads. */
  record Decoded(QrErrorCorrection level, int mask, String payloadLatin1, boolean flag) {
    byte[] payload() {
      return payloadLatin1.getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private QrReferenceDecoder() {}

  static Decoded decode(QrCode qr) {
    int size = qr.size();
    int version = (size - 17) / 4;
    // Format copy 1, bit 14 first: row 8 columns 0-5, 7, 8, then column 8 rows 7, 5-0.
    int[][] copy1 = {
      {0, 8}, {1, 8}, {2, 8}, {3, 8}, {4, 8}, {5, 8}, {7, 8}, {8, 8}, {8, 7}, {8, 5}, {8, 4},
      {8, 3}, {8, 2}, {8, 1}, {8, 0}
    };
    int format1 = 0;
    for (int[] xy : copy1) {
      format1 = (format1 << 1) | (qr.isDark(xy[0], xy[1]) ? 1 : 0);
    }
    // Copy 2, bit 14 first: column 8 from the bottom row up (7 bits), then row 8 from column
    // size-8 to the right edge (8 bits).
    int format2 = 0;
    for (int i = 0; i < 7; i++) {
      format2 = (format2 << 1) | (qr.isDark(8, size - 1 - i) ? 1 : 0);
    }
    for (int i = 0; i < 8; i++) {
      format2 = (format2 << 1) | (qr.isDark(size - 8 + i, 8) ? 1 : 0);
    }
    if (format1 != format2) {
      throw new IllegalStateException("format copies differ");
    }
    int unmasked = format1 ^ 0x5412;
    int levelBits = unmasked >>> 13;
    int mask = (unmasked >>> 10) & 7;
    QrErrorCorrection level = null;
    for (QrErrorCorrection l : QrErrorCorrection.values()) {
      if (l.formatBits() == levelBits) {
        level = l;
      }
    }
    if (QrMatrix.formatBits(level, mask) != format1) {
      throw new IllegalStateException("format BCH check failed");
    }

    boolean[][] reserved = reservedModules(version, size);
    List<Boolean> bits = new ArrayList<>();
    for (int pair = 0; pair < (size - 1) / 2; pair++) {
      int right = size - 1 - 2 * pair;
      if (right <= 6) {
        right--; // columns right of the vertical timing pattern shift by one
      }
      boolean upward = pair % 2 == 0;
      for (int k = 0; k < size; k++) {
        int y = upward ? size - 1 - k : k;
        for (int x : new int[] {right, right - 1}) {
          if (!reserved[y][x]) {
            bits.add(qr.isDark(x, y) ^ QrMatrix.maskCondition(mask, x, y));
          }
        }
      }
    }
    int total = QrTables.totalCodewords(version);
    byte[] codewords = new byte[total];
    for (int i = 0; i < total * 8; i++) {
      if (bits.get(i)) {
        codewords[i / 8] |= (byte) (0x80 >>> (i % 8));
      }
    }
    byte[] data = deinterleaveAndCheck(codewords, version, level);
    return parse(data, version, level, mask);
  }

  private static boolean[][] reservedModules(int version, int size) {
    boolean[][] r = new boolean[size][size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        boolean finderArea =
            (x < 9 && y < 9) || (x >= size - 8 && y < 9) || (x < 9 && y >= size - 8);
        boolean timing = x == 6 || y == 6;
        boolean versionArea =
            version >= 7
                && ((x >= size - 11 && x < size - 8 && y < 6)
                    || (y >= size - 11 && y < size - 8 && x < 6));
        r[y][x] = finderArea || timing || versionArea;
      }
    }
    int[] c = QrTables.alignmentCentres(version);
    for (int cy : c) {
      for (int cx : c) {
        // Alignment patterns go everywhere on the grid of centres except on the finders.
        boolean onFinder =
            (cx < 9 && cy < 9) || (cx >= size - 8 && cy < 9) || (cx < 9 && cy >= size - 8);
        if (!onFinder) {
          for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
              r[cy + dy][cx + dx] = true;
            }
          }
        }
      }
    }
    return r;
  }

  private static byte[] deinterleaveAndCheck(byte[] all, int version, QrErrorCorrection level) {
    int blocks = QrTables.blocks(version, level);
    int ec = QrTables.ecPerBlock(version, level);
    int dataTotal = QrTables.dataCodewords(version, level);
    int shortLength = dataTotal / blocks;
    int longBlocks = dataTotal % blocks;
    List<ByteArrayOutputStream> block = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      block.add(new ByteArrayOutputStream());
    }
    int k = 0;
    for (int i = 0; i < shortLength + 1; i++) {
      for (int b = 0; b < blocks; b++) {
        boolean isLong = b >= blocks - longBlocks;
        if (i < shortLength || isLong) {
          block.get(b).write(all[k++]);
        }
      }
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (ByteArrayOutputStream b : block) {
      data.writeBytes(b.toByteArray());
    }
    for (int i = 0; i < ec; i++) {
      for (int b = 0; b < blocks; b++) {
        block.get(b).write(all[k++]);
      }
    }
    for (ByteArrayOutputStream b : block) {
      byte[] codeword = b.toByteArray();
      for (int i = 0; i < ec; i++) {
        if (ReedSolomon.evaluate(codeword, i) != 0) {
          throw new IllegalStateException("Reed-Solomon syndrome " + i + " is not zero");
        }
      }
    }
    return data.toByteArray();
  }

  private static Decoded parse(byte[] data, int version, QrErrorCorrection level, int mask) {
    BitReader in = new BitReader(data);
    int mode = in.read(4);
    boolean utf8 = false;
    if (mode == 0b0111) {
      utf8 = in.read(8) == 26;
      mode = in.read(4);
    }
    if (mode == 0b0100) {
      int n = in.read(version <= 9 ? 8 : 16);
      byte[] payload = new byte[n];
      for (int i = 0; i < n; i++) {
        payload[i] = (byte) in.read(8);
      }
      return new Decoded(level, mask, new String(payload, StandardCharsets.ISO_8859_1), utf8);
    }
    if (mode == 0b0001) {
      int n = in.read(version <= 9 ? 10 : 12);
      StringBuilder digits = new StringBuilder();
      while (digits.length() < n) {
        int group = Math.min(3, n - digits.length());
        String s = Integer.toString(in.read(group * 3 + 1));
        digits.append("0".repeat(group - s.length())).append(s);
      }
      return new Decoded(level, mask, digits.toString(), true);
    }
    throw new IllegalStateException("unexpected mode " + mode);
  }

  private static final class BitReader {
    private final byte[] data;
    private int pos;

    BitReader(byte[] data) {
      this.data = data;
    }

    int read(int n) {
      int v = 0;
      for (int i = 0; i < n; i++) {
        int bit = (data[pos / 8] >>> (7 - pos % 8)) & 1;
        v = (v << 1) | bit;
        pos++;
      }
      return v;
    }
  }
}
