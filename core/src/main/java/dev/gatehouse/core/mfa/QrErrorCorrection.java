package dev.gatehouse.core.mfa;

/** QR code error correction levels (ISO/IEC 18004 section 7.5) and their format-info bits. */
public enum QrErrorCorrection {
  /** Recovers about 7% of codewords. */
  L(1),
  /** Recovers about 15% of codewords. */
  M(0),
  /** Recovers about 25% of codewords. */
  Q(3),
  /** Recovers about 30% of codewords. */
  H(2);

  private final int formatBits;

  QrErrorCorrection(int formatBits) {
    this.formatBits = formatBits;
  }

  /** The two bits this level contributes to the format information. */
  int formatBits() {
    return formatBits;
  }
}
