package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An IAM OpenID Connect identity provider.
 *
 * @param id Gatehouse's own key for the provider's tags (AWS shows none)
 * @param url the provider URL without {@code https://}, as GetOpenIDConnectProvider shows it and
 *     the ARN ends
 * @param clientIds the audiences, in the order they were added
 * @param thumbprints the server certificate thumbprints, in the order given
 */
public record OidcProvider(
    String accountId,
    String id,
    String url,
    List<String> clientIds,
    List<String> thumbprints,
    Instant createDate) {
  public OidcProvider {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    clientIds = List.copyOf(clientIds);
    thumbprints = List.copyOf(thumbprints);
    Objects.requireNonNull(createDate, "createDate");
  }

  public String arn() {
    return Arns.oidcProvider(accountId, url);
  }

  public OidcProvider withClientIds(List<String> ids) {
    return new OidcProvider(accountId, id, url, ids, thumbprints, createDate);
  }

  public OidcProvider withThumbprints(List<String> list) {
    return new OidcProvider(accountId, id, url, clientIds, list, createDate);
  }
}
