package dev.gatehouse.core.iam;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.SamlProvider;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.saml.TestIdp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SAML providers: create, read, update, delete, tag; each refusal with AWS's error. */
class SamlProvidersTest {
  private static final String ARN = "arn:aws:iam::123456789012:saml-provider/Corp";
  private static TestIdp idp;

  private final IamTestKit kit = new IamTestKit();
  private final IamServices iam = kit.iam;
  private final SamlProviders providers = iam.samlProviders();

  @BeforeAll
  static void idp() {
    idp = TestIdp.create("https://idp.example.com/metadata");
  }

  private static ErrorCode code(Throwable e) {
    return ((GatehouseException) e).code();
  }

  @Test
  void aProviderKeepsItsDocumentTagsAndACenturyOfValidity() {
    SamlProviders.SamlProviderView created =
        providers.create(ACCOUNT, "Corp", idp.metadata(), List.of(new Tag("team", "it")));
    SamlProvider p = created.provider();
    assertThat(p.arn()).isEqualTo(ARN);
    assertThat(p.id()).matches("SAML[A-Z2-7]{17}");
    assertThat(p.createDate()).isEqualTo(IamTestKit.NOW);
    assertThat(p.validUntil())
        .isEqualTo(IamTestKit.NOW.atOffset(ZoneOffset.UTC).plusYears(100).toInstant());
    assertThat(providers.get(ACCOUNT, ARN)).isEqualTo(created);
    assertThat(providers.list(ACCOUNT)).containsExactly(p);
    assertThat(providers.byArn(ARN)).contains(p);
    assertThat(providers.byArn("arn:aws:iam::123456789012:role/Corp")).isEmpty();
    assertThat(providers.byArn("not an arn")).isEmpty();
    assertThat(iam.accounts().getAccountSummary(ACCOUNT)).containsEntry("Providers", 1);

    assertThatThrownBy(() -> providers.create(ACCOUNT, "corp", idp.metadata(), List.of()))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.ENTITY_ALREADY_EXISTS))
        .hasMessageContaining("already exists");
  }

  @Test
  void anUpdateReplacesTheDocumentAndReadsItsValidUntil() {
    providers.create(ACCOUNT, "Corp", idp.metadata(), List.of());
    String dated =
        idp.metadata().replace("entityID=", "validUntil=\"2031-02-03T04:05:06Z\" entityID=");
    assertThat(providers.update(ACCOUNT, ARN, dated)).isEqualTo(ARN);
    SamlProvider p = providers.get(ACCOUNT, ARN).provider();
    assertThat(p.metadataDocument()).isEqualTo(dated);
    assertThat(p.validUntil()).isEqualTo(Instant.parse("2031-02-03T04:05:06Z"));
    assertThatThrownBy(() -> providers.update(ACCOUNT, ARN, "x".repeat(1000)))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThat(providers.get(ACCOUNT, ARN).provider().metadataDocument()).isEqualTo(dated);
  }

  @Test
  void tagsAreAddedListedAndRemoved() {
    providers.create(ACCOUNT, "Corp", idp.metadata(), List.of());
    providers.tag(ACCOUNT, ARN, List.of(new Tag("a", "1"), new Tag("b", "2")));
    assertThat(providers.listTags(ACCOUNT, ARN, PageRequest.first()).items())
        .containsExactly(new Tag("a", "1"), new Tag("b", "2"));
    providers.untag(ACCOUNT, ARN, List.of("a"));
    assertThat(providers.tagsOf(ACCOUNT, ARN)).containsExactly(new Tag("b", "2"));
    assertThat(providers.tagsOf(ACCOUNT, ARN + "x")).isEmpty();
  }

  @Test
  void deleteRemovesAndASecondDeleteIsNoSuchEntity() {
    providers.create(ACCOUNT, "Corp", idp.metadata(), List.of());
    providers.delete(ACCOUNT, ARN);
    assertThat(providers.list(ACCOUNT)).isEmpty();
    for (Runnable call :
        List.<Runnable>of(
            () -> providers.delete(ACCOUNT, ARN),
            () -> providers.get(ACCOUNT, ARN),
            () -> providers.update(ACCOUNT, ARN, idp.metadata()),
            () -> providers.tag(ACCOUNT, ARN, List.of(new Tag("a", "1"))),
            () -> providers.get(ACCOUNT, "arn:aws:iam::123456789012:oidc-provider/x.example"))) {
      assertThatThrownBy(call::run)
          .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.NO_SUCH_ENTITY));
    }
  }

  @Test
  void namesDocumentsAndTheQuotaAreChecked() {
    assertThatThrownBy(() -> providers.create(ACCOUNT, "bad name", idp.metadata(), List.of()))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.VALIDATION_ERROR));
    assertThatThrownBy(() -> providers.create(ACCOUNT, "Short", "<x/>", List.of()))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.VALIDATION_ERROR))
        .hasMessageContaining("length between 1000 and 10000000")
        .hasMessageNotContaining("<x/>");
    String noCert = idp.metadata().replace("use=\"signing\"", "use=\"encryption\"");
    assertThatThrownBy(() -> providers.create(ACCOUNT, "NoCert", noCert, List.of()))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessageContaining("no signing certificate");
    for (int i = 0; i < SamlProviders.MAX_PROVIDERS; i++) {
      providers.create(ACCOUNT, "p" + i, idp.metadata(), List.of());
    }
    assertThatThrownBy(() -> providers.create(ACCOUNT, "one-more", idp.metadata(), List.of()))
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
  }
}
