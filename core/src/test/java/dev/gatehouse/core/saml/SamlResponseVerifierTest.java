package dev.gatehouse.core.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Each check of the SAML response verifier, accepting and refusing, on responses signed here. */
class SamlResponseVerifierTest {
  static final String ENTITY = "https://idp.example.com/metadata";
  static final String ROLE = "arn:aws:iam::123456789012:role/Federated";
  static final String PROVIDER = "arn:aws:iam::123456789012:saml-provider/Corp";

  static TestIdp idp;
  static SamlMetadata metadata;
  static SamlResponseVerifier verifier;

  @BeforeAll
  static void idp() {
    idp = TestIdp.create(ENTITY);
    metadata = SamlMetadata.parse(idp.metadata());
    verifier =
        new SamlResponseVerifier(
            new SamlSettings(
                Set.of("https://gatehouse.example.com/saml"),
                Set.of("https://gatehouse.example.com/saml"),
                Duration.ofMinutes(5)),
            Clock.systemUTC());
  }

  private static TestIdp.Response valid() {
    return idp.response().role(ROLE, PROVIDER, "alice");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(
      String encoded, ErrorCode code) {
    return assertThatThrownBy(() -> verifier.verify(encoded, metadata))
        .isInstanceOf(GatehouseException.class)
        .satisfies(e -> assertThat(((GatehouseException) e).code()).isEqualTo(code));
  }

  @Test
  void aSignedAssertionIsReadWithItsSubjectRecipientAndAttributes() {
    SamlAssertion a = verifier.verify(valid().attribute("x", "1", "2").encoded(), metadata);
    assertThat(a.issuer()).isEqualTo(ENTITY);
    assertThat(a.subject()).isEqualTo("alice@example.com");
    assertThat(a.subjectType()).isEqualTo("persistent");
    assertThat(a.recipient()).isEqualTo(TestIdp.AWS_SAML);
    assertThat(a.values(TestIdp.ROLE)).containsExactly(ROLE + "," + PROVIDER);
    assertThat(a.values("x")).containsExactly("1", "2");
    assertThat(a.values("absent")).isEmpty();
    assertThat(a.sessionNotOnOrAfter()).isEmpty();
  }

  @Test
  void aSignedResponseAloneOrBothSignaturesAreAccepted() {
    assertThat(verifier.verify(valid().signAssertion(false).signResponse(true).encoded(), metadata))
        .extracting(SamlAssertion::subject)
        .isEqualTo("alice@example.com");
    Instant end = Instant.now().plusSeconds(120);
    SamlAssertion both =
        verifier.verify(valid().signResponse(true).sessionNotOnOrAfter(end).encoded(), metadata);
    assertThat(both.sessionNotOnOrAfter()).contains(end);
  }

  @Test
  void rsaSha512AndDeploymentAudienceAreAccepted() {
    String own = "https://gatehouse.example.com/saml";
    SamlAssertion a =
        verifier.verify(
            valid()
                .algorithms(
                    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", DigestMethod.SHA512)
                .audience(own)
                .recipient(own)
                .encoded(),
            metadata);
    assertThat(a.recipient()).isEqualTo(own);
    assertThat(
            verifier
                .verify(valid().audience("urn:amazon:webservices").encoded(), metadata)
                .issuer())
        .isEqualTo(ENTITY);
    assertThat(
            verifier
                .verify(
                    valid().recipient("https://us-east-1.signin.aws.amazon.com/saml").encoded(),
                    metadata)
                .recipient())
        .isEqualTo("https://us-east-1.signin.aws.amazon.com/saml");
  }

  @Test
  void anUnsignedResponseIsRefused() {
    refused(valid().signAssertion(false).encoded(), ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("neither the Response nor the Assertion is signed");
  }

  @Test
  void aTamperedAttributeBreaksTheSignature() {
    Document doc = valid().signedDocument();
    Node value = doc.getElementsByTagNameNS(TestIdp.A, "AttributeValue").item(1); // RoleSessionName
    value.setTextContent("admin");
    refused(TestIdp.encode(doc), ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("Assertion's signature does not verify");
  }

  @Test
  void aTamperedResponseBreaksTheResponseSignature() {
    Document doc = valid().signAssertion(false).signResponse(true).signedDocument();
    doc.getElementsByTagNameNS(TestIdp.A, "NameID").item(0).setTextContent("root");
    refused(TestIdp.encode(doc), ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("Response's signature does not verify");
  }

  @Test
  void wrappedSignatureAttackWithTheSignedAssertionMovedAndAnEvilOneInsertedIsRefused() {
    Document doc = valid().signedDocument();
    Element response = doc.getDocumentElement();
    Element signed = (Element) doc.getElementsByTagNameNS(TestIdp.A, "Assertion").item(0);
    Element evil = (Element) signed.cloneNode(true);
    evil.setAttributeNS(null, "ID", "_evil");
    evil.getElementsByTagNameNS(TestIdp.A, "AttributeValue").item(1).setTextContent("admin");
    // the signed assertion moves into Extensions; the evil one takes its place
    Element extensions = doc.createElementNS(TestIdp.P, "samlp:Extensions");
    response.replaceChild(evil, signed);
    extensions.appendChild(signed);
    response.insertBefore(extensions, response.getFirstChild().getNextSibling());
    refused(TestIdp.encode(doc), ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("exactly one Assertion");
  }

  @Test
  void wrappedSignatureAttackWithTheSignedAssertionInsideTheEvilOneIsRefused() {
    Document doc = valid().signedDocument();
    Element response = doc.getDocumentElement();
    Element signed = (Element) doc.getElementsByTagNameNS(TestIdp.A, "Assertion").item(0);
    Element evil = (Element) signed.cloneNode(true);
    evil.setAttributeNS(null, "ID", "_evil");
    Node evilSignature =
        evil.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").item(0);
    evil.removeChild(evilSignature);
    response.replaceChild(evil, signed);
    evil.appendChild(signed);
    refused(TestIdp.encode(doc), ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("exactly one Assertion");
  }

  @Test
  void duplicateIdsAreRefused() {
    Document doc = valid().signedDocument();
    Element response = doc.getDocumentElement();
    Element signed = (Element) doc.getElementsByTagNameNS(TestIdp.A, "Assertion").item(0);
    Element evil = (Element) signed.cloneNode(true);
    response.insertBefore(evil, signed);
    refused(TestIdp.encode(doc), ErrorCode.INVALID_IDENTITY_TOKEN).hasMessageContaining("same ID");
  }

  @Test
  void aSignatureWhoseReferenceNamesAnotherElementIsRefused() {
    TestIdp.Response r = valid().signAssertion(false);
    Document doc = r.signedDocument();
    // a valid signature over the assertion, but placed on the Response
    r.sign(doc.getDocumentElement(), "_assert1");
    refused(TestIdp.encode(doc), ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("Reference does not point at the signed element's ID");
  }

  @Test
  void aSignatureElsewhereIsRefused() {
    Document doc = valid().signedDocument();
    Element signature =
        (Element)
            doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature").item(0);
    Element subject = (Element) doc.getElementsByTagNameNS(TestIdp.A, "Subject").item(0);
    subject.appendChild(signature);
    refused(TestIdp.encode(doc), ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("direct child of the Response or of the Assertion");
  }

  @Test
  void aCertificateNotInTheMetadataIsRefused() {
    TestIdp impostor = idp.impostor();
    refused(
            impostor.response().role(ROLE, PROVIDER, "alice").encoded(),
            ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("does not verify with the provider's certificates");
  }

  @Test
  void sha1SignaturesAndDigestsAreRefused() {
    refused(
            valid().algorithms(SignatureMethod.RSA_SHA1, DigestMethod.SHA256).encoded(),
            ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("not allowed");
    refused(
            valid().algorithms(SignatureMethod.RSA_SHA256, DigestMethod.SHA1).encoded(),
            ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("not allowed");
  }

  @Test
  void anExpiredAssertionIsRefusedWithExpiredToken() {
    Instant past = Instant.now().minusSeconds(3600);
    refused(
            valid().notBefore(past.minusSeconds(60)).notOnOrAfter(past).encoded(),
            ErrorCode.EXPIRED_TOKEN_EXCEPTION)
        .hasMessageContaining("expired");
  }

  @Test
  void anAssertionNotYetValidIsRefused() {
    Instant future = Instant.now().plusSeconds(3600);
    refused(
            valid().notBefore(future).notOnOrAfter(future.plusSeconds(60)).encoded(),
            ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("not valid yet");
  }

  @Test
  void theSkewAllowsAFewMinutesEitherWay() {
    Instant justPast = Instant.now().minusSeconds(60);
    assertThat(verifier.verify(valid().notOnOrAfter(justPast).encoded(), metadata).subject())
        .isEqualTo("alice@example.com");
  }

  @Test
  void aWrongAudienceIsRefused() {
    refused(
            valid().audience("https://other.example.com/sp").encoded(),
            ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("AudienceRestriction");
  }

  @Test
  void aWrongRecipientIsRefused() {
    refused(
            valid().recipient("https://evil.example.com/saml").encoded(),
            ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("Recipient");
  }

  @Test
  void anIssuerOtherThanTheProvidersEntityIsRefused() {
    refused(
            valid().issuer("https://other-idp.example.com").encoded(),
            ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("is not the provider's entity");
  }

  @Test
  void aFailedAuthenticationStatusIsRejectedByTheIdp() {
    refused(
            valid().status("urn:oasis:names:tc:SAML:2.0:status:Requester").encoded(),
            ErrorCode.ID_P_REJECTED_CLAIM)
        .hasMessageContaining("did not report success");
  }

  @Test
  void aDoctypeOrExternalEntityIsRefusedBeforeAnythingIsRead() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">&x;"
            + "</samlp:Response>";
    refused(TestIdp.encode(xxe), ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("DOCTYPE is not allowed");
    String bomb =
        "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><r>&b;</r>";
    refused(TestIdp.encode(bomb), ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("DOCTYPE is not allowed");
  }

  @Test
  void malformedInputIsRefusedWithoutEchoingIt() {
    refused("%%% not base64 %%%", ErrorCode.INVALID_IDENTITY_TOKEN).hasMessageContaining("base64");
    refused(TestIdp.encode("<unclosed"), ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("not well-formed");
    refused(TestIdp.encode("<Response/>"), ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("not a samlp:Response");
    refused("A".repeat(SamlResponseVerifier.MAX_LENGTH + 4), ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("longer than");
    String encrypted =
        "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""
            + " xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">"
            + "<saml:EncryptedAssertion/></samlp:Response>";
    refused(TestIdp.encode(encrypted), ErrorCode.INVALID_IDENTITY_TOKEN)
        .hasMessageContaining("encrypted assertions are not supported");
  }

  @Test
  void aCommentInsideTheNameIdDoesNotTruncateIt() {
    SamlAssertion a =
        verifier.verify(
            valid().nameId("alice@example.com<!-- -->.evil.example", "urn:custom:format").encoded(),
            metadata);
    assertThat(a.subject()).isEqualTo("alice@example.com.evil.example");
    assertThat(a.subjectType()).isEqualTo("urn:custom:format");
  }

  @Test
  void settingsAcceptAwsEndpointsAndBoundTheSkew() {
    SamlSettings aws = SamlSettings.aws();
    assertThat(aws.acceptsRecipient("https://signin.aws.amazon.com/saml")).isTrue();
    assertThat(aws.acceptsRecipient("https://eu-west-1.signin.aws.amazon.com/saml/acs/abc-123"))
        .isTrue();
    assertThat(aws.acceptsRecipient("https://signin.aws.amazon.com.evil.com/saml")).isFalse();
    assertThat(aws.acceptsAudience("urn:amazon:webservices")).isTrue();
    assertThat(aws.acceptsAudience("https://gatehouse.example.com/saml")).isFalse();
    assertThatThrownBy(() -> new SamlSettings(Set.of(), Set.of(), Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(List.of(aws.skew())).containsExactly(SamlSettings.DEFAULT_SKEW);
  }
}
