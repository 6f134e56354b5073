package dev.gatehouse.core.saml;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which audiences and recipients Gatehouse accepts in an assertion, and the clock skew it allows.
 * AWS's own values are always accepted (spec: IAM User Guide, "Configure SAML assertions for the
 * authentication response": Audience {@code https://signin.aws.amazon.com/saml} or {@code
 * urn:amazon:webservices}; Recipient the sign-in endpoint {@code
 * https://signin.aws.amazon.com/saml}, a Regional {@code https://REGION.signin.aws.amazon.com/saml}
 * or the {@code /saml/acs/IDP-ID} form); a deployment adds its own (say {@code
 * https://gatehouse.example.com/saml}), which AWS cannot know.
 */
public record SamlSettings(Set<String> extraAudiences, Set<String> extraRecipients, Duration skew) {
  public static final List<String> AWS_AUDIENCES =
      List.of("https://signin.aws.amazon.com/saml", "urn:amazon:webservices");

  private static final Pattern AWS_RECIPIENT =
      Pattern.compile(
          "https://([a-z]{2}(-[a-z]+)+-\\d\\.)?signin\\.aws\\.amazon\\.com"
              + "(/saml(/acs/[A-Za-z0-9-]{1,64})?|/static/saml)");

  /** spec: none published; five minutes, the usual SAML allowance for unsynchronised clocks. */
  public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);

  public SamlSettings {
    extraAudiences = Set.copyOf(new LinkedHashSet<>(extraAudiences));
    extraRecipients = Set.copyOf(new LinkedHashSet<>(extraRecipients));
    if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(15)) > 0) {
      throw new IllegalArgumentException("SAML clock skew must be between 0 and 15 minutes");
    }
  }

  /** AWS's values only, five minutes of skew. */
  public static SamlSettings aws() {
    return new SamlSettings(Set.of(), Set.of(), DEFAULT_SKEW);
  }

  public boolean acceptsAudience(String audience) {
    return AWS_AUDIENCES.contains(audience) || extraAudiences.contains(audience);
  }

  public boolean acceptsRecipient(String recipient) {
    return AWS_RECIPIENT.matcher(recipient).matches() || extraRecipients.contains(recipient);
  }
}
