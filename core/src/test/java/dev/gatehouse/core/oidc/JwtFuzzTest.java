package dev.gatehouse.core.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the JWT parser and the key-set parser: whatever the bytes, parsing a token either yields
 * one whose parts read back or throws InvalidIdentityToken; a key set either parses or throws
 * IOException; nothing else escapes. The seed corpus under JwtFuzzTestInputs replays in every
 * build; {@code JAZZER_FUZZ=1} fuzzes.
 */
class JwtFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void parserRefusesOnlyWithInvalidIdentityToken(byte[] input) {
    String token = new String(input, StandardCharsets.UTF_8);
    Jwt jwt;
    try {
      jwt = Jwt.parse(token);
    } catch (GatehouseException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_IDENTITY_TOKEN);
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(jwt.algorithm()).isNotNull();
    assertThat(token).startsWith(new String(jwt.signingInput(), StandardCharsets.US_ASCII));
    for (String claim : new String[] {"aud", "amr"}) {
      try {
        assertThat(jwt.strings(claim)).doesNotContainNull();
      } catch (GatehouseException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_IDENTITY_TOKEN);
      }
    }
    for (String claim : new String[] {"exp", "nbf", "iat"}) {
      try {
        jwt.seconds(claim).ifPresent(s -> assertThat(s).isNotNegative());
      } catch (GatehouseException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_IDENTITY_TOKEN);
      }
    }
    // Verification of any parsed token with an unsupported algorithm or no key is a plain refusal.
    assertThat(JwtSignatures.verify("none", null, jwt.signingInput(), jwt.signature())).isFalse();
    try {
      Jwks.parse(token);
    } catch (IOException e) {
      assertThat(e).isNotNull();
    }
  }
}
