package dev.gatehouse.core.mfa;

import java.nio.charset.StandardCharsets;

/**
 * The {@code otpauth://totp/...} URI that authenticator apps read from a QR code, per the Key URI
 * Format (Google Authenticator wiki): {@code otpauth://totp/ISSUER:ACCOUNT?secret=BASE32
 * &issuer=ISSUER&algorithm=SHA1&digits=6&period=30}.
 *
 * <p>The label's issuer and account are percent-encoded separately and joined by a literal colon;
 * spaces become {@code %20} (not {@code +}); the secret is unpadded base32.
 */
public final class OtpAuthUri {

  private OtpAuthUri() {}

  /**
   * The URI for {@code seed}.
   *
   * @param issuer who the account is with, e.g. {@code Gatehouse} (may not contain a colon)
   * @param account the account label, e.g. {@code stuart@123456789012}
   * @throws IllegalArgumentException when the issuer or account is empty or the issuer has a colon
   */
  public static String build(String issuer, String account, byte[] seed, Totp totp) {
    if (issuer.isEmpty() || account.isEmpty()) {
      throw new IllegalArgumentException("issuer and account must not be empty");
    }
    if (issuer.indexOf(':') >= 0) {
      throw new IllegalArgumentException("issuer must not contain a colon");
    }
    return "otpauth://totp/"
        + encode(issuer)
        + ":"
        + encode(account)
        + "?secret="
        + Base32.encodeUnpadded(seed)
        + "&issuer="
        + encode(issuer)
        + "&algorithm="
        + totp.algorithm().uriName()
        + "&digits="
        + totp.digits()
        + "&period="
        + totp.stepSeconds();
  }

  /** The URI for {@code seed} with {@link Totp#DEFAULT}. */
  public static String build(String issuer, String account, byte[] seed) {
    return build(issuer, account, seed, Totp.DEFAULT);
  }

  /** RFC 3986 percent-encoding of everything but unreserved characters (and {@code @}). */
  static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '@') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }
}
