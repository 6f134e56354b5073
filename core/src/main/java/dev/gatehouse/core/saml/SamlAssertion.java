package dev.gatehouse.core.saml;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verified SAML response says: only ever read from the one assertion whose signature (or
 * whose enclosing response's signature) verified.
 *
 * @param issuer the assertion's Issuer
 * @param subject the Subject's NameID, empty when it has none
 * @param subjectFormat the NameID's Format as given, empty when absent
 * @param recipient the SubjectConfirmationData's Recipient (AWS's {@code saml:aud})
 * @param notOnOrAfter when the SubjectConfirmationData stops being valid
 * @param sessionNotOnOrAfter the AuthnStatement's SessionNotOnOrAfter, when given
 * @param attributes each Attribute's Name and its AttributeValues, in document order
 */
public record SamlAssertion(
    String issuer,
    String subject,
    String subjectFormat,
    String recipient,
    Instant notOnOrAfter,
    Optional<Instant> sessionNotOnOrAfter,
    Map<String, List<String>> attributes) {
  private static final String NAMEID_FORMAT_PREFIX = "urn:oasis:names:tc:SAML:2.0:nameid-format:";

  public SamlAssertion {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(subjectFormat, "subjectFormat");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(notOnOrAfter, "notOnOrAfter");
    Objects.requireNonNull(sessionNotOnOrAfter, "sessionNotOnOrAfter");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    attributes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    attributes = Collections.unmodifiableMap(copy);
  }

  /**
   * The subject type as AWS shows it (SubjectType, {@code saml:sub_type}): the Format without the
   * {@code urn:oasis:names:tc:SAML:2.0:nameid-format:} prefix, any other format unchanged (spec:
   * AssumeRoleWithSAML, SubjectType).
   */
  public String subjectType() {
    return subjectFormat.startsWith(NAMEID_FORMAT_PREFIX)
        ? subjectFormat.substring(NAMEID_FORMAT_PREFIX.length())
        : subjectFormat;
  }

  /** The values of the attribute {@code name} (exact, case-sensitive), none when absent. */
  public List<String> values(String name) {
    return attributes.getOrDefault(name, List.of());
  }
}
