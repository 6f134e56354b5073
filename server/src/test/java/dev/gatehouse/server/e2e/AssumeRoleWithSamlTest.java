package dev.gatehouse.server.e2e;

import static dev.gatehouse.server.e2e.IamSdkTest.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.saml.SamlAttributes;
import dev.gatehouse.core.saml.TestIdp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * AssumeRoleWithSAML end to end: an IdP run by the test signs SAML responses; the AWS SDK for Java
 * v2 and the AWS CLI get credentials that then work (GetCallerIdentity); wrapped, tampered, expired
 * and mistrusted assertions are refused with AWS's errors and statuses.
 */
class AssumeRoleWithSamlTest extends AwsCliServerTest {
  static final String PROVIDER = "arn:aws:iam::" + ACCOUNT + ":saml-provider/Corp";
  static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/SamlDevelopers";
  static final String ONLY_BOB = "arn:aws:iam::" + ACCOUNT + ":role/OnlyBob";
  static TestIdp idp;
  static IamClient iam;
  static StsClient anonymous;

  static String trust(String condition) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"Federated\":\""
        + PROVIDER
        + "\"},\"Action\":[\"sts:AssumeRoleWithSAML\",\"sts:TagSession\","
        + "\"sts:SetSourceIdentity\"],"
        + "\"Condition\":{\"StringEquals\":{"
        + condition
        + "}}}]}";
  }

  @BeforeAll
  static void federation() {
    idp = TestIdp.create("https://idp.example.com/metadata");
    iam = server.root();
    iam.createSAMLProvider(r -> r.name("Corp").samlMetadataDocument(idp.metadata()));
    iam.createRole(
        r ->
            r.roleName("SamlDevelopers")
                .assumeRolePolicyDocument(
                    trust("\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"")));
    iam.createRole(
        r -> r.roleName("OnlyBob").assumeRolePolicyDocument(trust("\"saml:sub\":\"bob\"")));
    anonymous =
        StsClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterAll
  static void close() {
    anonymous.close();
    iam.close();
  }

  static AwsCredentialsProvider session(Credentials c) {
    return StaticCredentialsProvider.create(
        AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
  }

  static AwsServiceException refused(String role, String assertion) {
    try {
      anonymous.assumeRoleWithSAML(
          r -> r.roleArn(role).principalArn(PROVIDER).samlAssertion(assertion));
    } catch (AwsServiceException e) {
      return e;
    }
    throw new AssertionError("AssumeRoleWithSAML was not refused");
  }

  @Test
  void theSdkGetsCredentialsThatWork() {
    String assertion =
        idp.response()
            .role(ROLE, PROVIDER, "alice")
            .attribute(SamlAttributes.PRINCIPAL_TAG + "Project", "Marketing")
            .attribute(SamlAttributes.SOURCE_IDENTITY, "alice")
            .encoded();
    AssumeRoleWithSamlResponse r =
        anonymous.assumeRoleWithSAML(
            q ->
                q.roleArn(ROLE)
                    .principalArn(PROVIDER)
                    .samlAssertion(assertion)
                    .durationSeconds(900));
    String sessionArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/SamlDevelopers/alice";
    assertThat(r.assumedRoleUser().arn()).isEqualTo(sessionArn);
    assertThat(r.assumedRoleUser().assumedRoleId()).endsWith(":alice");
    assertThat(r.subject()).isEqualTo("alice@example.com");
    assertThat(r.subjectType()).isEqualTo("persistent");
    assertThat(r.issuer()).isEqualTo(idp.entityId());
    assertThat(r.audience()).isEqualTo(TestIdp.AWS_SAML);
    assertThat(r.nameQualifier())
        .isEqualTo(SamlAttributes.nameQualifier(idp.entityId(), ACCOUNT, "Corp"));
    assertThat(r.sourceIdentity()).isEqualTo("alice");
    assertThat(r.credentials().expiration())
        .isBetween(Instant.now().plusSeconds(800), Instant.now().plusSeconds(1000));
    try (StsClient asRole =
        StsClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(session(r.credentials()))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      assertThat(asRole.getCallerIdentity().arn()).isEqualTo(sessionArn);
    }
  }

  @Test
  void aWrappedSignatureIsInvalidIdentityToken() {
    Document doc = idp.response().role(ROLE, PROVIDER, "alice").signedDocument();
    Element response = doc.getDocumentElement();
    Element signed =
        (Element)
            doc.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion")
                .item(0);
    Element evil = (Element) signed.cloneNode(true);
    evil.setAttributeNS(null, "ID", "_evil");
    response.replaceChild(evil, signed);
    evil.appendChild(signed);
    AwsServiceException e = refused(ROLE, TestIdp.encode(doc));
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
  }

  @Test
  void aTamperedAttributeIsInvalidIdentityToken() {
    Document doc = idp.response().role(ROLE, PROVIDER, "alice").signedDocument();
    doc.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "AttributeValue")
        .item(1)
        .setTextContent("root");
    AwsServiceException e = refused(ROLE, TestIdp.encode(doc));
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
    assertThat(e.awsErrorDetails().errorMessage()).contains("signature does not verify");
  }

  @Test
  void anExpiredAssertionIsExpiredTokenException() {
    Instant past = Instant.now().minusSeconds(3600);
    AwsServiceException e =
        refused(
            ROLE,
            idp.response()
                .role(ROLE, PROVIDER, "alice")
                .notBefore(past.minusSeconds(60))
                .notOnOrAfter(past)
                .encoded());
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
  }

  @Test
  void trustPolicyAndRolePairRefusalsAreAccessDenied() {
    AwsServiceException notBob =
        refused(ONLY_BOB, idp.response().role(ONLY_BOB, PROVIDER, "alice").encoded());
    assertThat(notBob.statusCode()).isEqualTo(403);
    assertThat(notBob.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    assertThat(notBob.awsErrorDetails().errorMessage())
        .contains("Not authorized to perform sts:AssumeRoleWithSAML");
    String bob =
        idp.response()
            .nameId("bob", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient")
            .role(ONLY_BOB, PROVIDER, "bob")
            .encoded();
    assertThat(
            anonymous
                .assumeRoleWithSAML(
                    r -> r.roleArn(ONLY_BOB).principalArn(PROVIDER).samlAssertion(bob))
                .subjectType())
        .isEqualTo("transient");

    AwsServiceException otherRole =
        refused(ONLY_BOB, idp.response().role(ROLE, PROVIDER, "alice").encoded());
    assertThat(otherRole.statusCode()).isEqualTo(403);
    assertThat(otherRole.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
  }

  @Test
  void anImpostorsSignatureOrAnUnknownProviderIsInvalidIdentityToken() {
    AwsServiceException impostor =
        refused(ROLE, idp.impostor().response().role(ROLE, PROVIDER, "alice").encoded());
    assertThat(impostor.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
    String unknown = "arn:aws:iam::" + ACCOUNT + ":saml-provider/Nobody";
    try {
      anonymous.assumeRoleWithSAML(
          r ->
              r.roleArn(ROLE)
                  .principalArn(unknown)
                  .samlAssertion(idp.response().role(ROLE, unknown, "alice").encoded()));
      throw new AssertionError("not refused");
    } catch (AwsServiceException e) {
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
      assertThat(e.awsErrorDetails().errorMessage()).contains(unknown);
    }
  }

  @Test
  void theCliGetsCredentialsUnsignedAndTheyWork() throws Exception {
    String assertion = idp.response().role(ROLE, PROVIDER, "cli-user").encoded();
    JsonNode out =
        ok(
            Map.of(),
            "sts",
            "assume-role-with-saml",
            "--role-arn",
            ROLE,
            "--principal-arn",
            PROVIDER,
            "--saml-assertion",
            assertion);
    assertThat(out.at("/AssumedRoleUser/Arn").asText())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/SamlDevelopers/cli-user");
    assertThat(out.at("/Issuer").asText()).isEqualTo(idp.entityId());
    assertThat(out.at("/SubjectType").asText()).isEqualTo("persistent");
    Map<String, String> creds =
        new HashMap<>(
            AwsCli.keys(
                out.at("/Credentials/AccessKeyId").asText(),
                out.at("/Credentials/SecretAccessKey").asText()));
    creds.put("AWS_SESSION_TOKEN", out.at("/Credentials/SessionToken").asText());
    assertThat(ok(creds, "sts", "get-caller-identity").at("/Arn").asText())
        .endsWith(":assumed-role/SamlDevelopers/cli-user");

    Instant past = Instant.now().minusSeconds(3600);
    AwsCli.Result expired =
        aws(
            Map.of(),
            "sts",
            "assume-role-with-saml",
            "--role-arn",
            ROLE,
            "--principal-arn",
            PROVIDER,
            "--saml-assertion",
            idp.response()
                .role(ROLE, PROVIDER, "cli-user")
                .notBefore(past.minusSeconds(60))
                .notOnOrAfter(past)
                .encoded());
    assertThat(expired.exit()).isNotZero();
    assertThat(expired.err()).contains("(ExpiredTokenException)");
  }
}
