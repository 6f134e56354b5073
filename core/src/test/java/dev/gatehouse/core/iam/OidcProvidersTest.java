package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.OidcProvider;
import dev.gatehouse.core.domain.Tag;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** OpenID Connect providers: what succeeds, and what it returns. */
class OidcProvidersTest {
  private static final String THUMB = "6938FD4D98BAB03FAADB97B34396831E3780AEA1";
  private static final String ARN = "arn:aws:iam::123456789012:oidc-provider/idp.example.com/a";

  private final IamTestKit kit = new IamTestKit();
  private final IamServices iam = kit.iam;
  private final OidcProviders providers = iam.oidcProviders();

  private OidcProviderView create(String url, List<String> clientIds, List<Tag> tags) {
    return providers.create(
        ACCOUNT, new OidcProviders.CreateOidcProviderRequest(url, clientIds, List.of(THUMB), tags));
  }

  @Test
  void aProviderIsNamedByItsUrlWithoutTheScheme() {
    OidcProviderView created =
        create("https://idp.example.com/a", List.of("b", "a", "b"), List.of(new Tag("k", "v")));
    OidcProvider p = created.provider();
    assertThat(p.arn()).isEqualTo(ARN);
    assertThat(p.url()).isEqualTo("idp.example.com/a");
    assertThat(p.id()).matches("OIDC[A-Z2-7]{17}");
    assertThat(p.createDate()).isEqualTo(IamTestKit.NOW);
    // A client id given twice is kept once, in the order first given.
    assertThat(p.clientIds()).containsExactly("b", "a");
    assertThat(p.thumbprints()).containsExactly(THUMB);
    assertThat(created.tags()).containsExactly(new Tag("k", "v"));
    assertThat(providers.get(ACCOUNT, ARN)).isEqualTo(created);
    assertThat(providers.tagsOf(ACCOUNT, ARN)).containsExactly(new Tag("k", "v"));
    assertThat(providers.tagsOf(ACCOUNT, ARN + "/missing")).isEmpty();
    assertThat(iam.accounts().getAccountSummary(ACCOUNT)).containsEntry("Providers", 1);

    create("https://idp.example.com", List.of(), List.of());
    assertThat(providers.list(ACCOUNT))
        .extracting(OidcProvider::url)
        .containsExactly("idp.example.com", "idp.example.com/a");
  }

  @Test
  void clientIdsAndThumbprintsChangeInPlace() {
    create("https://idp.example.com/a", List.of("a"), List.of());
    providers.addClientId(ACCOUNT, ARN, "b");
    providers.addClientId(ACCOUNT, ARN, "a");
    assertThat(providers.get(ACCOUNT, ARN).provider().clientIds()).containsExactly("a", "b");
    providers.removeClientId(ACCOUNT, ARN, "a");
    providers.removeClientId(ACCOUNT, ARN, "never");
    assertThat(providers.get(ACCOUNT, ARN).provider().clientIds()).containsExactly("b");
    String lower = THUMB.toLowerCase(Locale.ROOT);
    providers.updateThumbprints(ACCOUNT, ARN, List.of(lower, "0".repeat(40)));
    assertThat(providers.get(ACCOUNT, ARN).provider().thumbprints())
        .containsExactly(lower, "0".repeat(40));
    providers.updateThumbprints(ACCOUNT, ARN, List.of());
    assertThat(providers.get(ACCOUNT, ARN).provider().thumbprints()).isEmpty();
  }

  @Test
  void tagsFollowTheRoleRulesAndDeletionIsIdempotent() {
    create("https://idp.example.com/a", List.of(), List.of());
    providers.tag(ACCOUNT, ARN, List.of(new Tag("env", "prod"), new Tag("Team", "id")));
    providers.untag(ACCOUNT, ARN, List.of("ENV"));
    assertThat(providers.listTags(ACCOUNT, ARN, PageRequest.first()).items())
        .containsExactly(new Tag("Team", "id"));
    providers.delete(ACCOUNT, ARN);
    providers.delete(ACCOUNT, ARN);
    providers.delete(ACCOUNT, "arn:aws:iam::210987654321:oidc-provider/idp.example.com/a");
    assertThat(providers.list(ACCOUNT)).isEmpty();
    assertThat(iam.accounts().getAccountSummary(ACCOUNT)).containsEntry("Providers", 0);
  }
}
