package dev.gatehouse.server.e2e;

import static dev.gatehouse.server.e2e.IamSdkTest.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.CreateOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.Tag;

/** OpenID Connect identity providers through the AWS SDK for Java v2 over a socket. */
class OidcProviderSdkTest extends IamSdkServerTest {
  private static final String THUMB = "6938fd4d98bab03faadb97b34396831e3780aea1";
  private static final String THUMB2 = "1C58A3A8518E8759BF075B76B750D4F2DF264FCD";

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static int providers() {
    return iam.getAccountSummary().summaryMap().get(SummaryKeyType.PROVIDERS);
  }

  @Test
  void providerLifecycle() {
    int before = providers();
    CreateOpenIdConnectProviderResponse created =
        iam.createOpenIDConnectProvider(
            r ->
                r.url("https://token.actions.githubusercontent.com")
                    .clientIDList("sts.amazonaws.com")
                    .thumbprintList(THUMB)
                    .tags(tag("team", "ci")));
    String arn = created.openIDConnectProviderArn();
    assertThat(arn)
        .isEqualTo(
            "arn:aws:iam::" + ACCOUNT + ":oidc-provider/token.actions.githubusercontent.com");
    assertThat(created.tags()).containsExactly(tag("team", "ci"));
    assertThat(providers()).isEqualTo(before + 1);

    GetOpenIdConnectProviderResponse got =
        iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
    assertThat(got.url()).isEqualTo("token.actions.githubusercontent.com");
    assertThat(got.clientIDList()).containsExactly("sts.amazonaws.com");
    assertThat(got.thumbprintList()).containsExactly(THUMB);
    assertThat(got.createDate()).isNotNull();
    assertThat(got.tags()).containsExactly(tag("team", "ci"));

    AwsServiceException exists =
        error(
            () ->
                iam.createOpenIDConnectProvider(
                    r -> r.url("https://token.actions.githubusercontent.com")));
    assertThat(exists.statusCode()).isEqualTo(409);
    assertThat(exists.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists");
    assertThat(exists.awsErrorDetails().errorMessage())
        .isEqualTo("Provider with url https://token.actions.githubusercontent.com already exists.");

    // The thumbprint list may be left out; a path is part of the URL and of the ARN.
    String keycloak =
        iam.createOpenIDConnectProvider(r -> r.url("https://sso.example.com/realms/dev"))
            .openIDConnectProviderArn();
    assertThat(keycloak)
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":oidc-provider/sso.example.com/realms/dev");
    GetOpenIdConnectProviderResponse bare =
        iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(keycloak));
    assertThat(bare.clientIDList()).isEmpty();
    assertThat(bare.thumbprintList()).isEmpty();
    assertThat(bare.tags()).isEmpty();
    assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList())
        .extracting(OpenIDConnectProviderListEntry::arn)
        .contains(arn, keycloak);

    iam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("web"));
    iam.addClientIDToOpenIDConnectProvider(
        r -> r.openIDConnectProviderArn(arn).clientID("sts.amazonaws.com"));
    assertThat(iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).clientIDList())
        .containsExactly("sts.amazonaws.com", "web");
    iam.removeClientIDFromOpenIDConnectProvider(
        r -> r.openIDConnectProviderArn(arn).clientID("sts.amazonaws.com"));
    iam.removeClientIDFromOpenIDConnectProvider(
        r -> r.openIDConnectProviderArn(arn).clientID("never-added"));
    assertThat(iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).clientIDList())
        .containsExactly("web");

    iam.updateOpenIDConnectProviderThumbprint(
        r -> r.openIDConnectProviderArn(arn).thumbprintList(THUMB2, THUMB));
    assertThat(iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).thumbprintList())
        .containsExactly(THUMB2, THUMB);
    assertError(
        () ->
            iam.updateOpenIDConnectProviderThumbprint(
                r -> r.openIDConnectProviderArn(arn).thumbprintList("not-hex-" + "0".repeat(32))),
        400,
        "InvalidInput");
    assertError(
        () ->
            iam.createOpenIDConnectProvider(
                r -> r.url("http://insecure.example.com").thumbprintList(THUMB)),
        400,
        "ValidationError");

    iam.tagOpenIDConnectProvider(
        r -> r.openIDConnectProviderArn(arn).tags(tag("env", "prod"), tag("TEAM", "ops")));
    assertThat(iam.listOpenIDConnectProviderTags(r -> r.openIDConnectProviderArn(arn)).tags())
        .containsExactly(tag("env", "prod"), tag("TEAM", "ops"));
    iam.untagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tagKeys("ENV"));
    assertThat(iam.listOpenIDConnectProviderTags(r -> r.openIDConnectProviderArn(arn)).tags())
        .containsExactly(tag("TEAM", "ops"));

    iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
    // spec: DeleteOpenIDConnectProvider is idempotent.
    iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
    AwsServiceException gone =
        error(() -> iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)));
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
    assertThat(gone.awsErrorDetails().errorMessage())
        .isEqualTo("OpenIDConnect Provider not found for arn " + arn);
    assertError(
        () ->
            iam.addClientIDToOpenIDConnectProvider(
                r -> r.openIDConnectProviderArn(arn).clientID("x")),
        404,
        "NoSuchEntity");
    iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(keycloak));
    assertThat(providers()).isEqualTo(before);
  }

  @Test
  void managingProvidersNeedsAPolicyThatAllowsIt() {
    iam.createUser(r -> r.userName("oidc-admin"));
    AccessKey key = iam.createAccessKey(r -> r.userName("oidc-admin")).accessKey();
    String arn = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/idp.example.org";
    try (IamClient user = server.client(key.accessKeyId(), key.secretAccessKey())) {
      AwsServiceException denied =
          error(
              () ->
                  user.createOpenIDConnectProvider(
                      r -> r.url("https://idp.example.org").clientIDList("app")));
      assertThat(denied.statusCode()).isEqualTo(403);
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(denied.awsErrorDetails().errorMessage())
          .isEqualTo(
              "User: arn:aws:iam::"
                  + ACCOUNT
                  + ":user/oidc-admin is not authorized to perform:"
                  + " iam:CreateOpenIDConnectProvider on resource: "
                  + arn
                  + " because no identity-based policy allows the"
                  + " iam:CreateOpenIDConnectProvider action");
      assertError(() -> user.listOpenIDConnectProviders(), 403, "AccessDenied");

      iam.putUserPolicy(
          r ->
              r.userName("oidc-admin")
                  .policyName("oidc")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":["
                          + "{\"Effect\":\"Allow\",\"Action\":["
                          + "\"iam:CreateOpenIDConnectProvider\","
                          + "\"iam:GetOpenIDConnectProvider\","
                          + "\"iam:ListOpenIDConnectProviders\"],"
                          + "\"Resource\":\"*\",\"Condition\":{\"StringEqualsIfExists\":"
                          + "{\"aws:RequestTag/team\":\"id\"}}},"
                          + "{\"Effect\":\"Allow\",\"Action\":["
                          + "\"iam:AddClientIDToOpenIDConnectProvider\","
                          + "\"iam:DeleteOpenIDConnectProvider\"],"
                          + "\"Resource\":\"arn:aws:iam::"
                          + ACCOUNT
                          + ":oidc-provider/*\",\"Condition\":{\"StringEquals\":"
                          + "{\"aws:ResourceTag/team\":\"id\"}}}]}"));
      // aws:RequestTag: the tags the create request carries.
      assertError(
          () ->
              user.createOpenIDConnectProvider(
                  r -> r.url("https://idp.example.org").tags(tag("team", "other"))),
          403,
          "AccessDenied");
      assertThat(
              user.createOpenIDConnectProvider(
                      r ->
                          r.url("https://idp.example.org")
                              .clientIDList("app")
                              .tags(tag("team", "id")))
                  .openIDConnectProviderArn())
          .isEqualTo(arn);
      assertThat(user.listOpenIDConnectProviders().openIDConnectProviderList())
          .extracting(OpenIDConnectProviderListEntry::arn)
          .contains(arn);

      // aws:ResourceTag: the provider's own tags.
      user.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("b"));
      iam.tagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tags(tag("team", "x")));
      AwsServiceException byTag =
          error(
              () ->
                  user.addClientIDToOpenIDConnectProvider(
                      r -> r.openIDConnectProviderArn(arn).clientID("c")));
      assertThat(byTag.statusCode()).isEqualTo(403);
      assertThat(byTag.awsErrorDetails().errorMessage())
          .contains("iam:AddClientIDToOpenIDConnectProvider on resource: " + arn + " because");
      assertError(
          () -> user.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)),
          403,
          "AccessDenied");
      assertError(
          () ->
              user.updateOpenIDConnectProviderThumbprint(
                  r -> r.openIDConnectProviderArn(arn).thumbprintList(THUMB)),
          403,
          "AccessDenied");
      assertThat(user.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).clientIDList())
          .isEqualTo(List.of("app", "b"));
      iam.tagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tags(tag("team", "id")));
      user.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
    }
  }
}
