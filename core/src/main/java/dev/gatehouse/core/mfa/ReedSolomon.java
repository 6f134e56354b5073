package dev.gatehouse.core.mfa;

/**
 * Reed-Solomon error-correction codewords over GF(2^8) with the QR field polynomial x^8 + x^4 + x^3
 * + x^2 + 1 (0x11D) and generator roots α^0 .. α^(n-1), α = 2 (ISO/IEC 18004 section 7.5.2).
 */
final class ReedSolomon {

  private static final int[] EXP = new int[512];
  private static final int[] LOG = new int[256];

  static {
    int x = 1;
    for (int i = 0; i < 255; i++) {
      EXP[i] = x;
      LOG[x] = i;
      x <<= 1;
      if (x >= 256) {
        x ^= 0x11D;
      }
    }
    for (int i = 255; i < EXP.length; i++) {
      EXP[i] = EXP[i - 255];
    }
  }

  private ReedSolomon() {}

  static int multiply(int a, int b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return EXP[LOG[a] + LOG[b]];
  }

  /** α^i. */
  static int power(int i) {
    return EXP[Math.floorMod(i, 255)];
  }

  /**
   * Coefficients of the generator polynomial Π(x - α^i), i = 0..degree-1, highest power first,
   * leading 1 omitted.
   */
  static int[] generator(int degree) {
    int[] g = new int[degree + 1];
    g[0] = 1;
    for (int i = 0; i < degree; i++) {
      int root = power(i);
      // Multiply g by (x + root); in GF(2^8) subtraction is addition (XOR).
      for (int j = i + 1; j > 0; j--) {
        g[j] = g[j] ^ multiply(g[j - 1], root);
      }
    }
    int[] withoutLeading = new int[degree];
    System.arraycopy(g, 1, withoutLeading, 0, degree);
    return withoutLeading;
  }

  /** The {@code degree} error-correction codewords of {@code data}: data(x)·x^n mod g(x). */
  static byte[] remainder(byte[] data, int degree) {
    int[] g = generator(degree);
    int[] r = new int[degree];
    for (byte b : data) {
      int factor = (b & 0xFF) ^ r[0];
      System.arraycopy(r, 1, r, 0, degree - 1);
      r[degree - 1] = 0;
      for (int i = 0; i < degree; i++) {
        r[i] ^= multiply(g[i], factor);
      }
    }
    byte[] out = new byte[degree];
    for (int i = 0; i < degree; i++) {
      out[i] = (byte) r[i];
    }
    return out;
  }

  /** c(α^i) for a codeword c given highest power first: all zero for a valid codeword. */
  static int evaluate(byte[] codeword, int i) {
    int x = power(i);
    int y = 0;
    for (byte b : codeword) {
      y = multiply(y, x) ^ (b & 0xFF);
    }
    return y;
  }
}
