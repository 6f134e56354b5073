package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.OidcProvider;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.store.ReadTransaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IAM OpenID Connect identity providers. spec: IAM API Reference, CreateOpenIDConnectProvider ...
 * ListOpenIDConnectProviderTags; IAM User Guide, "Create an OpenID Connect (OIDC) identity provider
 * in IAM". Only the IAM side: Gatehouse does not accept web identity tokens.
 */
public final class OidcProviders {
  /** spec: IAM quotas: OIDC providers per account 100. */
  public static final int MAX_PROVIDERS = 100;

  /** spec: CreateOpenIDConnectProvider ClientIDList: "more than 100 client IDs" are refused. */
  public static final int MAX_CLIENT_IDS = 100;

  /** spec: CreateOpenIDConnectProvider ThumbprintList: "up to five thumbprints". */
  public static final int MAX_THUMBPRINTS = 5;

  private static final String SCHEME = "https://";
  private static final Pattern HEX40 = Pattern.compile("[0-9A-Fa-f]{40}");

  private final IamContext ctx;

  OidcProviders(IamContext ctx) {
    this.ctx = ctx;
  }

  /** CreateOpenIDConnectProvider; an omitted list is empty. */
  public record CreateOidcProviderRequest(
      String url, List<String> clientIds, List<String> thumbprints, List<Tag> tags) {
    public CreateOidcProviderRequest {
      Objects.requireNonNull(url, "url");
      clientIds = List.copyOf(clientIds);
      thumbprints = List.copyOf(thumbprints);
      tags = List.copyOf(tags);
    }
  }

  /**
   * The URL without {@code https://}. spec: "The URL must begin with https:// ... path components
   * are allowed but query parameters are not"; model: 1-255 characters.
   */
  static String url(String url) {
    Validation.length("url", url, 1, 255);
    if (!url.startsWith(SCHEME)) {
      throw invalidUrl();
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalidUrl();
    }
    if (uri.getRawAuthority() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw invalidUrl();
    }
    return url.substring(SCHEME.length());
  }

  private static GatehouseException invalidUrl() {
    return GatehouseException.validation("Invalid Open ID Connect Provider URL");
  }

  /** Each once, in the order first given: the provider keeps a set of audiences. */
  static List<String> clientIds(List<String> ids) {
    for (int i = 0; i < ids.size(); i++) {
      Validation.length("clientIDList." + (i + 1) + ".member", ids.get(i), 1, 255);
    }
    List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
    if (unique.size() > MAX_CLIENT_IDS) {
      throw IamErrors.quota("ClientIdsPerOpenIdConnectProvider", MAX_CLIENT_IDS);
    }
    return unique;
  }

  /** Each 40 characters (model) of hex (spec: "the hex-encoded SHA-1 hash value"), at most five. */
  static List<String> thumbprints(List<String> given) {
    for (int i = 0; i < given.size(); i++) {
      String t = given.get(i);
      Validation.length("thumbprintList." + (i + 1) + ".member", t, 40, 40);
      if (!HEX40.matcher(t).matches()) {
        throw GatehouseException.invalidInput(
            "Thumbprint " + t + " is not a hex-encoded SHA-1 hash (40 hexadecimal digits).");
      }
    }
    if (given.size() > MAX_THUMBPRINTS) {
      throw GatehouseException.invalidInput(
          "Thumbprint list must contain fewer than " + MAX_THUMBPRINTS + " entries.");
    }
    return List.copyOf(given);
  }

  /** The provider an ARN names in {@code accountId}; NoSuchEntity for any other ARN. */
  static Optional<OidcProvider> find(ReadTransaction tx, String accountId, String arn) {
    String prefix = Arns.oidcProvider(accountId, "");
    if (!arn.startsWith(prefix) || arn.length() == prefix.length()) {
      return Optional.empty();
    }
    return tx.oidcProviders().oidcProvider(accountId, arn.substring(prefix.length()));
  }

