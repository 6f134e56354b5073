package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An IAM SAML 2.0 identity provider: a name and the IdP's metadata document, whose signing
 * certificates verify the assertions AssumeRoleWithSAML is given.
 *
 * @param id Gatehouse's own key for the provider's tags (AWS shows none)
 * @param name the provider's name, the end of its ARN
 * @param metadataDocument the metadata document as given (checked when it was given)
 * @param validUntil when the metadata stops being valid, as GetSAMLProvider shows it
 */
public record SamlProvider(
    String accountId,
    String id,
    String name,
    String metadataDocument,
    Instant createDate,
    Instant validUntil) {
  public SamlProvider {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(metadataDocument, "metadataDocument");
    Objects.requireNonNull(createDate, "createDate");
    Objects.requireNonNull(validUntil, "validUntil");
  }

  public String arn() {
    return Arns.samlProvider(accountId, name);
  }

  /** The same provider with another metadata document (UpdateSAMLProvider). */
  public SamlProvider withMetadata(String document, Instant until) {
    return new SamlProvider(accountId, id, name, document, createDate, until);
  }
}
