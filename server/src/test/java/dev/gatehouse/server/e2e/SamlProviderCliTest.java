package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.saml.TestIdp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * SAML providers with the Debian AWS CLI. Skipped (visibly) only when /usr/bin/aws is absent; CI
 * installs it.
 */
class SamlProviderCliTest extends AwsCliServerTest {
  @Test
  void createsReadsUpdatesTagsAndDeletesAProvider() throws Exception {
    TestIdp idp = TestIdp.create("https://idp.example.com/metadata");
    Path metadata = work.resolve("idp-metadata.xml");
    Files.writeString(metadata, idp.metadata());
    String arn = "arn:aws:iam::" + IamSdkTest.ACCOUNT + ":saml-provider/Corp";
    JsonNode created =
        ok(
            "iam",
            "create-saml-provider",
            "--name",
            "Corp",
            "--saml-metadata-document",
            "file://" + metadata,
            "--tags",
            "Key=team,Value=it");
    assertThat(created.at("/SAMLProviderArn").asText()).isEqualTo(arn);
    assertThat(created.at("/Tags/0/Key").asText()).isEqualTo("team");

    JsonNode got = ok("iam", "get-saml-provider", "--saml-provider-arn", arn);
    assertThat(got.at("/SAMLMetadataDocument").asText()).isEqualTo(idp.metadata());
    assertThat(got.at("/ValidUntil").asText()).isNotEmpty();
    assertThat(got.at("/CreateDate").asText()).isNotEmpty();

    JsonNode listed = ok("iam", "list-saml-providers");
    assertThat(listed.at("/SAMLProviderList/0/Arn").asText()).isEqualTo(arn);

    JsonNode updated =
        ok(
            "iam",
            "update-saml-provider",
            "--saml-provider-arn",
            arn,
            "--saml-metadata-document",
            "file://" + metadata);
    assertThat(updated.at("/SAMLProviderArn").asText()).isEqualTo(arn);

    ok("iam", "tag-saml-provider", "--saml-provider-arn", arn, "--tags", "Key=env,Value=dev");
    JsonNode tags = ok("iam", "list-saml-provider-tags", "--saml-provider-arn", arn);
    assertThat(tags.at("/Tags").size()).isEqualTo(2);
    ok("iam", "untag-saml-provider", "--saml-provider-arn", arn, "--tag-keys", "team");
    assertThat(ok("iam", "list-saml-provider-tags", "--saml-provider-arn", arn).at("/Tags").size())
        .isEqualTo(1);

    Path bad = work.resolve("bad.xml");
    Files.writeString(bad, idp.metadata().replace("use=\"signing\"", "use=\"encryption\""));
    AwsCli.Result refused =
        aws(
            "iam",
            "create-saml-provider",
            "--name",
            "Bad",
            "--saml-metadata-document",
            "file://" + bad);
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("(InvalidInput)").contains("no signing certificate");

    ok("iam", "delete-saml-provider", "--saml-provider-arn", arn);
    AwsCli.Result gone = aws("iam", "get-saml-provider", "--saml-provider-arn", arn);
    assertThat(gone.err()).contains("(NoSuchEntity)").contains(arn);
  }
}
