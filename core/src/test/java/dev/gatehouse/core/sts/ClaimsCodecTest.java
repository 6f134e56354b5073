package dev.gatehouse.core.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClaimsCodecTest {

  @Test
  void roundTrip() {
    for (SessionClaims c : new SessionClaims[] {Claims.role(), Claims.federated()}) {
      assertThat(ClaimsCodec.decode(ClaimsCodec.encode(c))).isEqualTo(c);
    }
  }

  @Test
  void strictDecoding() {
    byte[] good = ClaimsCodec.encode(Claims.role());
    for (int len = 0; len < good.length; len++) {
      byte[] cut = Arrays.copyOf(good, len);
      assertThatThrownBy(() -> ClaimsCodec.decode(cut))
          .isInstanceOf(IllegalArgumentException.class);
    }
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> ClaimsCodec.decode(trailing)).hasMessageContaining("trailing");
    byte[] kind = good.clone();
    kind[0] = 9;
    assertThatThrownBy(() -> ClaimsCodec.decode(kind)).hasMessageContaining("principal kind");
    // A varint that never ends, and one that overflows int.
    assertThatThrownBy(
            () ->
                ClaimsCodec.decode(
                    new byte[] {
                      1, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0
                    }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                ClaimsCodec.decode(
                    new byte[] {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}))
        .isInstanceOf(IllegalArgumentException.class);
    // Malformed UTF-8 in the session id.
    assertThatThrownBy(() -> ClaimsCodec.decode(new byte[] {1, 1, (byte) 0xC3}))
        .hasMessageContaining("UTF-8");
  }

  @Test
  void badMfaFlag() {
    SessionClaims c = Claims.federated();
    byte[] b = ClaimsCodec.encode(c);
    // The MFA flag follows the two timestamps; find it by encoding a variant with MFA.
    int at = indexOfMfaFlag(b);
    b[at] = 7;
    assertThatThrownBy(() -> ClaimsCodec.decode(b)).hasMessageContaining("MFA");
  }

  private static int indexOfMfaFlag(byte[] encoded) {
    // kind(1) + "fed0"(5) + "aws"(4) + account(13) + userArn + userId + name + origin + source
    int pos = 1 + 5 + 4 + 13;
    pos += 1 + "arn:aws:iam::123456789012:user/Bob".length();
    pos += 1 + "AIDABOBEXAMPLE123456".length();
    pos += 1 + "Bob".length();
    pos += 1 + "AIDABOBEXAMPLE123456".length();
    pos += 1; // empty source identity
    pos += 16; // two timestamps
    assertThat(encoded[pos]).isEqualTo((byte) 0);
    return pos;
  }
}
