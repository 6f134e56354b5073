package dev.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.SamlProvider;
import dev.gatehouse.core.domain.Tag;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract: SAML providers, their metadata documents and tags. */
public abstract class StoreContractSamlProviders extends StoreContractOidcProviders {
  private static final Instant UNTIL = Instant.parse("2126-01-02T03:04:05.678Z");

  private SamlProvider provider(String name, String document) {
    return new SamlProvider(account, "SAML" + name + account, name, document, T0, UNTIL);
  }

  @Test
  void samlProviderNamesAreUniquePerAccountIgnoringCase() {
    SamlProvider okta = provider("Okta", "<md okta/>");
    write(tx -> tx.samlProviders().createSamlProvider(okta));
    assertThat(reads().samlProviders().samlProvider(account, "okta")).contains(okta);
    assertThat(okta.arn()).isEqualTo("arn:aws:iam::" + account + ":saml-provider/Okta");
    assertThatThrownBy(
            () -> write(tx -> tx.samlProviders().createSamlProvider(provider("OKTA", "<x/>"))))
        .isInstanceOf(StoreConflict.class);
    SamlProvider adfs = provider("adfs", "<md adfs/>");
    write(tx -> tx.samlProviders().createSamlProvider(adfs));
    assertThat(reads().samlProviders().samlProviders(account)).containsExactly(adfs, okta);
    assertThat(reads().samlProviders().samlProviderCount(account)).isEqualTo(2);
    assertThat(reads().samlProviders().samlProviders(newAccount())).isEmpty();
    assertThat(reads().samlProviders().samlProvider(newAccount(), "okta")).isEmpty();
  }

  @Test
  void anUpdateReplacesTheMetadataAndALargeDocumentSurvivesWhole() {
    SamlProvider p = provider("Big", "<md v1/>");
    write(tx -> tx.samlProviders().createSamlProvider(p));
    String big = "<md>" + "x".repeat(200_000) + "</md>";
    SamlProvider changed = p.withMetadata(big, T0.plusSeconds(60));
    write(tx -> tx.samlProviders().updateSamlProvider(changed));
    assertThat(reads().samlProviders().samlProvider(account, "big")).contains(changed);
  }

  @Test
  void aDeletedSamlProviderTakesItsTagsAlong() {
    SamlProvider p = provider("Gone", "<md/>");
    write(tx -> tx.samlProviders().createSamlProvider(p));
    write(tx -> tx.tags().putTags(p.id(), List.of(new Tag("team", "it"))));
    assertThat(writes().samlProviders().deleteSamlProvider(account, "GONE")).isTrue();
    assertThat(reads().samlProviders().samlProvider(account, "Gone")).isEmpty();
    assertThat(reads().tags().tags(p.id())).isEmpty();
    assertThat(writes().samlProviders().deleteSamlProvider(account, "Gone")).isFalse();
  }
}
