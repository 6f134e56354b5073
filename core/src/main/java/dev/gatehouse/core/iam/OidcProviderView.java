package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.OidcProvider;
import dev.gatehouse.core.domain.Tag;
import java.util.List;

/** An OpenID Connect provider with its tags, as CreateOpenIDConnectProvider and Get show it. */
public record OidcProviderView(OidcProvider provider, List<Tag> tags) {
  public OidcProviderView {
    tags = List.copyOf(tags);
  }
}