  static OidcProvider provider(ReadTransaction tx, String accountId, String arn) {
    return find(tx, accountId, arn).orElseThrow(() -> IamErrors.noSuchOidcProvider(arn));
  }

  private static void arn(String arn) {
    Validation.length("openIDConnectProviderArn", arn, 20, 2048);
  }

  public OidcProviderView create(String accountId, CreateOidcProviderRequest request) {
    String url = url(request.url());
    List<String> clientIds = clientIds(request.clientIds());
    List<String> thumbprints = thumbprints(request.thumbprints());
    Validation.tags(request.tags());
    return ctx.write(
        accountId,
        tx -> {
          OidcProvider p =
              new OidcProvider(
                  accountId, ctx.ids().oidcProviderId(), url, clientIds, thumbprints, ctx.now());
          IamRules.createOidcProvider(tx, p, MAX_PROVIDERS);
          IamRules.putTags(tx, p.id(), request.tags());
          return new OidcProviderView(p, request.tags());
        });
  }

  public OidcProviderView get(String accountId, String arn) {
    arn(arn);
    return ctx.read(
        tx -> {
          OidcProvider p = provider(tx, accountId, arn);
          return new OidcProviderView(p, tx.tags().tags(p.id()));
        });
  }

  /** ListOpenIDConnectProviders: every provider of the account (AWS does not paginate it). */
  public List<OidcProvider> list(String accountId) {
    return ctx.read(tx -> tx.oidcProviders().oidcProviders(accountId));
  }

  /** spec: "idempotent; it does not fail ... for a provider that does not exist". */
  public void delete(String accountId, String arn) {
    arn(arn);
    ctx.write(
        accountId,
        tx -> {
          find(tx, accountId, arn)
              .ifPresent(p -> tx.oidcProviders().deleteOidcProvider(accountId, p.url()));
          return null;
        });
  }

  /** spec: "idempotent; it does not fail ... if you add an existing client ID". */
  public void addClientId(String accountId, String arn, String clientId) {
    arn(arn);
    Validation.length("clientID", clientId, 1, 255);
    ctx.write(
        accountId,
        tx -> {
          OidcProvider p = provider(tx, accountId, arn);
          if (!p.clientIds().contains(clientId)) {
            List<String> ids = new ArrayList<>(p.clientIds());
            ids.add(clientId);
            tx.oidcProviders().updateOidcProvider(p.withClientIds(clientIds(ids)));
          }
          return null;
        });
  }

  /**
   * spec: "idempotent; it does not fail ... if you try to remove a client ID that does not exist".
   */
  public void removeClientId(String accountId, String arn, String clientId) {
    arn(arn);
    Validation.length("clientID", clientId, 1, 255);
    ctx.write(
        accountId,
        tx -> {
          OidcProvider p = provider(tx, accountId, arn);
          if (p.clientIds().contains(clientId)) {
            List<String> ids = new ArrayList<>(p.clientIds());
            ids.remove(clientId);
            tx.oidcProviders().updateOidcProvider(p.withClientIds(ids));
          }
          return null;
        });
  }

  /** UpdateOpenIDConnectProviderThumbprint: the given list replaces the provider's. */
  public void updateThumbprints(String accountId, String arn, List<String> thumbprints) {
    arn(arn);
    List<String> list = thumbprints(thumbprints);
    ctx.write(
        accountId,
        tx -> {
          tx.oidcProviders().updateOidcProvider(provider(tx, accountId, arn).withThumbprints(list));
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

  /**
   * The provider's tags, for its {@code aws:ResourceTag/...} keys: none for a provider that does
   * not exist (the action then fails with NoSuchEntity once authorized).
   */
  public List<Tag> tagsOf(String accountId, String arn) {
    return ctx.read(
        tx -> find(tx, accountId, arn).map(p -> tx.tags().tags(p.id())).orElse(List.of()));
  }
}
