package dev.gatehouse.core.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodeTest {

  private static final String URI =
      OtpAuthUri.build(
          "Gatehouse",
          "stuart@123456789012",
          "12345678901234567890".getBytes(StandardCharsets.US_ASCII));

  @Test
  void isoWorkedExampleCodewords() {
    // ISO/IEC 18004 annex I: "01234567" in numeric mode, version 1-M.
    QrCode.BitBuffer bits = QrCode.numericBits("01234567", 1);
    byte[] data = QrCode.pad(bits, QrTables.dataCodewords(1, QrErrorCorrection.M));
    assertThat(HexFormat.of().formatHex(data))
        .isEqualTo("10200c56618 0ec11ec11ec11ec11ec11".replace(" ", ""));
    assertThat(HexFormat.of().formatHex(ReedSolomon.remainder(data, 10)))
        .isEqualTo("a524d4c1ed36c7872c55");
    QrCode qr = QrCode.encode("01234567", QrErrorCorrection.M);
    assertThat(qr.version()).isEqualTo(1);
    QrReferenceDecoder.Decoded d = QrReferenceDecoder.decode(qr);
    assertThat(d.flag()).isTrue();
    assertThat(new String(d.payload(), StandardCharsets.US_ASCII)).isEqualTo("01234567");
  }

  @Test
  void reedSolomonCodewordsHaveTheGeneratorRoots() {
    Random random = new Random(18004);
    for (int degree : new int[] {7, 10, 13, 17, 18, 22, 26, 28, 30}) {
      for (int trial = 0; trial < 20; trial++) {
        byte[] data = new byte[1 + random.nextInt(120)];
        random.nextBytes(data);
        byte[] ec = ReedSolomon.remainder(data, degree);
        byte[] codeword = new byte[data.length + degree];
        System.arraycopy(data, 0, codeword, 0, data.length);
        System.arraycopy(ec, 0, codeword, data.length, degree);
        for (int i = 0; i < degree; i++) {
          assertThat(ReedSolomon.evaluate(codeword, i)).isZero();
        }
        codeword[random.nextInt(codeword.length)] ^= (byte) (1 + random.nextInt(255));
        boolean anyNonZero = false;
        for (int i = 0; i < degree; i++) {
          anyNonZero |= ReedSolomon.evaluate(codeword, i) != 0;
        }
        assertThat(anyNonZero).isTrue();
      }
    }
  }

  @Test
  void formatInformationMatchesTheStandardAndIsABchCode() {
    // ISO/IEC 18004 table C.1, mask 0 of each level.
    assertThat(Integer.toBinaryString(QrMatrix.formatBits(QrErrorCorrection.L, 0)))
        .isEqualTo("111011111000100");
    assertThat(Integer.toBinaryString(QrMatrix.formatBits(QrErrorCorrection.M, 0)))
        .isEqualTo("101010000010010");
    assertThat(Integer.toBinaryString(QrMatrix.formatBits(QrErrorCorrection.Q, 0)))
        .isEqualTo("11010101011111");
    assertThat(Integer.toBinaryString(QrMatrix.formatBits(QrErrorCorrection.H, 0)))
        .isEqualTo("1011010001001");
    // BCH(15,5) has minimum distance 7: every pair of the 32 format words differs in >= 7 bits.
    int[] words = new int[32];
    int n = 0;
    for (QrErrorCorrection level : QrErrorCorrection.values()) {
      for (int mask = 0; mask < 8; mask++) {
        words[n++] = QrMatrix.formatBits(level, mask);
      }
    }
    for (int i = 0; i < 32; i++) {
      for (int j = i + 1; j < 32; j++) {
        assertThat(Integer.bitCount(words[i] ^ words[j])).isGreaterThanOrEqualTo(7);
      }
    }
  }

  @Test
  void versionInformationMatchesTheStandard() {
    // ISO/IEC 18004 table D.1.
    assertThat(QrMatrix.versionBits(7)).isEqualTo(0x07C94);
    assertThat(QrMatrix.versionBits(8)).isEqualTo(0x085BC);
    assertThat(QrMatrix.versionBits(9)).isEqualTo(0x09A99);
    assertThat(QrMatrix.versionBits(10)).isEqualTo(0x0A4D3);
  }

  @Test
  void functionPatternsLeaveExactlyTheCodewordModules() {
    for (int v = 1; v <= QrTables.MAX_VERSION; v++) {
      QrMatrix m = new QrMatrix(v);
      int remainderBits = v == 1 || v >= 7 ? 0 : 7;
      assertThat(m.dataModules())
          .as("version %d", v)
          .isEqualTo(QrTables.totalCodewords(v) * 8 + remainderBits);
    }
  }

  @Test
  void byteCapacitiesMatchTheStandard() {
    // ISO/IEC 18004 table 7, byte mode.
    assertCapacity(1, QrErrorCorrection.L, 17);
    assertCapacity(1, QrErrorCorrection.M, 14);
    assertCapacity(1, QrErrorCorrection.Q, 11);
    assertCapacity(1, QrErrorCorrection.H, 7);
    assertCapacity(5, QrErrorCorrection.Q, 60);
    assertCapacity(7, QrErrorCorrection.M, 122);
    assertCapacity(9, QrErrorCorrection.H, 98);
    assertCapacity(10, QrErrorCorrection.L, 271);
    assertCapacity(10, QrErrorCorrection.M, 213);
    assertCapacity(10, QrErrorCorrection.H, 119);
  }

  private static void assertCapacity(int version, QrErrorCorrection level, int bytes) {
    int capacityBits = QrTables.dataCodewords(version, level) * 8;
    assertThat(QrCode.byteBits(new byte[bytes], version).length())
        .isLessThanOrEqualTo(capacityBits);
    assertThat(QrCode.byteBits(new byte[bytes + 1], version).length()).isGreaterThan(capacityBits);
  }

  @Test
  void otpauthUriRoundTripsThroughTheReferenceDecoder() {
    // Level H holds 119 bytes at version 10, less than the URI.
    for (QrErrorCorrection level :
        new QrErrorCorrection[] {QrErrorCorrection.L, QrErrorCorrection.M, QrErrorCorrection.Q}) {
      QrCode qr = QrCode.encode(URI, level);
      QrReferenceDecoder.Decoded d = QrReferenceDecoder.decode(qr);
      assertThat(d.level()).isEqualTo(level);
      assertThat(d.mask()).isEqualTo(qr.mask());
      assertThat(new String(d.payload(), StandardCharsets.UTF_8)).isEqualTo(URI);
    }
  }

  @Test
  void everyVersionAndMaskDecodes() {
    Random random = new Random(42);
    for (int v = 1; v <= QrTables.MAX_VERSION; v++) {
      for (QrErrorCorrection level : QrErrorCorrection.values()) {
        int capacityBytes = QrTables.dataCodewords(v, level) - (v <= 9 ? 2 : 3);
        byte[] text = new byte[capacityBytes];
        for (int i = 0; i < text.length; i++) {
          text[i] = (byte) ('a' + random.nextInt(26));
        }
        String s = new String(text, StandardCharsets.US_ASCII);
        QrCode qr = QrCode.encode(s, level);
        assertThat(qr.version()).as("v%d %s", v, level).isEqualTo(v);
        assertThat(new String(QrReferenceDecoder.decode(qr).payload(), StandardCharsets.US_ASCII))
            .isEqualTo(s);
        assertStructure(qr);
      }
    }
  }

  @Test
  void structureOfTheUriSymbol() {
    QrCode qr = QrCode.encodeUri(URI);
    assertThat(qr.level()).isEqualTo(QrErrorCorrection.M);
    assertThat(qr.version()).isBetween(7, 10);
    assertStructure(qr);
  }

  private static void assertStructure(QrCode qr) {
    int size = qr.size();
    assertThat(size).isEqualTo(17 + 4 * qr.version());
    for (int[] corner : new int[][] {{0, 0}, {size - 7, 0}, {0, size - 7}}) {
      for (int dy = 0; dy < 7; dy++) {
        for (int dx = 0; dx < 7; dx++) {
          int ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3));
          assertThat(qr.isDark(corner[0] + dx, corner[1] + dy)).isEqualTo(ring != 2);
        }
      }
    }
    for (int i = 0; i < 8; i++) { // separators
      assertThat(qr.isDark(7, i)).isFalse();
      assertThat(qr.isDark(i, 7)).isFalse();
      assertThat(qr.isDark(size - 8, i)).isFalse();
      assertThat(qr.isDark(7, size - 1 - i)).isFalse();
    }
    for (int i = 8; i < size - 8; i++) { // timing
      assertThat(qr.isDark(i, 6)).isEqualTo(i % 2 == 0);
      assertThat(qr.isDark(6, i)).isEqualTo(i % 2 == 0);
    }
    assertThat(qr.isDark(8, size - 8)).isTrue(); // dark module
    if (qr.version() >= 7) {
      int bits = QrMatrix.versionBits(qr.version());
      for (int i = 0; i < 18; i++) {
        boolean expected = ((bits >>> i) & 1) != 0;
        assertThat(qr.isDark(size - 11 + i % 3, i / 3)).isEqualTo(expected);
        assertThat(qr.isDark(i / 3, size - 11 + i % 3)).isEqualTo(expected);
      }
    }
  }

  @Test
  void maskChoiceHasTheLowestPenalty() {
    QrCode qr = QrCode.encode(URI, QrErrorCorrection.M);
    byte[] data =
        QrCode.pad(
            QrCode.byteBits(URI.getBytes(StandardCharsets.UTF_8), qr.version()),
            QrTables.dataCodewords(qr.version(), QrErrorCorrection.M));
    byte[] all = QrCode.codewords(qr.version(), QrErrorCorrection.M, data);
    int chosen =
        QrPenalty.score(QrCode.withMask(qr.version(), QrErrorCorrection.M, all, qr.mask()).dark);
    for (int mask = 0; mask < 8; mask++) {
      assertThat(
              QrPenalty.score(QrCode.withMask(qr.version(), QrErrorCorrection.M, all, mask).dark))
          .isGreaterThanOrEqualTo(chosen);
    }
  }

  @Test
  void penaltyRules() {
    boolean[][] allLight = new boolean[5][5];
    // Runs: 10 lines of 5 -> 10 x 3; 2x2 blocks: 16 x 3; balance: 50% off -> 100.
    assertThat(QrPenalty.score(allLight)).isEqualTo(30 + 48 + 100);
    boolean[][] m = new boolean[11][11];
    String pattern = "10111010000";
    for (int i = 0; i < 11; i++) {
      m[0][i] = pattern.charAt(i) == '1';
      m[i][10] = pattern.charAt(10 - i) == '1'; // mirrored down the last column
    }
    assertThat(QrPenalty.finderLike(m, 0, true)).isEqualTo(40);
    assertThat(QrPenalty.finderLike(m, 10, false)).isEqualTo(40);
    assertThat(QrPenalty.finderLike(m, 1, true)).isZero();
    // Row 0 has runs of 1, 1, 3, 1, 1, 4: nothing. Row 1 is one light run of 11: 3 + 6.
    assertThat(QrPenalty.runs(m, 0, true)).isZero();
    assertThat(QrPenalty.runs(m, 1, true)).isEqualTo(9);
    assertThat(QrPenalty.balance(50, 100)).isZero();
    assertThat(QrPenalty.balance(44, 100)).isEqualTo(10);
    assertThat(QrPenalty.balance(60, 100)).isEqualTo(20);
    assertThat(QrPenalty.balance(0, 100)).isEqualTo(100);
    assertThatThrownBy(() -> QrMatrix.maskCondition(8, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nonAsciiTextAnnouncesUtf8() {
    String text = "Zürich é";
    QrReferenceDecoder.Decoded d =
        QrReferenceDecoder.decode(QrCode.encode(text, QrErrorCorrection.M));
    assertThat(d.flag()).isTrue();
    assertThat(new String(d.payload(), StandardCharsets.UTF_8)).isEqualTo(text);
    assertThat(QrReferenceDecoder.decode(QrCode.encode(URI, QrErrorCorrection.M)).flag()).isFalse();
  }

  @Test
  void tooLongIsRefusedAndUriFallsBackToLevelL() {
    String long250 = "x".repeat(250);
    assertThatThrownBy(() -> QrCode.encode(long250, QrErrorCorrection.M))
        .hasMessageContaining("too long");
    assertThat(QrCode.encodeUri(long250).level()).isEqualTo(QrErrorCorrection.L);
    assertThatThrownBy(() -> QrCode.encodeUri("x".repeat(300))).hasMessageContaining("too long");
  }

  @Test
  void pngDecodesToTheModules() throws IOException {
    QrCode qr = QrCode.encodeUri(URI);
    int scale = 3;
    byte[] png = qr.toPng(scale);
    assertCrcs(png);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    int side = (qr.size() + 8) * scale;
    assertThat(image.getWidth()).isEqualTo(side);
    assertThat(image.getHeight()).isEqualTo(side);
    for (int py = 0; py < side; py++) {
      for (int px = 0; px < side; px++) {
        int x = px / scale - 4;
        int y = py / scale - 4;
        boolean dark = x >= 0 && y >= 0 && x < qr.size() && y < qr.size() && qr.isDark(x, y);
        assertThat((image.getRGB(px, py) & 0xFFFFFF) == 0).as("(%d,%d)", px, py).isEqualTo(dark);
      }
    }
    assertThatThrownBy(() -> qr.toPng(0)).hasMessageContaining("scale");
  }

  private static void assertCrcs(byte[] png) {
    int pos = 8;
    while (pos < png.length) {
      int length =
          ((png[pos] & 0xFF) << 24)
              | ((png[pos + 1] & 0xFF) << 16)
              | ((png[pos + 2] & 0xFF) << 8)
              | (png[pos + 3] & 0xFF);
      CRC32 crc = new CRC32();
      crc.update(png, pos + 4, 4 + length);
      int at = pos + 8 + length;
      int stored =
          ((png[at] & 0xFF) << 24)
              | ((png[at + 1] & 0xFF) << 16)
              | ((png[at + 2] & 0xFF) << 8)
              | (png[at + 3] & 0xFF);
      assertThat(stored).isEqualTo((int) crc.getValue());
      pos = at + 4;
    }
    assertThat(pos).isEqualTo(png.length);
  }
}
