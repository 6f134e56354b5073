package dev.gatehouse.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The per-thread MAC, which keeps its key between calls with the same key array. */
class HashingTest {
  @Test
  void macFollowsTheKeyItIsGiven() throws Exception {
    byte[] a = "key-a".getBytes(StandardCharsets.UTF_8);
    byte[] b = "key-b".getBytes(StandardCharsets.UTF_8);
    assertThat(Hashing.hex(Hashing.hmac(a, "data"))).isEqualTo(reference(a, "data"));
    // The same array again: the MAC is still keyed, and its last doFinal reset it.
    assertThat(Hashing.hex(Hashing.hmac(a, "more"))).isEqualTo(reference(a, "more"));
    assertThat(Hashing.hex(Hashing.hmac(b, "data"))).isEqualTo(reference(b, "data"));
    assertThat(Hashing.hex(Hashing.hmac(a, "data"))).isEqualTo(reference(a, "data"));
    // Equal contents in another array: keyed afresh, same answer.
    assertThat(Hashing.hex(Hashing.hmac(a.clone(), "data"))).isEqualTo(reference(a, "data"));
  }

  @Test
  void signingKeysFromTheCacheSignLikeFreshOnes() {
    SigningKeyCache cache = new SigningKeyCache(4);
    SecretAccessKey one = new SecretAccessKey("secret-one");
    SecretAccessKey two = new SecretAccessKey("secret-two");
    CredentialScope scope = CredentialScope.of("20260115", "us-east-1", "sts");
    for (SecretAccessKey secret : new SecretAccessKey[] {one, two, one, one, two}) {
      byte[] fresh = SignatureCalculator.signingKey(secret, "20260115", "us-east-1", "sts");
      assertThat(SignatureCalculator.signature(cache.shared(secret, scope), "to sign"))
          .isEqualTo(SignatureCalculator.signature(fresh, "to sign"));
    }
  }

  private static String reference(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
  }
}
