package dev.gatehouse.core.mfa;

/**
 * The mask evaluation score of ISO/IEC 18004 section 7.8.3: lower is better. Rules: runs of five or
 * more same-coloured modules in a row or column (3 + run - 5), 2x2 blocks of one colour (3 each),
 * finder-like 1:1:3:1:1 patterns with four light modules on one side (40 each), and the dark
 * proportion's distance from 50% (10 per 5%).
 */
final class QrPenalty {

  private static final boolean[] FINDER_LIKE_BEFORE = pattern("00001011101");
  private static final boolean[] FINDER_LIKE_AFTER = pattern("10111010000");

  private QrPenalty() {}

  static int score(boolean[][] dark) {
    int size = dark.length;
    int score = 0;
    for (int i = 0; i < size; i++) {
      score += runs(dark, i, true) + runs(dark, i, false);
      score += finderLike(dark, i, true) + finderLike(dark, i, false);
    }
    for (int y = 0; y < size - 1; y++) {
      for (int x = 0; x < size - 1; x++) {
        boolean c = dark[y][x];
        if (c == dark[y][x + 1] && c == dark[y + 1][x] && c == dark[y + 1][x + 1]) {
          score += 3;
        }
      }
    }
    int darkCount = 0;
    for (boolean[] row : dark) {
      for (boolean d : row) {
        if (d) {
          darkCount++;
        }
      }
    }
    return score + balance(darkCount, size * size);
  }

  /** 10 points per full 5% that the dark proportion is away from 50%. */
  static int balance(int darkCount, int total) {
    int fivePercentSteps = Math.abs(darkCount * 20 - total * 10) / total;
    return 10 * fivePercentSteps;
  }

  private static boolean at(boolean[][] dark, int line, int k, boolean horizontal) {
    return horizontal ? dark[line][k] : dark[k][line];
  }

  static int runs(boolean[][] dark, int line, boolean horizontal) {
    int score = 0;
    int run = 1;
    for (int k = 1; k <= dark.length; k++) {
      if (k < dark.length && at(dark, line, k, horizontal) == at(dark, line, k - 1, horizontal)) {
        run++;
      } else {
        if (run >= 5) {
          score += 3 + run - 5;
        }
        run = 1;
      }
    }
    return score;
  }

  static int finderLike(boolean[][] dark, int line, boolean horizontal) {
    int score = 0;
    for (int start = 0; start + 11 <= dark.length; start++) {
      if (matches(dark, line, start, horizontal, FINDER_LIKE_BEFORE)
          || matches(dark, line, start, horizontal, FINDER_LIKE_AFTER)) {
        score += 40;
      }
    }
    return score;
  }

  private static boolean matches(
      boolean[][] dark, int line, int start, boolean horizontal, boolean[] pattern) {
    for (int k = 0; k < pattern.length; k++) {
      if (at(dark, line, start + k, horizontal) != pattern[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean[] pattern(String bits) {
    boolean[] p = new boolean[bits.length()];
    for (int i = 0; i < p.length; i++) {
      p[i] = bits.charAt(i) == '1';
    }
    return p;
  }
}
