package dev.gatehouse.core.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Metadata documents: what CreateSAMLProvider accepts and each refusal with its message. */
class SamlMetadataTest {
  static TestIdp idp;

  @BeforeAll
  static void idp() {
    idp = TestIdp.create("https://idp.example.com/metadata");
  }

  @Test
  void theEntityAndItsSigningCertificateAreRead() {
    SamlMetadata m = SamlMetadata.parse(idp.metadata());
    assertThat(m.entityId()).isEqualTo("https://idp.example.com/metadata");
    assertThat(m.signingCertificates()).containsExactly(idp.certificate());
    assertThat(m.validUntil()).isEmpty();
    SamlMetadata until =
        SamlMetadata.parse(
            idp.metadata().replace("entityID=", "validUntil=\"2030-01-01T00:00:00Z\" entityID="));
    assertThat(until.validUntil()).contains(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void encryptionKeysAreNotSigningKeys() {
    String onlyEncryption = idp.metadata().replace("use=\"signing\"", "use=\"encryption\"");
    assertThatThrownBy(() -> SamlMetadata.parse(onlyEncryption))
        .hasMessageContaining("no signing certificate");
    String noUse = idp.metadata().replace(" use=\"signing\"", "");
    assertThat(SamlMetadata.parse(noUse).signingCertificates()).hasSize(1);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not xml at all|could not be parsed",
        "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>|DOCTYPE is not allowed",
        "<x xmlns='urn:other'/>|root element must be an md:EntityDescriptor",
        "<md:EntityDescriptor xmlns:md='urn:oasis:names:tc:SAML:2.0:metadata'/>|has no entityID",
        "<md:EntityDescriptor xmlns:md='urn:oasis:names:tc:SAML:2.0:metadata' entityID='e'/>"
            + "|has no md:IDPSSODescriptor",
        "<md:EntityDescriptor xmlns:md='urn:oasis:names:tc:SAML:2.0:metadata' entityID='e'>"
            + "<md:IDPSSODescriptor/></md:EntityDescriptor>|no signing certificate",
      })
  void invalidDocumentsAreRefusedWithInvalidInput(String document, String message) {
    assertThatThrownBy(() -> SamlMetadata.parse(document))
        .isInstanceOf(GatehouseException.class)
        .hasMessageContaining(message)
        .satisfies(
            e -> assertThat(((GatehouseException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
  }

  @Test
  void badCertificatesAndDatesAreRefused() {
    String b64 = idp.metadata();
    int start = b64.indexOf("<ds:X509Certificate>") + "<ds:X509Certificate>".length();
    int end = b64.indexOf("</ds:X509Certificate>");
    assertThatThrownBy(
            () -> SamlMetadata.parse(b64.substring(0, start) + "!!!" + b64.substring(end)))
        .hasMessageContaining("is not base64");
    assertThatThrownBy(
            () -> SamlMetadata.parse(b64.substring(0, start) + "AAAA" + b64.substring(end)))
        .hasMessageContaining("is not an X.509 certificate");
    assertThatThrownBy(
            () -> SamlMetadata.parse(b64.replace("entityID=", "validUntil=\"tomorrow\" entityID=")))
        .hasMessageContaining("validUntil");
  }

  @Test
  void moreThanTenSigningKeysExceedTheQuota() {
    String m = idp.metadata();
    int start = m.indexOf("<md:KeyDescriptor");
    int end = m.indexOf("</md:KeyDescriptor>") + "</md:KeyDescriptor>".length();
    String key = m.substring(start, end);
    String eleven = m.substring(0, start) + key.repeat(11) + m.substring(end);
    assertThatThrownBy(() -> SamlMetadata.parse(eleven))
        .isInstanceOf(GatehouseException.class)
        .hasMessageContaining("KeysPerSAMLProvider");
  }
}
