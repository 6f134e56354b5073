package dev.gatehouse.core.org;

import dev.gatehouse.core.domain.Tag;
import java.util.List;
import java.util.Objects;

/**
 * The members of a CreateAccount call as the client sent them (validated by the service).
 *
 * @param roleName empty for AWS's default, {@code OrganizationAccountAccessRole}
 * @param iamUserAccessToBilling {@code ALLOW}, {@code DENY}, or empty for AWS's default (ALLOW)
 */
public record CreateAccountRequest(
    String email,
    String accountName,
    String roleName,
    String iamUserAccessToBilling,
    List<Tag> tags) {
  public CreateAccountRequest {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(accountName, "accountName");
    Objects.requireNonNull(roleName, "roleName");
    Objects.requireNonNull(iamUserAccessToBilling, "iamUserAccessToBilling");
    tags = List.copyOf(tags);
  }

  public static CreateAccountRequest of(String email, String accountName) {
    return new CreateAccountRequest(email, accountName, "", "", List.of());
  }
}
