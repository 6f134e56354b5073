package dev.gatehouse.server.e2e;

import static dev.gatehouse.server.e2e.IamSdkTest.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.saml.TestIdp;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.CreateSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.GetSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.SAMLProviderListEntry;
import software.amazon.awssdk.services.iam.model.Tag;

/** SAML identity providers through the AWS SDK for Java v2 over a socket. */
class SamlProviderSdkTest extends IamSdkServerTest {
  private static final TestIdp IDP = TestIdp.create("https://idp.example.com/metadata");

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  @Test
  void providerLifecycle() {
    CreateSamlProviderResponse created =
        iam.createSAMLProvider(
            r -> r.name("Corp").samlMetadataDocument(IDP.metadata()).tags(tag("team", "it")));
    String arn = created.samlProviderArn();
    assertThat(arn).isEqualTo("arn:aws:iam::" + ACCOUNT + ":saml-provider/Corp");
    assertThat(created.tags()).containsExactly(tag("team", "it"));

    GetSamlProviderResponse got = iam.getSAMLProvider(r -> r.samlProviderArn(arn));
    assertThat(got.samlMetadataDocument()).isEqualTo(IDP.metadata());
    assertThat(got.createDate()).isNotNull();
    assertThat(got.validUntil()).isAfter(got.createDate());
    assertThat(got.tags()).containsExactly(tag("team", "it"));

    assertThat(iam.listSAMLProviders().samlProviderList())
        .extracting(SAMLProviderListEntry::arn)
        .contains(arn);

    String dated =
        IDP.metadata().replace("entityID=", "validUntil=\"2031-02-03T04:05:06Z\" entityID=");
    assertThat(
            iam.updateSAMLProvider(r -> r.samlProviderArn(arn).samlMetadataDocument(dated))
                .samlProviderArn())
        .isEqualTo(arn);
    assertThat(iam.getSAMLProvider(r -> r.samlProviderArn(arn)).validUntil())
        .isEqualTo(java.time.Instant.parse("2031-02-03T04:05:06Z"));

    iam.tagSAMLProvider(r -> r.samlProviderArn(arn).tags(tag("env", "dev")));
    assertThat(iam.listSAMLProviderTags(r -> r.samlProviderArn(arn)).tags())
        .containsExactly(tag("env", "dev"), tag("team", "it"));
    iam.untagSAMLProvider(r -> r.samlProviderArn(arn).tagKeys("team"));
    assertThat(iam.listSAMLProviderTags(r -> r.samlProviderArn(arn)).tags())
        .containsExactly(tag("env", "dev"));

    AwsServiceException exists =
        error(() -> iam.createSAMLProvider(r -> r.name("corp").samlMetadataDocument(dated)));
    assertThat(exists.statusCode()).isEqualTo(409);
    assertThat(exists.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists");

    iam.deleteSAMLProvider(r -> r.samlProviderArn(arn));
    AwsServiceException gone = error(() -> iam.getSAMLProvider(r -> r.samlProviderArn(arn)));
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
    assertThat(gone.awsErrorDetails().errorMessage()).contains(arn);
  }

  @Test
  void metadataWithoutASigningCertificateIsInvalidInput() {
    String noCert = IDP.metadata().replace("use=\"signing\"", "use=\"encryption\"");
    AwsServiceException e =
        error(() -> iam.createSAMLProvider(r -> r.name("NoCert").samlMetadataDocument(noCert)));
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
    assertThat(e.awsErrorDetails().errorMessage()).contains("no signing certificate");
    AwsServiceException shortDoc =
        error(() -> iam.createSAMLProvider(r -> r.name("Short").samlMetadataDocument("<x/>")));
    assertThat(shortDoc.statusCode()).isEqualTo(400);
    assertThat(shortDoc.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
  }
}
