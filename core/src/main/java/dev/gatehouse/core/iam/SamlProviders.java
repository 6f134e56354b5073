package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.SamlProvider;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.saml.SamlMetadata;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.StoreConflict;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * IAM SAML 2.0 identity providers. spec: IAM API Reference, CreateSAMLProvider ...
 * ListSAMLProviderTags; IAM User Guide, "Create a SAML identity provider in IAM". The metadata
 * document must be SAML metadata with at least one signing certificate (see {@link SamlMetadata}).
 */
public final class SamlProviders {
  /** spec: IAM quotas, "SAML providers in an AWS account": 100. */
  public static final int MAX_PROVIDERS = 100;

  /** spec: model SAMLMetadataDocumentType: 1,000 to 10,000,000 characters. */
  public static final int MIN_DOCUMENT = 1000;

  public static final int MAX_DOCUMENT = 10_000_000;

  private static final String NAME_PATTERN = "[\\w._-]+";

  private final IamContext ctx;

  SamlProviders(IamContext ctx) {
    this.ctx = ctx;
  }

  /** A provider with its tags, as GetSAMLProvider shows it. */
  public record SamlProviderView(SamlProvider provider, List<Tag> tags) {
    public SamlProviderView {
      Objects.requireNonNull(provider, "provider");
      tags = List.copyOf(tags);
    }
  }

  /** spec: model SAMLProviderNameType: 1-128 characters of {@code [\w._-]+}. */
  static void name(String name) {
    Validation.shape("name", name, 1, 128, NAME_PATTERN);
  }

  /**
   * The metadata, checked. The length is checked without echoing the document (it may be ten
   * million characters).
   */
  static SamlMetadata metadata(String document) {
    if (document.length() < MIN_DOCUMENT || document.length() > MAX_DOCUMENT) {
      throw GatehouseException.validation(
          "1 validation error detected: Value at 'sAMLMetadataDocument' failed to satisfy"
              + " constraint: Member must have length between "
              + MIN_DOCUMENT
              + " and "
              + MAX_DOCUMENT
              + " (it has "
              + document.length()
              + ")");
    }
    return SamlMetadata.parse(document);
  }

  /**
   * GetSAMLProvider's ValidUntil: the metadata's {@code validUntil}, else 100 years after {@code
   * from} (AWS shows a date a century ahead for metadata without one).
   */
  static Instant validUntil(SamlMetadata m, Instant from) {
    return m.validUntil().orElseGet(() -> from.atOffset(ZoneOffset.UTC).plusYears(100).toInstant());
  }

  /** The provider an ARN names in {@code accountId}; empty for any other ARN. */
  public static Optional<SamlProvider> find(ReadTransaction tx, String accountId, String arn) {
    String prefix = Arns.samlProvider(accountId, "");
    if (!arn.startsWith(prefix) || arn.length() == prefix.length()) {
      return Optional.empty();
    }
    return tx.samlProviders().samlProvider(accountId, arn.substring(prefix.length()));
  }

  static SamlProvider provider(ReadTransaction tx, String accountId, String arn) {
    return find(tx, accountId, arn)
        .orElseThrow(
            () -> GatehouseException.noSuchEntity("SAMLProvider not found for arn " + arn));
  }

  private static void arn(String arn) {
    Validation.length("sAMLProviderArn", arn, 20, 2048);
  }

  private static GatehouseException exists(String name) {
    return GatehouseException.alreadyExists("SAMLProvider " + name + " already exists.");
  }

  public SamlProviderView create(String accountId, String name, String document, List<Tag> tags) {
    name(name);
    SamlMetadata m = metadata(document);
    Validation.tags(tags);
    return ctx.write(
        accountId,
        tx -> {
          if (tx.samlProviders().samlProviderCount(accountId) >= MAX_PROVIDERS) {
            throw IamErrors.quota("SAMLProvidersPerAccount", MAX_PROVIDERS);
          }
          if (tx.samlProviders().samlProvider(accountId, name).isPresent()) {
            throw exists(name);
          }
          Instant now = ctx.now();
          SamlProvider p =
              new SamlProvider(
                  accountId, ctx.ids().samlProviderId(), name, document, now, validUntil(m, now));
          try {
            tx.samlProviders().createSamlProvider(p);
          } catch (StoreConflict e) {
            throw exists(name);
          }
          IamRules.putTags(tx, p.id(), tags);
          return new SamlProviderView(p, tags);
        });
  }

  public SamlProviderView get(String accountId, String arn) {
    arn(arn);
    return ctx.read(
        tx -> {
          SamlProvider p = provider(tx, accountId, arn);
          return new SamlProviderView(p, tx.tags().tags(p.id()));
        });
  }

  /** ListSAMLProviders: every provider of the account (AWS does not paginate it). */
  public List<SamlProvider> list(String accountId) {
    return ctx.read(tx -> tx.samlProviders().samlProviders(accountId));
  }

  /** UpdateSAMLProvider: the new document replaces the old; returns the provider's ARN. */
  public String update(String accountId, String arn, String document) {
    arn(arn);
    SamlMetadata m = metadata(document);
    return ctx.write(
        accountId,
        tx -> {
          SamlProvider p = provider(tx, accountId, arn);
          tx.samlProviders().updateSamlProvider(p.withMetadata(document, validUntil(m, ctx.now())));
          return p.arn();
        });
  }

  /** DeleteSAMLProvider: NoSuchEntity for a provider that does not exist (spec: model errors). */
  public void delete(String accountId, String arn) {
    arn(arn);
    ctx.write(
        accountId,
        tx -> {
          SamlProvider p = provider(tx, accountId, arn);
          tx.samlProviders().deleteSamlProvider(accountId, p.name());
          return null;
        });
  }

  public void tag(String accountId, String arn, List<Tag> tags) {
    arn(arn);
    EntityTags.tag(ctx, accountId, tx -> provider(tx, accountId, arn).id(), tags);
  }

  public void untag(String accountId, String arn, List<String> tagKeys) {
    arn(arn);
    EntityTags.untag(ctx, accountId, tx -> provider(tx, accountId, arn).id(), tagKeys);
  }

  public Page<Tag> listTags(String accountId, String arn, PageRequest page) {
    arn(arn);
    return EntityTags.list(ctx, tx -> provider(tx, accountId, arn).id(), page);
  }

  /** The provider's tags, for its {@code aws:ResourceTag/...} keys; none when it does not exist. */
  public List<Tag> tagsOf(String accountId, String arn) {
    return ctx.read(
        tx -> find(tx, accountId, arn).map(p -> tx.tags().tags(p.id())).orElse(List.of()));
  }

  /** The provider an ARN names, with its parsed metadata, for AssumeRoleWithSAML. */
  public Optional<SamlProvider> byArn(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length != 6 || !arn.startsWith("arn:aws:iam::")) {
      return Optional.empty();
    }
    return ctx.read(tx -> find(tx, parts[4], arn));
  }
}
