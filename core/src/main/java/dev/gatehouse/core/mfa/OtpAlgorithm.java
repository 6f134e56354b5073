package dev.gatehouse.core.mfa;

/** The HMAC behind HOTP/TOTP. AWS virtual MFA uses SHA-1; the others exist for RFC 6238. */
public enum OtpAlgorithm {
  SHA1("HmacSHA1", "SHA1"),
  SHA256("HmacSHA256", "SHA256"),
  SHA512("HmacSHA512", "SHA512");

  private final String jcaName;
  private final String uriName;

  OtpAlgorithm(String jcaName, String uriName) {
    this.jcaName = jcaName;
    this.uriName = uriName;
  }

  /** The {@code javax.crypto.Mac} algorithm name. */
  public String jcaName() {
    return jcaName;
  }

  /** The value of the {@code algorithm} parameter of an {@code otpauth://} URI. */
  public String uriName() {
    return uriName;
  }
}
