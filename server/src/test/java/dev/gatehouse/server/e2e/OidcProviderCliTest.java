package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect providers with the Debian AWS CLI. Skipped (visibly) only when /usr/bin/aws is
 * absent; CI installs it.
 */
class OidcProviderCliTest extends AwsCliServerTest {
  private static final String THUMB = "6938fd4d98bab03faadb97b34396831e3780aea1";

  @Test
  void createsAGithubActionsProviderAndReadsItBack() throws Exception {
    String arn =
        "arn:aws:iam::" + IamSdkTest.ACCOUNT + ":oidc-provider/token.actions.githubusercontent.com";
    JsonNode created =
        ok(
            "iam",
            "create-open-id-connect-provider",
            "--url",
            "https://token.actions.githubusercontent.com",
            "--client-id-list",
            "sts.amazonaws.com",
            "--thumbprint-list",
            THUMB);
    assertThat(created.at("/OpenIDConnectProviderArn").asText()).isEqualTo(arn);

    JsonNode got = ok("iam", "get-open-id-connect-provider", "--open-id-connect-provider-arn", arn);
    assertThat(got.at("/Url").asText()).isEqualTo("token.actions.githubusercontent.com");
    assertThat(got.at("/ClientIDList/0").asText()).isEqualTo("sts.amazonaws.com");
    assertThat(got.at("/ClientIDList").size()).isEqualTo(1);
    assertThat(got.at("/ThumbprintList/0").asText()).isEqualTo(THUMB);
    assertThat(got.at("/CreateDate").asText()).isNotEmpty();

    JsonNode listed = ok("iam", "list-open-id-connect-providers");
    assertThat(listed.at("/OpenIDConnectProviderList/0/Arn").asText()).isEqualTo(arn);

    AwsCli.Result again =
        aws(
            "iam",
            "create-open-id-connect-provider",
            "--url",
            "https://token.actions.githubusercontent.com",
            "--thumbprint-list",
            THUMB);
    assertThat(again.exit()).isNotZero();
    assertThat(again.err())
        .contains("(EntityAlreadyExists)")
        .contains("Provider with url https://token.actions.githubusercontent.com already exists.");

    ok("iam", "delete-open-id-connect-provider", "--open-id-connect-provider-arn", arn);
    AwsCli.Result gone =
        aws("iam", "get-open-id-connect-provider", "--open-id-connect-provider-arn", arn);
    assertThat(gone.err())
        .contains("(NoSuchEntity)")
        .contains("OpenIDConnect Provider not found for arn " + arn);
  }
}
