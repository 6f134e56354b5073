package dev.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.OidcProvider;
import dev.gatehouse.core.domain.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract: OpenID Connect providers, their client ids, thumbprints and tags. */
public abstract class StoreContractOidcProviders extends StoreContractInstanceProfiles {
  private static final String THUMB_A = "a".repeat(40);
  private static final String THUMB_B = "0123456789ABCDEF0123456789abcdef01234567";

  private OidcProvider provider(String id, String url, List<String> clientIds) {
    return new OidcProvider(account, id + account, url, clientIds, List.of(THUMB_A), T0);
  }

  @Test
  void providerUrlsAreUniquePerAccountAndCompareExactly() {
    OidcProvider github =
        provider("OIDCGH", "token.actions.githubusercontent.com", List.of("sts.amazonaws.com"));
    write(tx -> tx.oidcProviders().createOidcProvider(github));
    assertThat(reads().oidcProviders().oidcProvider(account, "token.actions.githubusercontent.com"))
        .contains(github);
    assertThat(github.arn())
        .isEqualTo(
            "arn:aws:iam::" + account + ":oidc-provider/token.actions.githubusercontent.com");
    assertThatThrownBy(
            () ->
                write(
                    tx ->
                        tx.oidcProviders()
                            .createOidcProvider(
                                provider(
                                    "OIDCGH2", "token.actions.githubusercontent.com", List.of()))))
        .isInstanceOf(StoreConflict.class);
    assertThat(reads().oidcProviders().oidcProvider(account, "TOKEN.actions.githubusercontent.com"))
        .isEmpty();
    OidcProvider path = provider("OIDCPATH", "idp.example.com/realms/a", List.of("x", "y"));
    write(tx -> tx.oidcProviders().createOidcProvider(path));
    assertThat(reads().oidcProviders().oidcProviders(account)).containsExactly(path, github);
    assertThat(reads().oidcProviders().oidcProviderCount(account)).isEqualTo(2);
    assertThat(reads().oidcProviders().oidcProviders(newAccount())).isEmpty();
  }

  @Test
  void anUpdateReplacesClientIdsAndThumbprintsKeepingTheirOrder() {
    OidcProvider p = provider("OIDCUPD", "idp.example.com", List.of("b", "a"));
    write(tx -> tx.oidcProviders().createOidcProvider(p));
    OidcProvider changed = p.withClientIds(List.of("z", "b", "a")).withThumbprints(List.of());
    write(tx -> tx.oidcProviders().updateOidcProvider(changed));
    assertThat(reads().oidcProviders().oidcProvider(account, "idp.example.com")).contains(changed);
    OidcProvider two = changed.withClientIds(List.of()).withThumbprints(List.of(THUMB_B, THUMB_A));
    write(tx -> tx.oidcProviders().updateOidcProvider(two));
    assertThat(reads().oidcProviders().oidcProvider(account, "idp.example.com")).contains(two);
  }

  @Test
  void aDeletedProviderTakesItsTagsAlongAndASecondDeleteFindsNothing() {
    OidcProvider p = provider("OIDCDEL", "idp.example.com", List.of("a"));
    write(tx -> tx.oidcProviders().createOidcProvider(p));
    write(tx -> tx.tags().putTags(p.id(), List.of(new Tag("team", "ci"))));
    assertThat(reads().tags().tags(p.id())).containsExactly(new Tag("team", "ci"));
    assertThat(writes().oidcProviders().deleteOidcProvider(account, "idp.example.com")).isTrue();
    assertThat(reads().oidcProviders().oidcProvider(account, "idp.example.com")).isEmpty();
    assertThat(reads().tags().tags(p.id())).isEmpty();
    assertThat(writes().oidcProviders().deleteOidcProvider(account, "idp.example.com")).isFalse();
    write(tx -> tx.oidcProviders().createOidcProvider(p));
    assertThat(reads().oidcProviders().oidcProvider(account, "idp.example.com")).contains(p);
  }
}
