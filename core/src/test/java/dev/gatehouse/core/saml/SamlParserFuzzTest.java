package dev.gatehouse.core.saml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.core.error.GatehouseException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * Fuzzes the SAML readers: whatever the bytes, a SAML response (base64 of them) is either verified
 * or refused with an AWS error, and a metadata document is either read or refused with
 * InvalidInput; nothing else escapes (no parser exception, no stack overflow, no unbounded work).
 * The seed corpus under SamlParserFuzzTestInputs replays in every build; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class SamlParserFuzzTest {
  private static final TestIdp IDP = TestIdp.create("https://idp.example.com/metadata");
  private static final SamlMetadata METADATA = SamlMetadata.parse(IDP.metadata());
  private static final SamlResponseVerifier VERIFIER =
      new SamlResponseVerifier(SamlSettings.aws(), Clock.systemUTC());

  @FuzzTest(maxDuration = "10s")
  void samlReadersRefuseOnlyWithAwsErrors(byte[] input) {
    String encoded = Base64.getEncoder().encodeToString(input);
    try {
      SamlAssertion a = VERIFIER.verify(encoded, METADATA);
      // only a response signed with the test IdP's key can get here
      assertThat(a.issuer()).isEqualTo(IDP.entityId());
    } catch (GatehouseException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    try {
      SamlMetadata m = SamlMetadata.parse(new String(input, StandardCharsets.UTF_8));
      assertThat(m.signingCertificates()).isNotEmpty();
    } catch (GatehouseException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
